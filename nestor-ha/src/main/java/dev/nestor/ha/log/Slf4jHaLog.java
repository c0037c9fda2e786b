package dev.nestor.ha.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes HA messages to SLF4J as Kea prints them: {@code "<ID> <text>"}, on the loggers Kea uses
 * ({@code kea-dhcp4.ha-hooks}, {@code kea-dhcp4.commands}...), so that Kea {@code loggers} configuration applies.
 */
public final class Slf4jHaLog implements HaLog {

    private final Logger haLogger;
    private final Logger commandLogger;

    /**
     * @param programLogger Kea's root logger name of the program, {@code kea-dhcp4} or {@code kea-dhcp6}: HA messages
     *                      go to {@code <program>.ha-hooks}, COMMAND_RECEIVED to {@code <program>.commands}, as in Kea
     */
    public Slf4jHaLog(String programLogger) {
        this.haLogger = LoggerFactory.getLogger(programLogger + ".ha-hooks");
        this.commandLogger = LoggerFactory.getLogger(programLogger + ".commands");
    }

    /** The loggers of HA inside kea-dhcp4. */
    public static Slf4jHaLog forDhcp4() {
        return new Slf4jHaLog("kea-dhcp4");
    }

    /** The loggers of HA inside kea-dhcp6. */
    public static Slf4jHaLog forDhcp6() {
        return new Slf4jHaLog("kea-dhcp6");
    }

    @Override
    public void log(HaLogId id, Object... arguments) {
        Logger logger = id == HaLogId.COMMAND_RECEIVED ? commandLogger : haLogger;
        String text = id.name() + " " + id.format(arguments);
        switch (id.severity()) {
            case DEBUG -> logger.debug(text);
            case INFO -> logger.info(text);
            case WARN -> logger.warn(text);
            case ERROR -> logger.error(text);
        }
    }
}

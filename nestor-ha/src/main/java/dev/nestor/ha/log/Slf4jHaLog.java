package dev.nestor.ha.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes HA messages to SLF4J as Kea prints them: {@code "<ID> <text>"}, on the logger named
 * {@code kea-dhcp4.ha-hooks} (or {@code kea-dhcp6.ha-hooks}) so that Kea {@code loggers} configuration applies.
 */
public final class Slf4jHaLog implements HaLog {

    private final Logger logger;

    public Slf4jHaLog(String loggerName) {
        this.logger = LoggerFactory.getLogger(loggerName);
    }

    /** The logger Kea's HA hook uses inside kea-dhcp4. */
    public static Slf4jHaLog forDhcp4() {
        return new Slf4jHaLog("kea-dhcp4.ha-hooks");
    }

    /** The logger Kea's HA hook uses inside kea-dhcp6. */
    public static Slf4jHaLog forDhcp6() {
        return new Slf4jHaLog("kea-dhcp6.ha-hooks");
    }

    @Override
    public void log(HaLogId id, Object... arguments) {
        String text = id.name() + " " + id.format(arguments);
        switch (id.severity()) {
            case DEBUG -> logger.debug(text);
            case INFO -> logger.info(text);
            case WARN -> logger.warn(text);
            case ERROR -> logger.error(text);
        }
    }
}

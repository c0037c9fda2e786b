package dev.nestor.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import dev.nestor.config.LoggerConfig;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies Kea's {@code loggers} configuration to logback: one logback logger per entry (Kea names such as
 * {@code kea-dhcp4} and {@code kea-dhcp4.packets}), severity mapped (FATAL and ERROR to ERROR, NONE to OFF), outputs
 * {@code stdout}, {@code stderr} or a file rotated at {@code maxsize} bytes (Kea's floor of 204800) keeping
 * {@code maxver} old files, in Kea's line format {@code 2019-08-05 14:27:45.871 INFO  [kea-dhcp4.dhcp4/8475.main] ID
 * text}. {@code syslog} outputs are written to stderr. The highest {@code debuglevel} of DEBUG entries bounds which
 * debug messages {@link KeaLog} writes.
 *
 * <p>Does nothing when the SLF4J backend in use is not logback. Logback is an optional dependency of this module:
 * call through {@link LoggingSetup}, which checks that it is on the class path.
 */
public final class LogbackLoggers {
    private static final long MIN_ROTATE_SIZE = 204800;

    private LogbackLoggers() {
    }

    /** Applies {@code loggers} (empty: Kea's default, {@code kea-dhcp4} INFO to stdout); false without logback. */
    public static boolean apply(List<LoggerConfig> loggers) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        configure(context, loggers.isEmpty()
                ? List.of(new LoggerConfig("kea-dhcp4", "INFO", 0,
                List.of(new LoggerConfig.Output("stdout", true, 10240000, 1, "")), null))
                : loggers);
        return true;
    }

    private static void configure(LoggerContext context, List<LoggerConfig> loggers) {
        context.reset();
        String pattern = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger/" + ProcessHandle.current().pid()
                + ".%thread] %msg%n";
        int debugLevel = 0;
        for (LoggerConfig config : loggers) {
            Logger logger = context.getLogger(config.name());
            Level level = level(config.severity());
            logger.setLevel(level);
            if (level == Level.DEBUG) {
                debugLevel = Math.max(debugLevel, config.debugLevel());
            }
            if (!config.outputs().isEmpty()) {
                logger.setAdditive(false);
                for (LoggerConfig.Output output : config.outputs()) {
                    logger.addAppender(appender(context, output, pattern));
                }
            }
        }
        KeaLog.maxDebugLevel(debugLevel);
    }

    private static Level level(String severity) {
        return switch (severity == null ? "INFO" : severity.toUpperCase(Locale.ROOT)) {
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN" -> Level.WARN;
            case "DEBUG" -> Level.DEBUG;
            case "NONE" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, LoggerConfig.Output output,
                                                    String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        String target = output.output();
        OutputStreamAppender<ILoggingEvent> appender;
        if (target.equals("stdout") || target.equals("stderr") || target.startsWith("syslog")) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(target.equals("stdout") ? "System.out" : "System.err");
            appender = console;
        } else if (output.maxSize() > 0) {
            RollingFileAppender<ILoggingEvent> rolling = new RollingFileAppender<>();
            rolling.setContext(context);
            rolling.setFile(target);
            FixedWindowRollingPolicy policy = new FixedWindowRollingPolicy();
            policy.setContext(context);
            policy.setParent(rolling);
            policy.setFileNamePattern(target + ".%i");
            policy.setMinIndex(1);
            policy.setMaxIndex(Math.max(1, output.maxVer()));
            policy.start();
            SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
            trigger.setContext(context);
            trigger.setMaxFileSize(new FileSize(Math.max(MIN_ROTATE_SIZE, output.maxSize())));
            // logback looks at the file size at most once per check increment (60 s by default)
            trigger.setCheckIncrement(Duration.buildByMilliseconds(500));
            trigger.start();
            rolling.setRollingPolicy(policy);
            rolling.setTriggeringPolicy(trigger);
            appender = rolling;
        } else {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(target);
            appender = file;
        }
        appender.setContext(context);
        appender.setName(target);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(output.flush());
        appender.start();
        return appender;
    }
}

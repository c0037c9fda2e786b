package dev.nestor.app.logging;

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
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies Kea's {@code loggers} configuration to the logging backend (logback).
 *
 * <p>Kea's model: a logger name ({@code kea-dhcp4} is the root of the daemon's loggers, children are
 * {@code kea-dhcp4.dhcp4}, {@code kea-dhcp4.leases}, ...), a severity, a debug level and a list of outputs
 * ({@code stdout}, {@code stderr}, {@code syslog[:name]} or a file path with size rotation). The most
 * specific name wins and unset fields inherit, which is exactly logback's logger hierarchy, so each Kea
 * logger becomes one logback logger with its own appenders and additivity off.
 */
public final class KeaLogging {

    /** Kea's default line: {@code 2019-08-05 14:27:45.871 INFO  [kea-dhcp4.dhcp4/8475.140234] ID text}. */
    public static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%logger/" + ProcessHandle.current().pid() + ".%thread] %msg%n";

    /** One output of a logger entry, as in Kea's {@code output_options}. */
    public record Output(String output, boolean flush, long maxSize, int maxVersions, String pattern) {
        public Output {
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("output_options entry does not have a mandatory 'output' element");
            }
        }

        public static Output stdout() {
            return new Output("stdout", true, 10_240_000L, 1, "");
        }
    }

    /** One {@code loggers} entry. Severity is Kea's word (FATAL, ERROR, WARN, INFO, DEBUG, NONE). */
    public record LoggerSpec(String name, String severity, int debugLevel, List<Output> outputs) {
        public LoggerSpec {
            outputs = List.copyOf(outputs);
        }
    }

    private KeaLogging() {
    }

    /**
     * Replaces the current logging setup with the given entries. {@code forceDebug} is Kea's {@code -d}:
     * every logger at DEBUG, level 99. With no entries, the daemon root logs INFO to stdout, as Kea does.
     */
    public static void apply(String daemonRoot, List<LoggerSpec> specs, boolean forceDebug) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<LoggerSpec> effective = specs.isEmpty()
                ? List.of(new LoggerSpec(daemonRoot, "INFO", 0, List.of(Output.stdout())))
                : specs;
        boolean rootConfigured = false;
        for (LoggerSpec spec : effective) {
            Logger logger = context.getLogger(spec.name());
            logger.setLevel(forceDebug ? Level.TRACE : levelOf(spec.severity(), spec.debugLevel()));
            if (!spec.outputs().isEmpty()) {
                logger.setAdditive(false);
                for (Output output : spec.outputs()) {
                    logger.addAppender(appender(context, spec.name(), output));
                }
            }
            rootConfigured |= spec.name().equals(daemonRoot);
        }
        // Loggers outside the daemon's tree (libraries) only speak up on warnings, on the first output.
        root.setLevel(Level.WARN);
        if (!rootConfigured || effective.getFirst().outputs().isEmpty()) {
            root.addAppender(appender(context, "root", Output.stdout()));
        } else {
            root.addAppender(appender(context, "root", effective.getFirst().outputs().getFirst()));
        }
    }

    /** Kea severity to a logback level; DEBUG with a debug level of 50 or more maps to TRACE. */
    static Level levelOf(String severity, int debugLevel) {
        return switch (severity == null ? "INFO" : severity.toUpperCase(Locale.ROOT)) {
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN" -> Level.WARN;
            case "DEBUG" -> debugLevel >= 50 ? Level.TRACE : Level.DEBUG;
            case "NONE" -> Level.OFF;
            default -> Level.INFO; // Kea logs LOG_BAD_SEVERITY and uses INFO
        };
    }

    /** Translates a log4cplus pattern (Kea's {@code pattern}) to logback's syntax; empty means Kea's default. */
    static String translatePattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return DEFAULT_PATTERN;
        }
        return pattern.replace("%D{", "%d{").replace("%d{%Y-%m-%d %H:%M:%S.%q}", "%d{yyyy-MM-dd HH:mm:ss.SSS}")
                .replace("%p", "%level").replace("%c", "%logger").replace("%m", "%msg")
                .replace("%i", String.valueOf(ProcessHandle.current().pid())).replace("%t", "%thread");
    }

    private static Appender<ILoggingEvent> appender(LoggerContext context, String loggerName, Output output) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(translatePattern(output.pattern()));
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender;
        String target = output.output();
        if (target.equals("stdout") || target.equals("stderr") || target.startsWith("syslog")) {
            // syslog is not wired yet: its lines go to stderr so that nothing is lost silently
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget(target.equals("stdout") ? "System.out" : "System.err");
            appender = console;
        } else {
            if (output.maxSize() <= 0) {
                FileAppender<ILoggingEvent> plain = new FileAppender<>();
                plain.setFile(target);
                appender = plain;
            } else {
                RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
                file.setFile(target);
                file.setContext(context);
                FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
                rolling.setContext(context);
                rolling.setParent(file);
                rolling.setFileNamePattern(target + ".%i");
                rolling.setMinIndex(1);
                rolling.setMaxIndex(Math.max(1, output.maxVersions()));
                rolling.start();
                SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
                trigger.setContext(context);
                // log4cplus raises any non-zero size below 200 KiB to 200 KiB; Kea inherits that
                trigger.setMaxFileSize(new FileSize(Math.max(204_800L, output.maxSize())));
                trigger.setCheckIncrement(Duration.buildByMilliseconds(100));
                trigger.start();
                file.setRollingPolicy(rolling);
                file.setTriggeringPolicy(trigger);
                appender = file;
            }
        }
        appender.setContext(context);
        appender.setName(loggerName + "->" + target);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(output.flush());
        appender.start();
        return appender;
    }
}

package dev.nestor.server.log;

import dev.nestor.config.LoggerConfig;
import java.util.List;

/**
 * Applies Kea's {@code loggers} to the logging backend when it is logback, and does nothing otherwise. This class
 * refers to no logback type, so callers work on a class path without logback.
 */
public final class LoggingSetup {
    private static final boolean LOGBACK_PRESENT = present("ch.qos.logback.classic.LoggerContext");

    private LoggingSetup() {
    }

    /** Applies {@code loggers}; false when the backend is not logback. */
    public static boolean apply(List<LoggerConfig> loggers) {
        return LOGBACK_PRESENT && LogbackLoggers.apply(loggers);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, LoggingSetup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

package dev.nestor.server.log;

import org.slf4j.Logger;

/**
 * Logs catalogue messages as Kea does: {@code <ID> <text with arguments>} on Kea's logger name.
 *
 * <p>Every method first asks the logger whether the message's level is on, so a disabled debug message costs one
 * check and no string building. Callers with expensive arguments (a client description) guard with
 * {@link #enabled} themselves.
 */
public final class KeaLog {
    private static volatile int maxDebugLevel = 99;

    private KeaLog() {
    }

    /**
     * Debug messages above this Kea debug level (0..99) are not written. The application sets it from the highest
     * {@code debuglevel} of its DEBUG loggers when it configures the backend.
     */
    public static void maxDebugLevel(int level) {
        maxDebugLevel = level;
    }

    /** Whether {@code message} would be written. */
    public static boolean enabled(LogMessage message) {
        Logger logger = message.logger();
        return switch (message.level()) {
            case ERROR -> logger.isErrorEnabled();
            case WARN -> logger.isWarnEnabled();
            case INFO -> logger.isInfoEnabled();
            case DEBUG -> logger.isDebugEnabled() && message.debugLevel() <= maxDebugLevel;
            case TRACE -> logger.isTraceEnabled();
        };
    }

    /** Logs a message without arguments. */
    public static void log(LogMessage message) {
        if (enabled(message)) {
            write(message, format(message));
        }
    }

    /** Logs a message with one argument. */
    public static void log(LogMessage message, Object first) {
        if (enabled(message)) {
            write(message, format(message, first));
        }
    }

    /** Logs a message with two arguments. */
    public static void log(LogMessage message, Object first, Object second) {
        if (enabled(message)) {
            write(message, format(message, first, second));
        }
    }

    /** Logs a message with three arguments. */
    public static void log(LogMessage message, Object first, Object second, Object third) {
        if (enabled(message)) {
            write(message, format(message, first, second, third));
        }
    }

    /** Logs a message with any number of arguments. */
    public static void log(LogMessage message, Object... arguments) {
        if (enabled(message)) {
            write(message, format(message, arguments));
        }
    }

    /** The full line body: {@code ID text}, with {@code %n} replaced by the n-th argument. */
    public static String format(LogMessage message, Object... arguments) {
        String template = message.template();
        StringBuilder line = new StringBuilder(message.name().length() + template.length() + 32);
        line.append(message.name()).append(' ');
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int index = template.charAt(i + 1) - '1';
                line.append(index >= 0 && index < arguments.length ? String.valueOf(arguments[index]) : "");
                i++;
            } else {
                line.append(c);
            }
        }
        return line.toString();
    }

    private static void write(LogMessage message, String line) {
        Logger logger = message.logger();
        switch (message.level()) {
            case ERROR -> logger.error(line);
            case WARN -> logger.warn(line);
            case INFO -> logger.info(line);
            case DEBUG -> logger.debug(line);
            case TRACE -> logger.trace(line);
        }
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;

/**
 * One entry of {@code loggers}.
 *
 * @param name        logger name, e.g. {@code kea-dhcp4} or {@code kea-dhcp4.packets}
 * @param severity    {@code FATAL}, {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code NONE}
 *                    (upper-cased; absent or unknown values mean INFO, as in Kea)
 * @param debugLevel  0..99, meaningful with DEBUG
 * @param outputs     destinations ({@code output_options}, or its newer spelling {@code output-options})
 * @param userContext user context or {@code null}
 */
public record LoggerConfig(String name, String severity, int debugLevel, List<Output> outputs, JsonObject userContext) {
    /** Copies the list. */
    public LoggerConfig {
        outputs = List.copyOf(outputs);
    }

    /**
     * One destination.
     *
     * @param output  {@code stdout}, {@code stderr}, {@code syslog}, {@code syslog:name} or a file path
     * @param flush   flush after each message (default true)
     * @param maxSize rotate a file at this size; 0 = never (default 10240000)
     * @param maxVer  rotated files kept (default 1)
     * @param pattern log4cplus-style pattern; empty = default
     */
    public record Output(String output, boolean flush, long maxSize, int maxVer, String pattern) {
    }
}

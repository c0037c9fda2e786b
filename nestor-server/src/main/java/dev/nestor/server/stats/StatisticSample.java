package dev.nestor.server.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A statistic's value at one moment, with the timestamp Kea prints next to it.
 *
 * @param name          Kea's statistic name
 * @param value         the value
 * @param changedMillis epoch milliseconds of the last change
 */
public record StatisticSample(String name, long value, long changedMillis) {
    private static final DateTimeFormatter KEA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /** The timestamp as Kea writes it in {@code statistic-get}: {@code 2019-07-30 10:04:28.386733}. */
    public String keaTimestamp() {
        return KEA_TIME.format(Instant.ofEpochMilli(changedMillis));
    }
}

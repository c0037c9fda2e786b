package dev.nestor.server.stats;

/**
 * A statistic's value at one moment. The control channel prints {@code changedMillis} as Kea does (local time,
 * {@code 2019-07-30 10:04:28.386000}); see nestor-control's StatisticCommands.
 *
 * @param name          Kea's statistic name
 * @param value         the value
 * @param changedMillis epoch milliseconds of the last change
 */
public record StatisticSample(String name, long value, long changedMillis) {
}

package dev.nestor.lease;

import java.time.Instant;

/**
 * The outcome of one lease file cleanup (LFC).
 *
 * @param started  when it started (store's clock)
 * @param finished when it finished
 * @param rotated  whether the current file was moved to {@code .1} (false when an earlier cleanup was unfinished)
 * @param leases   leases written to the new {@code .2}
 */
public record CleanupSummary(Instant started, Instant finished, boolean rotated, long leases) {
}

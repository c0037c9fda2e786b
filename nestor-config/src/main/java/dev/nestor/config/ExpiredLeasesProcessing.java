package dev.nestor.config;

/**
 * {@code expired-leases-processing}: reclamation of expired leases.
 *
 * @param reclaimTimerWaitTimeSeconds        pause between reclamation cycles; 0 = no periodic reclamation (10)
 * @param flushReclaimedTimerWaitTimeSeconds interval of the flush job; 0 = none (25)
 * @param holdReclaimedTimeSeconds           how long reclaimed leases are kept (3600)
 * @param maxReclaimLeases                   per cycle; 0 = unlimited (100)
 * @param maxReclaimTimeMs                   per cycle; 0 = unlimited (250)
 * @param unwarnedReclaimCycles              cycles leaving leases behind before a warning (5)
 */
public record ExpiredLeasesProcessing(long reclaimTimerWaitTimeSeconds, long flushReclaimedTimerWaitTimeSeconds,
                                      long holdReclaimedTimeSeconds, long maxReclaimLeases, long maxReclaimTimeMs,
                                      long unwarnedReclaimCycles) {
    /** Kea's defaults. */
    public static ExpiredLeasesProcessing defaults() {
        return new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5);
    }
}

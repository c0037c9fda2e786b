package dev.nestor.server.hooks;

/**
 * Kea's {@code leases4_committed} hook point with parking, as HA uses it to send lease updates to its partner and
 * hold the DHCPACK until the partner has answered. Called on a worker thread after the lease changes are stored;
 * must not block (start the partner exchange asynchronously and return {@link CommitDecision#PARK}).
 */
@FunctionalInterface
public interface LeasesCommittedHook {
    /** No HA: always send at once. */
    LeasesCommittedHook NONE = (changes, parked) -> CommitDecision.CONTINUE;

    /**
     * @param changes what was committed
     * @param parked  the handle to release or drop the response later, valid only when returning PARK (for RELEASE
     *                and DECLINE there is no response; release/drop are then no-ops)
     */
    CommitDecision leasesCommitted(CommittedLeases changes, ParkedResponse parked);
}

package dev.nestor.server.hooks;

import dev.nestor.lease.Lease4;

/**
 * Told about every lease change the engine writes (allocation, renewal, release, decline, reclamation), after it is
 * stored, on the thread that made it. For observers such as a lease-event feed; must be quick and must not throw.
 */
@FunctionalInterface
public interface LeaseChangeListener {
    /** Nobody listens. */
    LeaseChangeListener NONE = (before, after) -> { };

    /**
     * @param before the lease before the change, null when it was added
     * @param after  the lease after the change, null when it was deleted
     */
    void leaseChanged(Lease4 before, Lease4 after);
}

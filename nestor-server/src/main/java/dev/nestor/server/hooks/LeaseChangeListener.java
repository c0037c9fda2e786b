package dev.nestor.server.hooks;

import dev.nestor.lease.Lease4;

/**
 * Told about every lease change the engine writes (allocation, renewal, release, decline, reclamation), after it is
 * stored. Changes that answer a client are reported on the lease store's writer thread once the row is written (with
 * group-fsync: synced), others on the thread that made them. For observers such as a lease-event feed; must be quick,
 * must not block, must not take engine locks and must not throw: a slow listener delays every parked reply.
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

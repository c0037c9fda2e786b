package dev.nestor.ha.service;

import dev.nestor.ha.message.HaLease4;

import java.util.List;
import java.util.Optional;

/**
 * The HA service's view of this server's DHCPv4 lease database: what lease updates and the sync read and write.
 * Production binds it to the engine's lease store; the simulation to an in-memory table.
 */
public interface LocalLeases4 {

    Optional<HaLease4> get(int address);

    /** Adds or replaces the lease of {@code lease.address()}. */
    void put(HaLease4 lease);

    /** Removes the lease of this address; false when there was none. */
    boolean delete(int address);

    /**
     * Up to {@code limit} leases with an address strictly greater than {@code fromExclusive} (unsigned order), in
     * ascending address order; {@code fromExclusive} -1 means from the start.
     */
    List<HaLease4> page(long fromExclusive, int limit);
}

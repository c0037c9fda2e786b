package dev.nestor.server.engine;

import dev.nestor.lease.Lease4;

/** What the allocation engine decided for one DISCOVER or REQUEST. */
public sealed interface Allocation {
    /**
     * An address for the client.
     *
     * @param lease        the lease as offered or as stored
     * @param subnet       the subnet that owns it (may differ from the selected one inside a shared network)
     * @param pool         the pool holding the address, null for an address outside every pool
     * @param lifetimeSent the lifetime to put in option 51 (shorter than the lease's when served from the cache)
     * @param cached       the lease was reused from the cache: nothing written
     * @param written      the store was changed (new, renewed or reused lease): HA must be told
     * @param replaced     the client's previous lease at another address, deleted by this allocation, or null
     */
    record Granted(Lease4 lease, SubnetPlan subnet, PoolPlan pool, long lifetimeSent, boolean cached,
                   boolean written, Lease4 replaced) implements Allocation {
    }

    /**
     * No address.
     *
     * @param unknownAddress the client asked for an address outside every pool (REQUEST: answer with silence
     *                       rather than NAK)
     * @param exhausted      the allocator found no free address
     */
    record Failed(boolean unknownAddress, boolean exhausted) implements Allocation {
    }
}

package dev.nestor.server.engine;

import dev.nestor.server.alloc.FreeAddressIndex;
import dev.nestor.server.stats.AddressStatistics;

/**
 * One address pool of a subnet as the engine serves it: its range, its free-address index, its counters and the
 * options a lease from it gets (pool over subnet over network over global, merged once).
 */
public final class PoolPlan {
    private final int first;
    private final int last;
    private final int poolIndex;
    private final FreeAddressIndex index;
    private final OptionSet options;
    private AddressStatistics statistics;

    /**
     * A pool from {@code first} to {@code last} inclusive (unsigned ints), the {@code poolIndex}-th of its subnet.
     *
     * @param options the effective options for leases from this pool
     */
    public PoolPlan(int first, int last, int poolIndex, OptionSet options) {
        this.first = first;
        this.last = last;
        this.poolIndex = poolIndex;
        this.index = new FreeAddressIndex(first, Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1);
        this.options = options;
    }

    /** First address. */
    public int first() {
        return first;
    }

    /** Last address. */
    public int last() {
        return last;
    }

    /** Position of the pool in its subnet's {@code pools} list (Kea's pool id for statistics). */
    public int poolIndex() {
        return poolIndex;
    }

    /** Number of addresses. */
    public long size() {
        return index.size();
    }

    /** Whether the pool holds {@code address}. */
    public boolean contains(int address) {
        return index.contains(address);
    }

    /** The free-address index. */
    public FreeAddressIndex index() {
        return index;
    }

    /** Options for a lease from this pool. */
    public OptionSet options() {
        return options;
    }

    /** The pool's counters (set when the plan is bound to a statistics registry). */
    public AddressStatistics statistics() {
        return statistics;
    }

    void bindStatistics(AddressStatistics poolStatistics) {
        this.statistics = poolStatistics;
    }
}

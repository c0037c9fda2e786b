package dev.nestor.ha.testing;

import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.service.LocalLeases4;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A lease table in memory, ordered by unsigned address, like Kea's memfile without the file. */
public final class InMemoryLeases4 implements LocalLeases4 {

    private final TreeMap<Long, HaLease4> leases = new TreeMap<>();

    @Override
    public Optional<HaLease4> get(int address) {
        return Optional.ofNullable(leases.get(Integer.toUnsignedLong(address)));
    }

    @Override
    public void put(HaLease4 lease) {
        leases.put(Integer.toUnsignedLong(lease.address()), lease);
    }

    @Override
    public boolean delete(int address) {
        return leases.remove(Integer.toUnsignedLong(address)) != null;
    }

    @Override
    public List<HaLease4> page(long fromExclusive, int limit) {
        return leases.tailMap(fromExclusive, false).values().stream().limit(limit).toList();
    }

    public List<HaLease4> all() {
        return List.copyOf(leases.values());
    }
}

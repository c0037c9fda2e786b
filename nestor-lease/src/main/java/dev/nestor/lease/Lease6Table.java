package dev.nestor.lease;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The in-memory DHCPv6 lease table: shards by address hash, each a map from the 128-bit address to the immutable
 * {@link Lease6}, plus an index by DUID. Simpler than the v4 table (one object per lease); v6 deployments hold far
 * fewer leases per server. Locking as in {@link Lease4Table}: hold a shard's write lock to change it.
 */
final class Lease6Table {

    /** A 128-bit address as a map key, ordered unsigned. */
    record Address(long high, long low) implements Comparable<Address> {
        @Override
        public int compareTo(Address other) {
            int byHigh = Long.compareUnsigned(high, other.high);
            return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
        }

        static Address of(Lease6 lease) {
            return new Address(lease.addressHigh(), lease.addressLow());
        }
    }

    static final Comparator<Lease6> ADDRESS_ORDER = Comparator.comparing(Address::of);

    private static final int SHARD_BITS = 6;

    private final Shard[] shards = new Shard[1 << SHARD_BITS];
    private final Map<Identifier, Set<Address>> byDuid = new ConcurrentHashMap<>();

    Lease6Table(long expectedLeases) {
        int perShard = (int) Math.min(1 << 24, expectedLeases / shards.length + 16);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(perShard);
        }
    }

    private Shard shard(long high, long low) {
        long h = (high * 0x9e3779b97f4a7c15L) ^ (low * 0xc2b2ae3d27d4eb4fL);
        return shards[(int) (h >>> (64 - SHARD_BITS))];
    }

    ReentrantReadWriteLock lockFor(long high, long low) {
        return shard(high, low).lock;
    }

    Lease6 get(long high, long low) {
        Shard shard = shard(high, low);
        shard.lock.readLock().lock();
        try {
            return shard.leases.get(new Address(high, low));
        } finally {
            shard.lock.readLock().unlock();
        }
    }

    /** The caller holds the shard's lock. */
    Lease6 getLocked(long high, long low) {
        return shard(high, low).leases.get(new Address(high, low));
    }

    /** Inserts or replaces; returns the previous lease. The caller holds the shard's write lock. */
    Lease6 put(Lease6 lease) {
        Address address = Address.of(lease);
        Lease6 previous = shard(address.high, address.low).leases.put(address, lease);
        if (previous == null || !previous.duid().equals(lease.duid())) {
            byDuid.computeIfAbsent(lease.duid(), key -> ConcurrentHashMap.newKeySet()).add(address);
            if (previous != null) {
                unindex(previous.duid(), address);
            }
        }
        return previous;
    }

    private void unindex(Identifier duid, Address address) {
        byDuid.computeIfPresent(duid, (key, set) -> {
            set.remove(address);
            return set.isEmpty() ? null : set;
        });
    }

    /** Removes; returns the removed lease or null. The caller holds the shard's write lock. */
    Lease6 remove(long high, long low) {
        Address address = new Address(high, low);
        Lease6 previous = shard(high, low).leases.remove(address);
        if (previous != null) {
            unindex(previous.duid(), address);
        }
        return previous;
    }

    /** Puts {@code lease} back, or removes the address when null; takes the write lock. */
    void restore(long high, long low, Lease6 lease) {
        ReentrantReadWriteLock lock = lockFor(high, low);
        lock.writeLock().lock();
        try {
            if (lease == null) {
                remove(high, low);
            } else {
                put(lease);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    List<Lease6> findByDuid(Identifier duid, Predicate<Lease6> filter) {
        Set<Address> addresses = byDuid.get(duid);
        if (addresses == null) {
            return List.of();
        }
        List<Lease6> found = new ArrayList<>();
        for (Address address : addresses.toArray(new Address[0])) {
            Lease6 lease = get(address.high, address.low);
            if (lease != null && lease.duid().equals(duid) && filter.test(lease)) {
                found.add(lease);
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    List<Lease6> collect(Predicate<Lease6> filter) {
        List<Lease6> found = new ArrayList<>();
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (Lease6 lease : shard.leases.values()) {
                    if (filter.test(lease)) {
                        found.add(lease);
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    long size() {
        long total = 0;
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                total += shard.leases.size();
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        return total;
    }

    private static final class Shard {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final HashMap<Address, Lease6> leases;

        Shard(int expected) {
            leases = HashMap.newHashMap(expected);
        }
    }
}

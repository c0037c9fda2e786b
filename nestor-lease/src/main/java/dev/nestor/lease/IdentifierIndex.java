package dev.nestor.lease;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A compact multimap from an identifier (hardware address or client id) to the int addresses of the leases carrying
 * it. It stores only a 32-bit hash of the identifier beside the address (one {@code long} per entry, open addressing,
 * linear probing), so a lookup returns candidate addresses that the caller must check against the leases. Sharded
 * by hash, each shard with its own read/write lock. An empty identifier is never indexed.
 */
final class IdentifierIndex {

    private static final int SHARD_BITS = 6;
    private static final int[] NONE = new int[0];
    private final Shard[] shards = new Shard[1 << SHARD_BITS];

    IdentifierIndex() {
        this(0);
    }

    /** An index sized for about {@code perShard} entries in each of its shards. */
    IdentifierIndex(int perShard) {
        int size = Integer.highestOneBit(Math.max(16, perShard * 4 / 3)) * 2;
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(size);
        }
    }

    /** The non-zero hash stored for an identifier. */
    static int hash(byte[] identifier, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (identifier[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        return h == 0 ? 1 : h;
    }

    private Shard shard(int hash) {
        return shards[hash >>> (32 - SHARD_BITS)];
    }

    void add(int hash, int address) {
        Shard shard = shard(hash);
        shard.lock.writeLock().lock();
        try {
            shard.add(hash, address);
        } finally {
            shard.lock.writeLock().unlock();
        }
    }

    void remove(int hash, int address) {
        Shard shard = shard(hash);
        shard.lock.writeLock().lock();
        try {
            shard.remove(hash, address);
        } finally {
            shard.lock.writeLock().unlock();
        }
    }

    /** Candidate addresses for {@code hash} (may include addresses of other identifiers with the same hash). */
    int[] candidates(int hash) {
        Shard shard = shard(hash);
        shard.lock.readLock().lock();
        try {
            return shard.find(hash);
        } finally {
            shard.lock.readLock().unlock();
        }
    }

    private static final class Shard {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        long[] entries;
        int size;

        Shard(int capacity) {
            entries = new long[capacity];
        }

        private static long entry(int hash, int address) {
            return ((long) hash << 32) | (address & 0xffff_ffffL);
        }

        private int home(int hash, int mask) {
            return (hash * 0x9e3779b9) >>> 7 & mask;
        }

        void add(int hash, int address) {
            if ((size + 1) * 4 > entries.length * 3) {
                grow();
            }
            insert(entries, entry(hash, address));
            size++;
        }

        private void insert(long[] table, long value) {
            int mask = table.length - 1;
            int i = home((int) (value >>> 32), mask);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = value;
        }

        private void grow() {
            long[] bigger = new long[entries.length * 2];
            for (long value : entries) {
                if (value != 0) {
                    insert(bigger, value);
                }
            }
            entries = bigger;
        }

        void remove(int hash, int address) {
            long wanted = entry(hash, address);
            int mask = entries.length - 1;
            int i = home(hash, mask);
            while (entries[i] != 0) {
                if (entries[i] == wanted) {
                    deleteAt(i);
                    size--;
                    return;
                }
                i = (i + 1) & mask;
            }
        }

        /** Backward-shift deletion keeps probe chains intact without tombstones. */
        private void deleteAt(int hole) {
            int mask = entries.length - 1;
            int i = hole;
            while (true) {
                i = (i + 1) & mask;
                long value = entries[i];
                if (value == 0) {
                    break;
                }
                int home = home((int) (value >>> 32), mask);
                // move the entry back if its home is not in the cyclic range (hole, i]
                if (((i - home) & mask) >= ((i - hole) & mask)) {
                    entries[hole] = value;
                    hole = i;
                }
            }
            entries[hole] = 0;
        }

        int[] find(int hash) {
            int mask = entries.length - 1;
            int i = home(hash, mask);
            int[] found = NONE;
            int count = 0;
            while (entries[i] != 0) {
                if ((int) (entries[i] >>> 32) == hash) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, Math.max(4, count * 2));
                    }
                    found[count++] = (int) entries[i];
                }
                i = (i + 1) & mask;
            }
            return count == found.length ? found : Arrays.copyOf(found, count);
        }
    }
}

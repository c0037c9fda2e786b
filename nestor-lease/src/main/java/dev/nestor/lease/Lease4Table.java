package dev.nestor.lease;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * The in-memory DHCPv4 lease table, laid out compactly: leases are split into shards by address hash, each shard an
 * open-addressing map from int address to a slot in primitive arrays (cltt, lifetime, subnet, flags) plus a packed
 * record of hardware address, client id, host name and user context in the shard's byte arena (compacted when half
 * of it is garbage). Secondary indexes by hardware address and client id hold only (hash, address) pairs. No object
 * per lease, per field or per key: the garbage collector sees a few arrays per shard.
 *
 * <p>Each shard has a read/write lock; readers of different or the same shard run concurrently. Writers hold the
 * shard's write lock (see {@link #lockFor}) while they change it and queue the matching file row, so the file's row
 * order per address equals the memory order.
 */
final class Lease4Table {

    static final int SHARD_BITS = 6;

    private final Shard[] shards = new Shard[1 << SHARD_BITS];
    private final IdentifierIndex byHardwareAddress;
    private final IdentifierIndex byClientId;

    Lease4Table() {
        this(0);
    }

    /** A table sized for about {@code expectedLeases} (saves regrowing while a big file loads). */
    Lease4Table(long expectedLeases) {
        int perShard = (int) Math.min(1 << 26, expectedLeases / shards.length + expectedLeases / shards.length / 8);
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(perShard);
        }
        byHardwareAddress = new IdentifierIndex(perShard);
        byClientId = new IdentifierIndex(perShard);
    }

    private static int mix(int address) {
        int h = address * 0x9e3779b9;
        return h ^ (h >>> 16);
    }

    private Shard shard(int address) {
        return shards[mix(address) >>> (32 - SHARD_BITS)];
    }

    /** The lock guarding {@code address}'s shard; hold its write lock around {@link #put} and {@link #remove}. */
    ReentrantReadWriteLock lockFor(int address) {
        return shard(address).lock;
    }

    /** The lease of {@code address}; takes the shard's read lock. */
    Lease4 get(int address) {
        Shard shard = shard(address);
        shard.lock.readLock().lock();
        try {
            return shard.get(address);
        } finally {
            shard.lock.readLock().unlock();
        }
    }

    /** The lease of {@code address}; the caller holds the shard's lock. */
    Lease4 getLocked(int address) {
        return shard(address).get(address);
    }

    /** Whether {@code address} has a lease; the caller holds the shard's lock. */
    boolean containsLocked(int address) {
        return shard(address).index(address) >= 0;
    }

    /** Every address, sorted unsigned; for a table nobody writes meanwhile (cleanup's scratch table). */
    int[] sortedAddresses() {
        int total = 0;
        for (Shard shard : shards) {
            total += shard.size;
        }
        int[] all = new int[total];
        int count = 0;
        for (Shard shard : shards) {
            for (int slot = 0; slot < shard.highWater; slot++) {
                if (shard.offsets[slot] >= 0) {
                    all[count++] = shard.addresses[slot] ^ Integer.MIN_VALUE;
                }
            }
        }
        Arrays.sort(all, 0, count);
        for (int i = 0; i < count; i++) {
            all[i] ^= Integer.MIN_VALUE;
        }
        return count == all.length ? all : Arrays.copyOf(all, count);
    }

    /** Inserts or replaces; returns the previous lease or null. The caller holds the shard's write lock. */
    Lease4 put(Lease4 lease) {
        Shard shard = shard(lease.address());
        Lease4 previous = shard.get(lease.address());
        byte[] host = lease.hostname().isEmpty() ? NO_BYTES : lease.hostname().getBytes(StandardCharsets.UTF_8);
        byte[] context = lease.userContext().isEmpty() ? NO_BYTES
                : lease.userContext().getBytes(StandardCharsets.UTF_8);
        putPacked(shard, lease.address(), lease.cltt(), lease.validLifetime(), lease.subnetId(),
                flags(lease.state(), lease.fqdnForward(), lease.fqdnReverse()),
                pack(lease.hardwareType(), lease.hardwareAddress().unsafeBytes(), lease.clientId().unsafeBytes(),
                        host, context));
        return previous;
    }

    /** Inserts or replaces a lease given as its columns and packed blob; the caller holds the write lock. */
    void put(int address, long cltt, long valid, long subnet, byte flags, byte[] blob) {
        putPacked(shard(address), address, cltt, valid, subnet, flags, blob);
    }

    static byte flags(LeaseState state, boolean forward, boolean reverse) {
        return (byte) (state.code() | (forward ? 8 : 0) | (reverse ? 16 : 0));
    }

    private void putPacked(Shard shard, int address, long cltt, long valid, long subnet, byte flags, byte[] blob) {
        int hwLength = blob[2] & 0xff;
        int cidOffset = 4 + hwLength;
        int cidLength = blob[3 + hwLength] & 0xff;
        int slot = shard.slotOf(address);
        if (slot < 0) {
            index(byHardwareAddress, blob, 3, hwLength, address, true);
            index(byClientId, blob, cidOffset, cidLength, address, true);
        } else {
            byte[] arena = shard.arena;
            int base = shard.offsets[slot];
            int oldHwLength = arena[base + 2] & 0xff;
            int oldCidOffset = base + 4 + oldHwLength;
            int oldCidLength = arena[base + 3 + oldHwLength] & 0xff;
            if (!Arrays.equals(arena, base + 3, base + 3 + oldHwLength, blob, 3, 3 + hwLength)) {
                index(byHardwareAddress, blob, 3, hwLength, address, true);
                index(byHardwareAddress, arena, base + 3, oldHwLength, address, false);
            }
            if (!Arrays.equals(arena, oldCidOffset, oldCidOffset + oldCidLength, blob, cidOffset,
                    cidOffset + cidLength)) {
                index(byClientId, blob, cidOffset, cidLength, address, true);
                index(byClientId, arena, oldCidOffset, oldCidLength, address, false);
            }
        }
        shard.put(address, cltt, valid, subnet, flags, blob);
    }

    private static void index(IdentifierIndex index, byte[] bytes, int offset, int length, int address, boolean add) {
        if (length == 0) {
            return;
        }
        int hash = IdentifierIndex.hash(bytes, offset, length);
        if (add) {
            index.add(hash, address);
        } else {
            index.remove(hash, address);
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    /*
     * Blob layout: hardware type (2 bytes), hardware address length (1) and bytes, client id length (1) and
     * bytes, host name length (varint) and UTF-8 bytes, user context length (varint) and UTF-8 bytes.
     */
    static byte[] pack(int hardwareType, byte[] hw, byte[] cid, byte[] host, byte[] context) {
        byte[] blob = new byte[2 + 1 + hw.length + 1 + cid.length + varintLength(host.length) + host.length
                + varintLength(context.length) + context.length];
        int p = 0;
        blob[p++] = (byte) (hardwareType >>> 8);
        blob[p++] = (byte) hardwareType;
        blob[p++] = (byte) hw.length;
        System.arraycopy(hw, 0, blob, p, hw.length);
        p += hw.length;
        blob[p++] = (byte) cid.length;
        System.arraycopy(cid, 0, blob, p, cid.length);
        p += cid.length;
        p = writeVarint(blob, p, host.length);
        System.arraycopy(host, 0, blob, p, host.length);
        p += host.length;
        p = writeVarint(blob, p, context.length);
        System.arraycopy(context, 0, blob, p, context.length);
        return blob;
    }

    private static int varintLength(int value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }

    private static int writeVarint(byte[] out, int p, int value) {
        while ((value & ~0x7f) != 0) {
            out[p++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out[p++] = (byte) value;
        return p;
    }

    /** Removes; returns the removed lease or null. The caller holds the shard's write lock. */
    Lease4 remove(int address) {
        Shard shard = shard(address);
        int slot = shard.slotOf(address);
        if (slot < 0) {
            return null;
        }
        Lease4 previous = shard.materialize(slot);
        removeSlot(shard, address);
        return previous;
    }

    /** Removes without building the removed lease (file loading); the caller holds the write lock. */
    void discard(int address) {
        Shard shard = shard(address);
        if (shard.slotOf(address) >= 0) {
            removeSlot(shard, address);
        }
    }

    private void removeSlot(Shard shard, int address) {
        byte[] arena = shard.arena;
        int base = shard.offsets[shard.slotOf(address)];
        int hwLength = arena[base + 2] & 0xff;
        index(byHardwareAddress, arena, base + 3, hwLength, address, false);
        index(byClientId, arena, base + 4 + hwLength, arena[base + 3 + hwLength] & 0xff, address, false);
        shard.remove(address);
    }

    /** Puts {@code lease} back, or removes the address when {@code lease} is null; takes the write lock. */
    void restore(int address, Lease4 lease) {
        ReentrantReadWriteLock lock = lockFor(address);
        lock.writeLock().lock();
        try {
            if (lease == null) {
                remove(address);
            } else {
                put(lease);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Leases whose hardware address is {@code identifier}, in address order. */
    List<Lease4> findByHardwareAddress(Identifier identifier) {
        return find(byHardwareAddress, identifier, lease -> lease.hardwareAddress().equals(identifier));
    }

    /** Leases whose client id is {@code identifier}, in address order. */
    List<Lease4> findByClientId(Identifier identifier) {
        return find(byClientId, identifier, lease -> lease.clientId().equals(identifier));
    }

    private List<Lease4> find(IdentifierIndex index, Identifier identifier, Predicate<Lease4> matches) {
        byte[] bytes = identifier.unsafeBytes();
        if (bytes.length == 0) {
            return List.of();
        }
        int[] candidates = index.candidates(IdentifierIndex.hash(bytes, 0, bytes.length));
        if (candidates.length == 0) {
            // the common case for a new client: no list, no sort
            return List.of();
        }
        List<Lease4> found = new ArrayList<>(candidates.length);
        for (int address : candidates) {
            Lease4 lease = get(address);
            if (lease != null && matches.test(lease)) {
                found.add(lease);
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    static final java.util.Comparator<Lease4> ADDRESS_ORDER =
            (a, b) -> Integer.compareUnsigned(a.address(), b.address());

    /** Number of leases. */
    long size() {
        long total = 0;
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                total += shard.size;
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        return total;
    }

    /** Leases matching {@code filter} (applied to the materialized lease), in address order. */
    List<Lease4> collect(Predicate<Lease4> filter) {
        List<Lease4> found = new ArrayList<>();
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (int slot = 0; slot < shard.highWater; slot++) {
                    if (shard.offsets[slot] >= 0) {
                        Lease4 lease = shard.materialize(slot);
                        if (filter.test(lease)) {
                            found.add(lease);
                        }
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    /** Leases of one subnet, in address order (filtered on the primitive column before materializing). */
    List<Lease4> collectSubnet(long subnetId) {
        List<Lease4> found = new ArrayList<>();
        int wanted = (int) subnetId;
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (int slot = 0; slot < shard.highWater; slot++) {
                    if (shard.offsets[slot] >= 0 && shard.subnets[slot] == wanted) {
                        found.add(shard.materialize(slot));
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    /** At most {@code limit} leases with address above {@code after} (unsigned), in address order. */
    List<Lease4> page(int after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        // keep the smallest `limit` addresses above `after` in a bounded max-heap of unsigned addresses
        PriorityQueue<Integer> heap = new PriorityQueue<>(Math.min(limit, 1 << 16) + 1,
                (a, b) -> Integer.compareUnsigned(b, a));
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (int slot = 0; slot < shard.highWater; slot++) {
                    if (shard.offsets[slot] < 0) {
                        continue;
                    }
                    int address = shard.addresses[slot];
                    if (Integer.compareUnsigned(address, after) <= 0) {
                        continue;
                    }
                    if (heap.size() < limit) {
                        heap.add(address);
                    } else if (Integer.compareUnsigned(address, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(address);
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        List<Lease4> found = new ArrayList<>(heap.size());
        for (int address : heap) {
            Lease4 lease = get(address);
            if (lease != null) {
                found.add(lease);
            }
        }
        found.sort(ADDRESS_ORDER);
        return found;
    }

    /**
     * Leases not in state expired-reclaimed with expire &lt; now (infinite lifetime never expires), oldest first, at
     * most {@code max} (0 = all).
     */
    List<Lease4> expired(long now, int max, boolean reclaimedOnly) {
        int bound = max <= 0 ? Integer.MAX_VALUE : max;
        // max-heap on (expire, address) so the latest of the kept ones is dropped first; entries {expire, address}
        java.util.Comparator<long[]> order = (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Integer.compareUnsigned((int) a[1], (int) b[1]);
        PriorityQueue<long[]> heap = new PriorityQueue<>(order.reversed());
        int reclaimed = LeaseState.EXPIRED_RECLAIMED.code();
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (int slot = 0; slot < shard.highWater; slot++) {
                    if (shard.offsets[slot] < 0) {
                        continue;
                    }
                    boolean isReclaimed = (shard.flags[slot] & 7) == reclaimed;
                    if (isReclaimed != reclaimedOnly) {
                        continue;
                    }
                    long valid = shard.valids[slot] & 0xffff_ffffL;
                    if (valid == Lease4.INFINITE_LIFETIME) {
                        continue;
                    }
                    long expire = shard.cltts[slot] + valid;
                    if (expire >= now) {
                        continue;
                    }
                    long[] entry = {expire, shard.addresses[slot]};
                    if (heap.size() < bound) {
                        heap.add(entry);
                    } else if (order.compare(entry, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(entry);
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        long[][] entries = heap.toArray(new long[0][]);
        Arrays.sort(entries, order);
        List<Lease4> found = new ArrayList<>(entries.length);
        for (long[] entry : entries) {
            Lease4 lease = get((int) entry[1]);
            if (lease != null) {
                found.add(lease);
            }
        }
        return found;
    }

    /** Lease counts per (subnet, state). */
    List<SubnetStateCount> countBySubnetAndState() {
        Map<Long, long[]> counts = new HashMap<>();
        for (Shard shard : shards) {
            shard.lock.readLock().lock();
            try {
                for (int slot = 0; slot < shard.highWater; slot++) {
                    if (shard.offsets[slot] >= 0) {
                        counts.computeIfAbsent(shard.subnets[slot] & 0xffff_ffffL, k -> new long[LeaseState.values().length])
                                [shard.flags[slot] & 7]++;
                    }
                }
            } finally {
                shard.lock.readLock().unlock();
            }
        }
        List<SubnetStateCount> result = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            for (LeaseState state : LeaseState.values()) {
                long count = entry.getValue()[state.code()];
                if (count > 0) {
                    result.add(new SubnetStateCount(entry.getKey(), state, count));
                }
            }
        });
        return result;
    }

    /**
     * Shrinks every shard's arrays to what they hold plus a little room (after loading a file, whose size only gave
     * a guess of the lease count). The caller makes sure nobody writes meanwhile.
     */
    void trim() {
        for (Shard shard : shards) {
            shard.lock.writeLock().lock();
            try {
                shard.trim();
            } finally {
                shard.lock.writeLock().unlock();
            }
        }
    }

    /** One shard: an address → slot map and the slot columns. Guarded by {@link #lock}. */
    private static final class Shard {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        // open-addressing map: keys[i] address, slotsPlusOne[i] = slot + 1, 0 = free
        int[] keys;
        int[] slotsPlusOne;
        // slot columns
        int[] addresses;
        long[] cltts;
        int[] valids;
        int[] subnets;
        byte[] flags; // bits 0-2 state, bit 3 fqdn forward, bit 4 fqdn reverse
        int[] offsets; // where the slot's blob starts in the arena, -1 = free slot
        // the blobs of all slots, appended; replaced and removed ones are garbage until the next compaction
        byte[] arena;
        int arenaUsed;
        int garbage;
        int[] freeSlots;
        int freeCount;
        int highWater;
        int size;

        Shard(int expected) {
            reset(expected);
        }

        void reset(int expected) {
            int slots = Math.max(8, expected);
            int mapSize = Integer.highestOneBit(Math.max(16, slots * 3 / 2)) * 2;
            keys = new int[mapSize];
            slotsPlusOne = new int[mapSize];
            addresses = new int[slots];
            cltts = new long[slots];
            valids = new int[slots];
            subnets = new int[slots];
            flags = new byte[slots];
            offsets = new int[slots];
            arena = new byte[Math.max(256, expected * 40)];
            arenaUsed = 0;
            garbage = 0;
            freeSlots = new int[8];
            freeCount = 0;
            highWater = 0;
            size = 0;
        }

        private static int home(int address, int mask) {
            int h = address * 0x85ebca6b;
            return (h ^ (h >>> 15)) & mask;
        }

        private int index(int address) {
            int mask = keys.length - 1;
            int i = home(address, mask);
            while (slotsPlusOne[i] != 0) {
                if (keys[i] == address) {
                    return i;
                }
                i = (i + 1) & mask;
            }
            return -1 - i;
        }

        Lease4 get(int address) {
            int i = index(address);
            return i < 0 ? null : materialize(slotsPlusOne[i] - 1);
        }

        /** Stores the columns of {@code address}, appending its blob to the arena. */
        void put(int address, long cltt, long valid, long subnet, byte flag, byte[] blob) {
            int i = index(address);
            int slot;
            if (i >= 0) {
                slot = slotsPlusOne[i] - 1;
                garbage += blobLength(arena, offsets[slot]);
                offsets[slot] = -1;
            } else {
                if ((size + 1) * 3 > keys.length * 2) {
                    growMap();
                    i = index(address);
                }
                slot = allocateSlot();
                keys[-1 - i] = address;
                slotsPlusOne[-1 - i] = slot + 1;
                size++;
            }
            addresses[slot] = address;
            cltts[slot] = cltt;
            valids[slot] = (int) valid;
            subnets[slot] = (int) subnet;
            flags[slot] = flag;
            offsets[slot] = append(blob);
        }

        private int append(byte[] blob) {
            if (arenaUsed + blob.length > arena.length) {
                int live = arenaUsed - garbage;
                if (garbage > live) {
                    compact(blob.length);
                }
                if (arenaUsed + blob.length > arena.length) {
                    long wanted = Math.max((long) arenaUsed + blob.length, arena.length + (arena.length >> 1) + 64L);
                    if (wanted > Integer.MAX_VALUE - 16) {
                        throw new IllegalStateException("lease table shard over 2 GB");
                    }
                    arena = Arrays.copyOf(arena, (int) wanted);
                }
            }
            int offset = arenaUsed;
            System.arraycopy(blob, 0, arena, offset, blob.length);
            arenaUsed += blob.length;
            return offset;
        }

        void trim() {
            compact(0);
            arena = Arrays.copyOf(arena, Math.max(256, arenaUsed + (arenaUsed >> 4)));
            int capacity = Math.max(8, highWater + (highWater >> 4));
            if (capacity < offsets.length) {
                addresses = Arrays.copyOf(addresses, capacity);
                cltts = Arrays.copyOf(cltts, capacity);
                valids = Arrays.copyOf(valids, capacity);
                subnets = Arrays.copyOf(subnets, capacity);
                flags = Arrays.copyOf(flags, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
            }
        }

        /** Copies the live blobs into a fresh arena, dropping garbage. */
        private void compact(int extra) {
            int live = arenaUsed - garbage;
            byte[] fresh = new byte[Math.max(256, (live + extra) + ((live + extra) >> 1))];
            int used = 0;
            for (int slot = 0; slot < highWater; slot++) {
                if (offsets[slot] >= 0) {
                    int length = blobLength(arena, offsets[slot]);
                    System.arraycopy(arena, offsets[slot], fresh, used, length);
                    offsets[slot] = used;
                    used += length;
                }
            }
            arena = fresh;
            arenaUsed = used;
            garbage = 0;
        }

        static int blobLength(byte[] arena, int offset) {
            int p = offset + 2;
            p += 1 + (arena[p] & 0xff);
            p += 1 + (arena[p] & 0xff);
            int[] cursor = {p};
            int hostLength = readVarint(arena, cursor);
            cursor[0] += hostLength;
            int contextLength = readVarint(arena, cursor);
            return cursor[0] + contextLength - offset;
        }

        int slotOf(int address) {
            int i = index(address);
            return i < 0 ? -1 : slotsPlusOne[i] - 1;
        }

        /** Frees the slot of {@code address}, which must exist. */
        void remove(int address) {
            int i = index(address);
            int slot = slotsPlusOne[i] - 1;
            garbage += blobLength(arena, offsets[slot]);
            offsets[slot] = -1;
            if (freeCount == freeSlots.length) {
                freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
            }
            freeSlots[freeCount++] = slot;
            deleteAt(i);
            size--;
        }

        private void deleteAt(int hole) {
            int mask = keys.length - 1;
            int i = hole;
            while (true) {
                i = (i + 1) & mask;
                if (slotsPlusOne[i] == 0) {
                    break;
                }
                int home = home(keys[i], mask);
                if (((i - home) & mask) >= ((i - hole) & mask)) {
                    keys[hole] = keys[i];
                    slotsPlusOne[hole] = slotsPlusOne[i];
                    hole = i;
                }
            }
            slotsPlusOne[hole] = 0;
        }

        private void growMap() {
            int[] oldKeys = keys;
            int[] oldSlots = slotsPlusOne;
            keys = new int[oldKeys.length * 2];
            slotsPlusOne = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldSlots[j] != 0) {
                    int i = home(oldKeys[j], mask);
                    while (slotsPlusOne[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    slotsPlusOne[i] = oldSlots[j];
                }
            }
        }

        private int allocateSlot() {
            if (freeCount > 0) {
                return freeSlots[--freeCount];
            }
            if (highWater == offsets.length) {
                int capacity = offsets.length + (offsets.length >> 1) + 8;
                addresses = Arrays.copyOf(addresses, capacity);
                cltts = Arrays.copyOf(cltts, capacity);
                valids = Arrays.copyOf(valids, capacity);
                subnets = Arrays.copyOf(subnets, capacity);
                flags = Arrays.copyOf(flags, capacity);
                offsets = Arrays.copyOf(offsets, capacity);
            }
            return highWater++;
        }

        Lease4 materialize(int slot) {
            byte[] blob = arena;
            int p = offsets[slot];
            int hardwareType = ((blob[p] & 0xff) << 8) | (blob[p + 1] & 0xff);
            p += 2;
            int hwLength = blob[p++] & 0xff;
            Identifier hw = Identifier.of(blob, p, hwLength);
            p += hwLength;
            int cidLength = blob[p++] & 0xff;
            Identifier cid = Identifier.of(blob, p, cidLength);
            p += cidLength;
            int[] cursor = {p};
            int hostLength = readVarint(blob, cursor);
            String host = hostLength == 0 ? "" : new String(blob, cursor[0], hostLength, StandardCharsets.UTF_8);
            cursor[0] += hostLength;
            int contextLength = readVarint(blob, cursor);
            String context = contextLength == 0 ? ""
                    : new String(blob, cursor[0], contextLength, StandardCharsets.UTF_8);
            int flag = flags[slot];
            return new Lease4(addresses[slot], hw, hardwareType, cid, valids[slot] & 0xffff_ffffL, cltts[slot],
                    subnets[slot] & 0xffff_ffffL, (flag & 8) != 0, (flag & 16) != 0, host,
                    LeaseState.ofCode(flag & 7), context);
        }

        private static int readVarint(byte[] in, int[] cursor) {
            int value = 0;
            int shift = 0;
            while (true) {
                byte b = in[cursor[0]++];
                value |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
                shift += 7;
            }
        }
    }
}

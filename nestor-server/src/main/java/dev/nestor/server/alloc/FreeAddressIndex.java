package dev.nestor.server.alloc;

/**
 * Which addresses of one pool are free, with Kea's iterative order ("the address after the last one handed out,
 * wrapping") answered without scanning.
 *
 * <p>A hierarchical bitmap: level 0 has one bit per address (1 = free), each higher level one bit per word of the
 * level below (1 = that word has a free address). Finding the next free address from any position walks up and
 * down the levels: four steps for a /8 pool of 16.7 million addresses, whose index takes about 2 MiB.
 *
 * <p>"Free" means "no lease row in the store": the engine claims an address before it writes a lease and releases
 * it when a lease is deleted or reclaimed. Expired leases stay claimed until reclaimed. All methods are
 * thread-safe; each holds the index's monitor for a few word operations.
 */
public final class FreeAddressIndex {
    /** Largest pool the index accepts (2^31 - 1 addresses: a /1 would not fit in Java arrays). */
    public static final long MAX_SIZE = Integer.MAX_VALUE;

    private final int firstAddress;
    private final long size;
    private final long[][] levels;
    private long freeCount;
    /** Offset of the last address handed out by {@link #nextInOrder}, -1 before the first. */
    private long cursor = -1;

    /**
     * An index of {@code size} addresses starting at {@code firstAddress} (unsigned int), all free.
     *
     * @throws IllegalArgumentException if size is below 1 or above {@link #MAX_SIZE}, or the range passes
     *                                  255.255.255.255
     */
    public FreeAddressIndex(int firstAddress, long size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("pool size " + size + " outside 1.." + MAX_SIZE);
        }
        if (Integer.toUnsignedLong(firstAddress) + size - 1 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("pool passes 255.255.255.255");
        }
        this.firstAddress = firstAddress;
        this.size = size;
        int depth = 1;
        for (long bits = size; bits > 64; bits = (bits + 63) >>> 6) {
            depth++;
        }
        levels = new long[depth][];
        long bits = size;
        for (int level = 0; level < depth; level++) {
            int words = (int) ((bits + 63) >>> 6);
            long[] array = new long[words];
            java.util.Arrays.fill(array, -1L);
            long tail = bits & 63;
            if (tail != 0) {
                array[words - 1] = (1L << tail) - 1;
            }
            levels[level] = array;
            bits = words;
        }
        freeCount = size;
    }

    /** First address of the pool (unsigned int). */
    public int firstAddress() {
        return firstAddress;
    }

    /** Number of addresses in the pool. */
    public long size() {
        return size;
    }

    /** Whether {@code address} lies in the pool. */
    public boolean contains(int address) {
        long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(firstAddress);
        return offset >= 0 && offset < size;
    }

    /** Number of free addresses. */
    public synchronized long freeCount() {
        return freeCount;
    }

    /** Whether {@code address} (inside the pool) is free. */
    public synchronized boolean isFree(int address) {
        long offset = offsetOf(address);
        return (levels[0][(int) (offset >>> 6)] & (1L << offset)) != 0;
    }

    /** Marks {@code address} used; true if it was free (the caller now owns it), false if already used. */
    public synchronized boolean claim(int address) {
        return clearBit(offsetOf(address));
    }

    /** Marks {@code address} free again; true if it was used. */
    public synchronized boolean release(int address) {
        long offset = offsetOf(address);
        int word = (int) (offset >>> 6);
        long mask = 1L << offset;
        if ((levels[0][word] & mask) != 0) {
            return false;
        }
        setBit(offset);
        freeCount++;
        return true;
    }

    /**
     * The next free address after the last one this method returned (Kea's iterative allocator: the first call
     * returns the first free address of the pool), wrapping at the pool end; claims it if {@code claim}.
     *
     * @return the address as an unsigned int in a long, or -1 when no address is free
     */
    public synchronized long nextInOrder(boolean claim) {
        long start = cursor + 1 >= size ? 0 : cursor + 1;
        long offset = nextFree(0, start);
        if (offset < 0 && start > 0) {
            offset = nextFree(0, 0);
        }
        if (offset < 0) {
            return -1;
        }
        cursor = offset;
        if (claim) {
            clearBit(offset);
        }
        return Integer.toUnsignedLong(firstAddress) + offset;
    }

    /** Whether {@link #nextInOrder} has walked past the last address since the last {@link #rewind}. */
    public synchronized boolean atEnd() {
        return cursor >= size - 1 || nextFree(0, cursor + 1) < 0;
    }

    /** Restarts the iterative order at the pool's first address. */
    public synchronized void rewind() {
        cursor = -1;
    }

    private long offsetOf(int address) {
        long offset = Integer.toUnsignedLong(address) - Integer.toUnsignedLong(firstAddress);
        if (offset < 0 || offset >= size) {
            throw new IllegalArgumentException("address outside the pool");
        }
        return offset;
    }

    /** Clears a level-0 bit (address used); true if it was set. */
    private boolean clearBit(long offset) {
        int word = (int) (offset >>> 6);
        long mask = 1L << offset;
        long[] bits = levels[0];
        if ((bits[word] & mask) == 0) {
            return false;
        }
        bits[word] &= ~mask;
        freeCount--;
        long index = word;
        for (int level = 1; level < levels.length && levels[level - 1][(int) index] == 0; level++) {
            int upperWord = (int) (index >>> 6);
            levels[level][upperWord] &= ~(1L << index);
            index = upperWord;
        }
        return true;
    }

    /** Sets a level-0 bit (address free) and the summary bits above it. */
    private void setBit(long offset) {
        long index = offset;
        for (int level = 0; level < levels.length; level++) {
            int word = (int) (index >>> 6);
            boolean wasEmpty = levels[level][word] == 0;
            levels[level][word] |= 1L << index;
            if (!wasEmpty) {
                return;
            }
            index = word;
        }
    }

    /** Position of the first set bit at {@code level} at or after {@code from}, or -1. */
    private long nextFree(int level, long from) {
        long[] bits = levels[level];
        int word = (int) (from >>> 6);
        if (word >= bits.length) {
            return -1;
        }
        long masked = bits[word] & (-1L << from);
        if (masked != 0) {
            return ((long) word << 6) + Long.numberOfTrailingZeros(masked);
        }
        if (level + 1 == levels.length) {
            return -1;
        }
        long nextWord = nextFree(level + 1, word + 1L);
        if (nextWord < 0) {
            return -1;
        }
        return (nextWord << 6) + Long.numberOfTrailingZeros(bits[(int) nextWord]);
    }
}

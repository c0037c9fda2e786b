package dev.nestor.server.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FreeAddressIndexTest {
    private static final int BASE = 0x0A000000; // 10.0.0.0

    @Test
    void handsOutAddressesInOrderThenWraps() {
        FreeAddressIndex index = new FreeAddressIndex(BASE + 10, 3);
        assertThat(index.nextInOrder(false)).isEqualTo(BASE + 10L);
        assertThat(index.nextInOrder(false)).isEqualTo(BASE + 11L);
        assertThat(index.nextInOrder(false)).isEqualTo(BASE + 12L);
        assertThat(index.nextInOrder(false)).isEqualTo(BASE + 10L);
    }

    @Test
    void skipsClaimedAddressesAndReportsExhaustion() {
        FreeAddressIndex index = new FreeAddressIndex(BASE, 3);
        assertThat(index.claim(BASE + 1)).isTrue();
        assertThat(index.claim(BASE + 1)).isFalse();
        assertThat(index.nextInOrder(true)).isEqualTo(BASE);
        assertThat(index.nextInOrder(true)).isEqualTo(BASE + 2L);
        assertThat(index.freeCount()).isZero();
        assertThat(index.nextInOrder(true)).isEqualTo(-1);
        assertThat(index.release(BASE + 1)).isTrue();
        assertThat(index.release(BASE + 1)).isFalse();
        assertThat(index.nextInOrder(true)).isEqualTo(BASE + 1L);
    }

    @Test
    void slashEightPoolAllocatesWithoutScanning() {
        FreeAddressIndex index = new FreeAddressIndex(BASE, 1 << 24);
        // use every address but the very last one, then ask from the start: found through the summary levels
        for (int i = 0; i < (1 << 24) - 1; i++) {
            index.claim(BASE + i);
        }
        assertThat(index.freeCount()).isEqualTo(1);
        assertThat(index.nextInOrder(true)).isEqualTo(Integer.toUnsignedLong(BASE + (1 << 24) - 1));
        assertThat(index.nextInOrder(true)).isEqualTo(-1);
        index.release(BASE + 12345);
        assertThat(index.nextInOrder(false)).isEqualTo(BASE + 12345L);
    }

    @Test
    void poolAtTopOfAddressSpaceUsesUnsignedArithmetic() {
        FreeAddressIndex index = new FreeAddressIndex(0xFFFFFF00, 256);
        assertThat(index.contains(0xFFFFFFFF)).isTrue();
        assertThat(index.contains(0x0A000000)).isFalse();
        assertThat(index.claim(0xFFFFFFFF)).isTrue();
        assertThatThrownBy(() -> new FreeAddressIndex(0xFFFFFFFF, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.claim(0x0A000000)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Seeded random claim/release/next sequences checked against a BitSet model (300 runs). */
    @Test
    void agreesWithASimpleModel() {
        Random random = new Random(20261126L);
        for (int run = 0; run < 300; run++) {
            int size = 1 + random.nextInt(5001);
            FreeAddressIndex index = new FreeAddressIndex(BASE, size);
            BitSet used = new BitSet();
            long cursor = -1;
            int operations = random.nextInt(300);
            for (int step = 0; step < operations; step++) {
                int offset = random.nextInt(size);
                switch (random.nextInt(3)) {
                    case 0 -> {
                        assertThat(index.claim(BASE + offset)).isEqualTo(!used.get(offset));
                        used.set(offset);
                    }
                    case 1 -> {
                        assertThat(index.release(BASE + offset)).isEqualTo(used.get(offset));
                        used.clear(offset);
                    }
                    default -> {
                        long expected = modelNext(used, size, cursor);
                        long got = index.nextInOrder(true);
                        assertThat(got).as("run %d step %d", run, step).isEqualTo(expected < 0 ? -1 : BASE + expected);
                        if (expected >= 0) {
                            cursor = expected;
                            used.set((int) expected);
                        }
                    }
                }
            }
            assertThat(index.freeCount()).isEqualTo(size - used.cardinality());
        }
    }

    private static long modelNext(BitSet used, int size, long cursor) {
        int start = cursor + 1 >= size ? 0 : (int) cursor + 1;
        int found = used.nextClearBit(start);
        if (found >= size) {
            found = used.nextClearBit(0);
        }
        return found >= size ? -1 : found;
    }
}

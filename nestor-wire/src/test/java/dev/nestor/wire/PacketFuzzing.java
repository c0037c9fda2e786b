package dev.nestor.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The decoder fuzz harness both families share: seeded decode runs that tally how each case ended, and golden-packet
 * mutations (byte changes, bit flips, insertions, deletions, corrupted option lengths, truncation). A family supplies
 * where mutations land and where its option lengths sit ({@link Mutations}); the random draws are the same ones the
 * family tests made before the harness was shared, so every seed still gives the same input.
 */
public final class PacketFuzzing {
    private PacketFuzzing() {
    }

    /** How one decode ended. */
    public enum Outcome {
        REJECTED, DECODED_CLEAN, DECODED_WITH_NOTES;

        /** The outcome of a decode that gave {@code notes}, or was rejected ({@code notes} null). */
        public static Outcome of(List<?> notes) {
            return notes == null ? REJECTED : notes.isEmpty() ? DECODED_CLEAN : DECODED_WITH_NOTES;
        }
    }

    /** One case: generate from {@code random}, decode and check, and tell how the decode ended. */
    @FunctionalInterface
    public interface DecodeCase {
        Outcome decode(SplittableRandom random, String label);
    }

    /** Runs {@code cases} seeded cases (see {@link SeededCases}) and tallies their outcomes. */
    public static Outcomes decodeAll(String property, long masterSeed, int cases, DecodeCase body) {
        Outcomes outcomes = new Outcomes();
        SeededCases.run(property, masterSeed, cases, (random, label) -> outcomes.add(body.decode(random, label)));
        return outcomes;
    }

    /** Counts how the cases ended, so a test can show that its generator reaches every path of the decoder. */
    public static final class Outcomes {
        private int rejected;
        private int decodedClean;
        private int decodedWithNotes;

        void add(Outcome outcome) {
            switch (outcome) {
                case REJECTED -> rejected++;
                case DECODED_CLEAN -> decodedClean++;
                case DECODED_WITH_NOTES -> decodedWithNotes++;
            }
        }

        /** Each way of ending took at least the given share of all cases (checked only when running them all). */
        public void require(double minRejected, double minDecodedClean, double minDecodedWithNotes) {
            if (SeededCases.replaying()) {
                return;
            }
            double total = rejected + decodedClean + decodedWithNotes;
            assertThat(rejected / total).as("rejected share; %s", this).isGreaterThanOrEqualTo(minRejected);
            assertThat(decodedClean / total).as("decoded clean share; %s", this).isGreaterThanOrEqualTo(minDecodedClean);
            assertThat(decodedWithNotes / total).as("decoded with notes share; %s", this)
                    .isGreaterThanOrEqualTo(minDecodedWithNotes);
        }

        @Override
        public String toString() {
            return "rejected " + rejected + ", decoded clean " + decodedClean + ", decoded with notes " + decodedWithNotes;
        }
    }

    /**
     * Mutations of golden packets. A family says where a changed or deleted byte lands, where inserted bytes go, and
     * where its option length fields are; the rest is shared.
     *
     * @param golden          the golden packets mutations start from
     * @param position        a position in a (non-empty) packet for a changed byte or the start of a deletion
     * @param insertPosition  where inserted bytes go, 0 to the packet's length
     * @param lengthPositions offsets of the option length fields in a packet, at every depth the family knows
     * @param lengthWidth     width of an option length field in bytes: 1 (DHCPv4) or 2 (DHCPv6)
     */
    public record Mutations(List<byte[]> golden, Position position, Position insertPosition,
                            Function<byte[], List<Integer>> lengthPositions, int lengthWidth) {
        /** Picks a position in {@code packet}. */
        @FunctionalInterface
        public interface Position {
            int pick(byte[] packet, SplittableRandom random);
        }

        /** A golden packet with zero to five mutations. */
        public byte[] mutatedGolden(SplittableRandom random) {
            byte[] packet = golden.get(random.nextInt(golden.size())).clone();
            int mutations = random.nextInt(6);
            for (int i = 0; i < mutations; i++) {
                packet = mutate(packet, random);
            }
            return packet;
        }

        /** One mutation. */
        public byte[] mutate(byte[] packet, SplittableRandom random) {
            if (packet.length == 0) {
                return insertBytes(packet, random);
            }
            return switch (random.nextInt(10)) {
                case 0, 1, 2 -> {
                    packet[position.pick(packet, random)] = (byte) random.nextInt(256);
                    yield packet;
                }
                case 3, 4 -> {
                    packet[position.pick(packet, random)] ^= (byte) (1 << random.nextInt(8));
                    yield packet;
                }
                case 5 -> insertBytes(packet, random);
                case 6 -> deleteBytes(packet, random);
                case 7, 8 -> corruptOptionLength(packet, random);
                default -> Arrays.copyOf(packet, random.nextInt(packet.length + 1));
            };
        }

        private byte[] insertBytes(byte[] packet, SplittableRandom random) {
            int at = insertPosition.pick(packet, random);
            byte[] extra = new byte[1 + random.nextInt(8)];
            random.nextBytes(extra);
            byte[] out = new byte[packet.length + extra.length];
            System.arraycopy(packet, 0, out, 0, at);
            System.arraycopy(extra, 0, out, at, extra.length);
            System.arraycopy(packet, at, out, at + extra.length, packet.length - at);
            return out;
        }

        private byte[] deleteBytes(byte[] packet, SplittableRandom random) {
            int at = position.pick(packet, random);
            int count = Math.min(1 + random.nextInt(8), packet.length - at);
            byte[] out = new byte[packet.length - count];
            System.arraycopy(packet, 0, out, 0, at);
            System.arraycopy(packet, at + count, out, at, packet.length - at - count);
            return out;
        }

        /**
         * Changes one option length field to a value that no longer matches: off by one, zero, the largest value
         * or random. Falls back to flipping bits of a random byte when the packet has no option length to find.
         */
        public byte[] corruptOptionLength(byte[] packet, SplittableRandom random) {
            List<Integer> positions = lengthPositions.apply(packet);
            if (positions.isEmpty()) {
                packet[random.nextInt(packet.length)] ^= (byte) (1 + random.nextInt(255));
                return packet;
            }
            int at = positions.get(random.nextInt(positions.size()));
            int width = lengthWidth;
            int max = (1 << (8 * width)) - 1;
            int old = 0;
            for (int i = 0; i < width; i++) {
                old = old << 8 | packet[at + i] & 0xff;
            }
            int replacement = switch (random.nextInt(5)) {
                case 0 -> old + 1;
                case 1 -> old - 1;
                case 2 -> 0;
                case 3 -> max;
                default -> random.nextInt(max + 1);
            } & max;
            if (replacement == old) {
                replacement = old ^ (max + 1) >>> 1;
            }
            for (int i = width - 1; i >= 0; i--) {
                packet[at + i] = (byte) replacement;
                replacement >>>= 8;
            }
            return packet;
        }
    }

    /** The generators themselves: a mutation run really changes packets, in every way it claims to. */
    public static void checkMutationsChangeGoldenPackets(Mutations mutations, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> golden = mutations.golden();
        int changed = 0;
        int shorter = 0;
        int longer = 0;
        for (int i = 0; i < 1_000; i++) {
            byte[] original = golden.get(random.nextInt(golden.size()));
            byte[] mutated = mutations.corruptOptionLength(original.clone(), random);
            assertThat(mutated).as("option length corruption case %d", i).hasSameSizeAs(original).isNotEqualTo(original);
            mutated = mutations.mutate(original.clone(), random);
            changed += Arrays.equals(mutated, original) ? 0 : 1;
            shorter += mutated.length < original.length ? 1 : 0;
            longer += mutated.length > original.length ? 1 : 0;
        }
        assertThat(changed).isGreaterThan(950);
        assertThat(shorter).isGreaterThan(100);
        assertThat(longer).isGreaterThan(50);
    }
}

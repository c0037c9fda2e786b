package dev.nestor.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import dev.nestor.wire.SeededCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the DHCPv6 decoder: random bytes, option-structured random messages and relays, and golden packets with
 * random mutations (byte changes, bit flips, insertions, deletions, corrupted option lengths at any nesting depth,
 * truncation) always give a typed result, and whatever decodes re-decodes to the same message. 40,000 cases per run
 * in this class, from fixed seeds (see {@link SeededCases} to replay one).
 */
class Dhcp6CodecFuzzTest {
    private static final List<byte[]> GOLDEN = GoldenPackets.all("v6").stream().map(GoldenPackets.Golden::bytes).toList();
    private static final int RELAY_FORW = 12;
    private static final int RELAY_REPL = 13;
    private static final int RELAY_HEADER = 34;
    private static final int CLIENT_HEADER = 4;

    static Dhcp6DecodeResult checkTotalAndStable(byte[] bytes, String label) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(bytes);
        assertThat(result).as(label).isNotNull();
        if (result instanceof Dhcp6DecodeResult.Decoded(Dhcp6Message message, var notes)) {
            Dhcp6DecodeResult again = Dhcp6Codec.decode(Dhcp6Codec.encode(message));
            assertThat(again).as(label).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
            assertThat(((Dhcp6DecodeResult.Decoded) again).message()).as(label).isEqualTo(message);
            if (notes.isEmpty() && message instanceof Dhcp6Packet) {
                assertThat(Dhcp6Codec.encode(message)).as(label).isEqualTo(bytes);
            }
            // typed getters never throw on whatever the options hold (SeededCases turns a throw into a failure)
            Dhcp6Packet packet = message.innermost();
            packet.clientId().ifPresent(Duid::linkLayerAddress);
            packet.serverId().ifPresent(Duid::enterpriseNumber);
            packet.requestedOptions();
            packet.elapsedTime();
            packet.statusCode();
            packet.iaNa().forEach(IdentityAssociation::addresses);
            packet.iaTa().forEach(IdentityAssociation::addresses);
            packet.iaPd().forEach(IdentityAssociation::prefixes);
        }
        return result;
    }

    @Test
    void randomBytesGiveATypedResult() {
        Outcomes outcomes = new Outcomes();
        SeededCases.run("v6 random bytes", 0x4E53_0601_0000_0001L, 10_000, (random, label) -> {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            outcomes.add(checkTotalAndStable(bytes, label));
        });
        outcomes.require(0.0, 0.0, 0.5);
    }

    @Test
    void structuredRandomMessages() {
        Outcomes outcomes = new Outcomes();
        SeededCases.run("v6 structured message", 0x4E53_0601_0000_0002L, 10_000, (random, label) -> {
            byte[] message = randomMessage(random, 0);
            // corrupt a little, sometimes
            if (random.nextBoolean() && message.length > 0) {
                message[random.nextInt(message.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                message = Arrays.copyOf(message, random.nextInt(message.length + 1));
            }
            outcomes.add(checkTotalAndStable(message, label));
        });
        outcomes.require(0.1, 0.1, 0.1);
    }

    @Test
    void mutatedGoldenPackets() {
        Outcomes outcomes = new Outcomes();
        SeededCases.run("v6 mutated golden", 0x4E53_0601_0000_0003L, 20_000,
                (random, label) -> outcomes.add(checkTotalAndStable(mutatedGolden(random), label)));
        outcomes.require(0.05, 0.2, 0.05);
    }

    /** The generators themselves: a mutation really changes packets, in every way it claims to. */
    @Test
    void mutationsChangeTheGoldenPackets() {
        SplittableRandom random = new SplittableRandom(0x4E53_0601_0000_0004L);
        int changed = 0;
        int shorter = 0;
        int longer = 0;
        for (int i = 0; i < 1_000; i++) {
            byte[] golden = GOLDEN.get(random.nextInt(GOLDEN.size()));
            byte[] mutated = corruptOptionLength(golden.clone(), random);
            assertThat(mutated).as("option length corruption case %d", i).hasSameSizeAs(golden).isNotEqualTo(golden);
            mutated = mutate(golden.clone(), random);
            changed += Arrays.equals(mutated, golden) ? 0 : 1;
            shorter += mutated.length < golden.length ? 1 : 0;
            longer += mutated.length > golden.length ? 1 : 0;
        }
        assertThat(changed).isGreaterThan(950);
        assertThat(shorter).isGreaterThan(100);
        assertThat(longer).isGreaterThan(50);
    }

    /** A golden packet with zero to five mutations. */
    static byte[] mutatedGolden(SplittableRandom random) {
        byte[] packet = GOLDEN.get(random.nextInt(GOLDEN.size())).clone();
        int mutations = random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            packet = mutate(packet, random);
        }
        return packet;
    }

    private static byte[] mutate(byte[] packet, SplittableRandom random) {
        if (packet.length == 0) {
            return insertBytes(packet, random);
        }
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> {
                packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                yield packet;
            }
            case 3, 4 -> {
                packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
                yield packet;
            }
            case 5 -> insertBytes(packet, random);
            case 6 -> deleteBytes(packet, random);
            case 7, 8 -> corruptOptionLength(packet, random);
            default -> Arrays.copyOf(packet, random.nextInt(packet.length + 1));
        };
    }

    private static byte[] insertBytes(byte[] packet, SplittableRandom random) {
        int at = random.nextInt(packet.length + 1);
        byte[] extra = new byte[1 + random.nextInt(8)];
        random.nextBytes(extra);
        byte[] out = new byte[packet.length + extra.length];
        System.arraycopy(packet, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(packet, at, out, at + extra.length, packet.length - at);
        return out;
    }

    private static byte[] deleteBytes(byte[] packet, SplittableRandom random) {
        int at = random.nextInt(packet.length);
        int count = Math.min(1 + random.nextInt(8), packet.length - at);
        byte[] out = new byte[packet.length - count];
        System.arraycopy(packet, 0, out, 0, at);
        System.arraycopy(packet, at + count, out, at, packet.length - at - count);
        return out;
    }

    /**
     * Changes one 16-bit option length, at any depth (relayed messages, IA_NA/IA_TA/IA_PD and their addresses and
     * prefixes), to a value that no longer matches: off by one, zero, 0xffff or random. Falls back to flipping a
     * random byte when the packet has no option left to find.
     */
    private static byte[] corruptOptionLength(byte[] packet, SplittableRandom random) {
        List<Integer> lengthPositions = new ArrayList<>();
        collectMessageLengths(packet, 0, packet.length, lengthPositions, 0);
        if (lengthPositions.isEmpty()) {
            packet[random.nextInt(packet.length)] ^= (byte) (1 + random.nextInt(255));
            return packet;
        }
        int at = lengthPositions.get(random.nextInt(lengthPositions.size()));
        int old = (packet[at] & 0xff) << 8 | packet[at + 1] & 0xff;
        int replacement = switch (random.nextInt(5)) {
            case 0 -> old + 1;
            case 1 -> old - 1;
            case 2 -> 0;
            case 3 -> 0xffff;
            default -> random.nextInt(65536);
        } & 0xffff;
        if (replacement == old) {
            replacement = old ^ 0x8000;
        }
        packet[at] = (byte) (replacement >>> 8);
        packet[at + 1] = (byte) replacement;
        return packet;
    }

    private static void collectMessageLengths(byte[] packet, int start, int end, List<Integer> out, int depth) {
        if (start >= end || depth > 40) {
            return;
        }
        int type = packet[start] & 0xff;
        int header = type == RELAY_FORW || type == RELAY_REPL ? RELAY_HEADER : CLIENT_HEADER;
        collectOptionLengths(packet, start + header, end, out, depth);
    }

    private static void collectOptionLengths(byte[] packet, int start, int end, List<Integer> out, int depth) {
        int position = start;
        while (position + 4 <= end) {
            int code = (packet[position] & 0xff) << 8 | packet[position + 1] & 0xff;
            int length = (packet[position + 2] & 0xff) << 8 | packet[position + 3] & 0xff;
            out.add(position + 2);
            int data = position + 4;
            int dataEnd = Math.min(data + length, end);
            switch (code) {
                case Dhcp6Option.RELAY_MSG -> collectMessageLengths(packet, data, dataEnd, out, depth + 1);
                case Dhcp6Option.IA_NA, Dhcp6Option.IA_PD -> collectOptionLengths(packet, data + 12, dataEnd, out, depth);
                case Dhcp6Option.IA_TA -> collectOptionLengths(packet, data + 4, dataEnd, out, depth);
                case Dhcp6Option.IAADDR -> collectOptionLengths(packet, data + 24, dataEnd, out, depth);
                case Dhcp6Option.IAPREFIX -> collectOptionLengths(packet, data + 25, dataEnd, out, depth);
                default -> {
                }
            }
            position = data + length;
        }
    }

    /** A well-formed message or relay chain with random options, some IA-shaped. */
    static byte[] randomMessage(SplittableRandom random, int depth) {
        boolean relay = depth < 40 && random.nextInt(depth == 0 ? 3 : 2) == 0;
        List<Dhcp6Option> options = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int code = random.nextInt(4) == 0 ? random.nextInt(65536) : 1 + random.nextInt(30);
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            options.add(Dhcp6Option.of(code, data));
        }
        if (relay) {
            byte[] link = new byte[16];
            byte[] peer = new byte[16];
            random.nextBytes(link);
            random.nextBytes(peer);
            byte[] inner = randomMessage(random, depth + 1);
            options.add(random.nextInt(options.size() + 1), Dhcp6Option.of(Dhcp6Option.RELAY_MSG, inner));
            byte[] out = new byte[34];
            out[0] = (byte) (12 + random.nextInt(2));
            out[1] = (byte) depth;
            System.arraycopy(link, 0, out, 2, 16);
            System.arraycopy(peer, 0, out, 18, 16);
            return concat(out, options);
        }
        byte[] header = {(byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256),
            (byte) random.nextInt(256)};
        if (header[0] == 12 || header[0] == 13) {
            header[0] = 1;
        }
        return concat(header, options);
    }

    private static byte[] concat(byte[] header, List<Dhcp6Option> options) {
        int size = header.length;
        for (Dhcp6Option option : options) {
            size += option.encodedLength();
        }
        byte[] out = Arrays.copyOf(header, size);
        int position = header.length;
        for (Dhcp6Option option : options) {
            position = option.writeTo(out, position);
        }
        return out;
    }

    /** Counts how the cases ended, so a test can show that its generator reaches every path of the decoder. */
    private static final class Outcomes {
        int rejected;
        int decodedClean;
        int decodedWithNotes;

        void add(Dhcp6DecodeResult result) {
            switch (result) {
                case Dhcp6DecodeResult.Rejected rejection -> rejected++;
                case Dhcp6DecodeResult.Decoded decoded when decoded.notes().isEmpty() -> decodedClean++;
                case Dhcp6DecodeResult.Decoded decoded -> decodedWithNotes++;
            }
        }

        /** Each way of ending took at least the given share of all cases (checked only when running them all). */
        void require(double minRejected, double minDecodedClean, double minDecodedWithNotes) {
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
}

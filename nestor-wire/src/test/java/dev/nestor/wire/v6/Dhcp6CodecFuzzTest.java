package dev.nestor.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import dev.nestor.wire.PacketFuzzing;
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

    static PacketFuzzing.Outcome checkTotalAndStable(byte[] bytes, String label) {
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
        return PacketFuzzing.Outcome.of(result instanceof Dhcp6DecodeResult.Decoded decoded ? decoded.notes() : null);
    }

    @Test
    void randomBytesGiveATypedResult() {
        PacketFuzzing.decodeAll("v6 random bytes", 0x4E53_0601_0000_0001L, 10_000, (random, label) -> {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return checkTotalAndStable(bytes, label);
        }).require(0.0, 0.0, 0.5);
    }

    @Test
    void structuredRandomMessages() {
        PacketFuzzing.decodeAll("v6 structured message", 0x4E53_0601_0000_0002L, 10_000, (random, label) -> {
            byte[] message = randomMessage(random, 0);
            // corrupt a little, sometimes
            if (random.nextBoolean() && message.length > 0) {
                message[random.nextInt(message.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                message = Arrays.copyOf(message, random.nextInt(message.length + 1));
            }
            return checkTotalAndStable(message, label);
        }).require(0.1, 0.1, 0.1);
    }

    @Test
    void mutatedGoldenPackets() {
        PacketFuzzing.decodeAll("v6 mutated golden", 0x4E53_0601_0000_0003L, 20_000,
                (random, label) -> checkTotalAndStable(MUTATIONS.mutatedGolden(random), label))
                .require(0.05, 0.2, 0.05);
    }

    /** The generators themselves: a mutation really changes packets, in every way it claims to. */
    @Test
    void mutationsChangeTheGoldenPackets() {
        PacketFuzzing.checkMutationsChangeGoldenPackets(MUTATIONS, 0x4E53_0601_0000_0004L);
    }

    /**
     * DHCPv6 mutations land anywhere; corrupted lengths are 16-bit option lengths at any depth (relayed messages,
     * IA_NA/IA_TA/IA_PD and their addresses and prefixes).
     */
    static final PacketFuzzing.Mutations MUTATIONS = new PacketFuzzing.Mutations(GOLDEN,
            (packet, random) -> random.nextInt(packet.length), (packet, random) -> random.nextInt(packet.length + 1),
            Dhcp6CodecFuzzTest::lengthPositions, 2);

    private static List<Integer> lengthPositions(byte[] packet) {
        List<Integer> lengthPositions = new ArrayList<>();
        collectMessageLengths(packet, 0, packet.length, lengthPositions, 0);
        return lengthPositions;
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
}

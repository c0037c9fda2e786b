package dev.nestor.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import dev.nestor.wire.PacketFuzzing;
import dev.nestor.wire.SeededCases;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the DHCPv4 decoder: random bytes, random option areas behind a valid header, and golden packets with
 * random mutations (byte changes, bit flips, insertions, deletions, corrupted option lengths, truncation) must always
 * give a typed result (never an exception), and every decoded packet must survive encode -> decode unchanged.
 * 100,000 cases per run in this class, from fixed seeds (see {@link SeededCases} to replay one).
 */
class Dhcp4CodecFuzzTest {
    private static final List<byte[]> GOLDEN = GoldenPackets.all("v4").stream().map(GoldenPackets.Golden::bytes).toList();
    /** Start of the option area proper: fixed header (236 bytes) and magic cookie (4). */
    private static final int OPTIONS_START = 240;

    /** Decodes, and when decoded checks that the normalised form is a fixed point of encode/decode; tells how it ended. */
    static PacketFuzzing.Outcome checkTotalAndStable(byte[] bytes, String label) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
        assertThat(result).as(label).isNotNull();
        if (result instanceof Dhcp4DecodeResult.Decoded(Dhcp4Packet packet, var notes)) {
            assertThat(notes).as(label).isNotNull();
            byte[] encoded = Dhcp4Codec.encode(packet);
            assertThat(encoded).as(label).hasSize(Dhcp4Codec.encodedLength(packet));
            Dhcp4DecodeResult again = Dhcp4Codec.decode(encoded);
            assertThat(again).as(label).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
            assertThat(((Dhcp4DecodeResult.Decoded) again).packet()).as(label).isEqualTo(packet);
            // typed getters never throw on whatever the options hold (SeededCases turns a throw into a failure)
            packet.messageType();
            packet.requestedAddress();
            packet.serverIdentifier();
            packet.clientIdentifier();
            packet.parameterRequestList();
            packet.relayAgentInformation().ifPresent(RelayAgentInformation::subOptions);
            packet.leaseTime();
            packet.hostName();
            packet.maxMessageSize();
        }
        return PacketFuzzing.Outcome.of(result instanceof Dhcp4DecodeResult.Decoded decoded ? decoded.notes() : null);
    }

    @Test
    void randomBytesGiveATypedResult() {
        PacketFuzzing.decodeAll("v4 random bytes", 0x4E53_0401_0000_0001L, 20_000, (random, label) -> {
            byte[] bytes = new byte[random.nextInt(700)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length >= OPTIONS_START) {
                writeCookie(bytes);
            }
            return checkTotalAndStable(bytes, label);
        }).require(0.1, 0.0, 0.1);
    }

    @Test
    void randomOptionAreasBehindAValidHeader() {
        PacketFuzzing.decodeAll("v4 random option area", 0x4E53_0401_0000_0002L, 30_000,
                (random, label) -> checkTotalAndStable(optionArea(random), label)).require(0.0, 0.0, 0.9);
    }

    @Test
    void mutatedGoldenPackets() {
        PacketFuzzing.decodeAll("v4 mutated golden", 0x4E53_0401_0000_0003L, 40_000,
                (random, label) -> checkTotalAndStable(MUTATIONS.mutatedGolden(random), label))
                .require(0.1, 0.1, 0.1);
    }

    @Test
    void builtPacketsRoundTrip() {
        SeededCases.run("v4 built packet", 0x4E53_0401_0000_0004L, 10_000, (random, label) -> {
            Dhcp4Packet packet = packet(random);
            byte[] bytes = Dhcp4Codec.encode(packet);
            Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
            assertThat(result).as(label).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
            Dhcp4DecodeResult.Decoded decoded = (Dhcp4DecodeResult.Decoded) result;
            assertThat(decoded.packet()).as(label).isEqualTo(packet);
            assertThat(decoded.notes()).as(label).isEmpty();
        });
    }

    /** The generators themselves: a mutation run really changes packets, in every way it claims to. */
    @Test
    void mutationsChangeTheGoldenPackets() {
        PacketFuzzing.checkMutationsChangeGoldenPackets(MUTATIONS, 0x4E53_0401_0000_0005L);
    }

    private static void writeCookie(byte[] bytes) {
        bytes[236] = 0x63;
        bytes[237] = (byte) 0x82;
        bytes[238] = 0x53;
        bytes[239] = 0x63;
    }

    /** A random header, the cookie, and an option area biased towards structure (PAD, END, 52, small lengths). */
    static byte[] optionArea(SplittableRandom random) {
        int areaLength = random.nextInt(400);
        byte[] out = new byte[OPTIONS_START + areaLength];
        random.nextBytes(out);
        writeCookie(out);
        int position = OPTIONS_START;
        while (position < out.length) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                out[position++] = 0;
            } else if (kind == 1) {
                out[position++] = (byte) 255;
            } else if (kind < 9 && position + 1 < out.length) {
                int length = random.nextInt(10) < 8 ? random.nextInt(8) : random.nextInt(256);
                out[position] = (byte) (random.nextInt(12) == 0 ? 52 : 1 + random.nextInt(254));
                out[position + 1] = (byte) length;
                position += 2 + length;
            } else {
                position++;
            }
        }
        if (areaLength > 3 && random.nextInt(4) == 0) {
            // overload, so that sname/file (random bytes) are parsed too
            out[240] = 52;
            out[241] = 1;
            out[242] = (byte) (1 + random.nextInt(3));
        }
        return out;
    }

    /** DHCPv4 mutations land four times in five in the options, where the decoder has the most to get wrong. */
    static final PacketFuzzing.Mutations MUTATIONS = new PacketFuzzing.Mutations(GOLDEN,
            Dhcp4CodecFuzzTest::position, (packet, random) -> packet.length == 0 ? 0 : position(packet, random),
            Dhcp4CodecFuzzTest::lengthPositions, 1);

    /** A position in {@code packet} (not empty), four times in five in the options. */
    private static int position(byte[] packet, SplittableRandom random) {
        return packet.length > 236 && random.nextInt(5) != 0
                ? 236 + random.nextInt(packet.length - 236) : random.nextInt(packet.length);
    }

    /** Length bytes of the option area: every option's, and every relay-agent sub-option's. */
    private static List<Integer> lengthPositions(byte[] packet) {
        List<Integer> lengthPositions = new ArrayList<>();
        int position = OPTIONS_START;
        while (position + 1 < packet.length) {
            int code = packet[position] & 0xff;
            if (code == 0) {
                position++;
                continue;
            }
            if (code == 255) {
                break;
            }
            int length = packet[position + 1] & 0xff;
            lengthPositions.add(position + 1);
            if (code == Dhcp4Packet.OPTION_RELAY_AGENT_INFORMATION) {
                int end = Math.min(position + 2 + length, packet.length);
                for (int sub = position + 2; sub + 1 < end; sub += 2 + (packet[sub + 1] & 0xff)) {
                    lengthPositions.add(sub + 1);
                }
            }
            position += 2 + length;
        }
        return lengthPositions;
    }

    static Dhcp4Packet packet(SplittableRandom random) {
        Dhcp4Packet.Builder builder = Dhcp4Packet.builder()
                .op(random.nextInt(256)).htype(random.nextInt(256)).hlen(random.nextInt(17)).hops(random.nextInt(256))
                .xid(random.nextInt()).secs(random.nextInt(65536)).flags(random.nextInt(65536))
                .ciaddr(random.nextInt()).yiaddr(random.nextInt()).siaddr(random.nextInt()).giaddr(random.nextInt())
                .padding(random.nextInt(60)).serverHostName("srv").bootFileName("pxelinux.0");
        byte[] chaddr = new byte[16];
        random.nextBytes(chaddr);
        builder.chaddr(chaddr);
        int count = random.nextInt(13);
        for (int i = 0; i < count; i++) {
            int code = 1 + random.nextInt(254);
            if (code == Dhcp4Packet.OPTION_OVERLOAD) {
                continue;
            }
            byte[] data = new byte[random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(20)];
            random.nextBytes(data);
            builder.option(Dhcp4Option.of(code, data));
        }
        return builder.build();
    }
}

package dev.nestor.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Fuzzing the DHCPv4 decoder: random bytes, random option areas behind a valid header, and golden packets with
 * random mutations must always give a typed result (never an exception), and every decoded packet must survive
 * encode -> decode unchanged. 100,000 cases per run in this class.
 */
class Dhcp4CodecFuzzTest {
    private static final List<byte[]> GOLDEN = GoldenPackets.all("v4").stream().map(GoldenPackets.Golden::bytes).toList();

    /** Decodes, and when decoded checks that the normalised form is a fixed point of encode/decode. */
    static void checkTotalAndStable(byte[] bytes) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
        assertThat(result).isNotNull();
        if (result instanceof Dhcp4DecodeResult.Decoded(Dhcp4Packet packet, var notes)) {
            assertThat(notes).isNotNull();
            byte[] encoded = Dhcp4Codec.encode(packet);
            assertThat(encoded).hasSize(Dhcp4Codec.encodedLength(packet));
            Dhcp4DecodeResult again = Dhcp4Codec.decode(encoded);
            assertThat(again).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
            assertThat(((Dhcp4DecodeResult.Decoded) again).packet()).isEqualTo(packet);
            // typed getters never throw on whatever the options hold
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
    }

    // Inputs are generated from a seed with SplittableRandom: jqwik's element-wise array generation is ~10x slower,
    // and the seed is shown on failure, which is enough to reproduce.

    @Property(tries = 20_000)
    void randomBytesGiveATypedResult(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[random.nextInt(700)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length >= 240) {
            writeCookie(bytes);
        }
        checkTotalAndStable(bytes);
    }

    @Property(tries = 30_000)
    void randomOptionAreasBehindAValidHeader(@ForAll long seed) {
        checkTotalAndStable(optionArea(new SplittableRandom(seed)));
    }

    @Property(tries = 40_000)
    void mutatedGoldenPackets(@ForAll long seed) {
        checkTotalAndStable(mutatedGolden(new SplittableRandom(seed)));
    }

    @Property(tries = 10_000)
    void builtPacketsRoundTrip(@ForAll long seed) {
        Dhcp4Packet packet = packet(new SplittableRandom(seed));
        byte[] bytes = Dhcp4Codec.encode(packet);
        Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        Dhcp4DecodeResult.Decoded decoded = (Dhcp4DecodeResult.Decoded) result;
        assertThat(decoded.packet()).isEqualTo(packet);
        assertThat(decoded.notes()).isEmpty();
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
        byte[] out = new byte[240 + areaLength];
        random.nextBytes(out);
        writeCookie(out);
        int position = 240;
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

    /** A golden packet with a few bytes changed (mostly in the options) and sometimes cut short. */
    static byte[] mutatedGolden(SplittableRandom random) {
        byte[] copy = GOLDEN.get(random.nextInt(GOLDEN.size())).clone();
        int edits = random.nextInt(7);
        for (int i = 0; i < edits; i++) {
            int position = random.nextInt(5) == 0 ? random.nextInt(copy.length) : 236 + random.nextInt(copy.length - 236);
            copy[position] = (byte) random.nextInt(256);
        }
        int length = random.nextInt(3) == 0 ? random.nextInt(copy.length + 1) : copy.length;
        return Arrays.copyOf(copy, length);
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

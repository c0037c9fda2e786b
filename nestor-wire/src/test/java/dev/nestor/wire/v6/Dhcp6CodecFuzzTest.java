package dev.nestor.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Fuzzing the DHCPv6 decoder (inputs generated from a jqwik-chosen seed): random bytes, option-structured random
 * messages and relays, and mutated golden packets always give a typed result, and whatever decodes re-decodes to
 * the same message. 30,000 cases per run in this class.
 */
class Dhcp6CodecFuzzTest {
    private static final List<byte[]> GOLDEN = GoldenPackets.all("v6").stream().map(GoldenPackets.Golden::bytes).toList();

    static void checkTotalAndStable(byte[] bytes) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(bytes);
        assertThat(result).isNotNull();
        if (result instanceof Dhcp6DecodeResult.Decoded(Dhcp6Message message, var notes)) {
            Dhcp6DecodeResult again = Dhcp6Codec.decode(Dhcp6Codec.encode(message));
            assertThat(again).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
            assertThat(((Dhcp6DecodeResult.Decoded) again).message()).isEqualTo(message);
            if (notes.isEmpty() && message instanceof Dhcp6Packet) {
                assertThat(Dhcp6Codec.encode(message)).isEqualTo(bytes);
            }
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
    }

    @Property(tries = 10_000)
    void randomBytesGiveATypedResult(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        checkTotalAndStable(bytes);
    }

    @Property(tries = 10_000)
    void structuredRandomMessages(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] message = randomMessage(random, 0);
        // corrupt a little, sometimes
        if (random.nextBoolean() && message.length > 0) {
            message[random.nextInt(message.length)] = (byte) random.nextInt(256);
        }
        if (random.nextInt(4) == 0) {
            message = Arrays.copyOf(message, random.nextInt(message.length + 1));
        }
        checkTotalAndStable(message);
    }

    @Property(tries = 10_000)
    void mutatedGoldenPackets(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] copy = GOLDEN.get(random.nextInt(GOLDEN.size())).clone();
        int edits = random.nextInt(6);
        for (int i = 0; i < edits; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        int length = random.nextInt(3) == 0 ? random.nextInt(copy.length + 1) : copy.length;
        checkTotalAndStable(Arrays.copyOf(copy, length));
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

package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.nestor.wire.v4.Dhcp4Codec;
import dev.nestor.wire.v4.Dhcp4DecodeResult;
import dev.nestor.wire.v4.Dhcp4Packet;
import dev.nestor.wire.v6.Dhcp6Codec;
import dev.nestor.wire.v6.Dhcp6DecodeResult;
import dev.nestor.wire.v6.Dhcp6Packet;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packets {@code nestor perf} sends, byte for byte against what stock perfdhcp 2.2 sent
 * (golden captures in {@code src/test/resources/golden}), and the reading of Kea's replies.
 */
class ClientMessagesTest {

    private static final byte[] MAC = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    private static final int RELAY = PerfEngine.toInt(InetAddress.ofLiteral("127.0.5.2"));

    static byte[] golden(String name) throws IOException {
        try (InputStream in = ClientMessagesTest.class.getResourceAsStream("/golden/" + name + ".hex")) {
            assertThat(in).as(name).isNotNull();
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#")).map(String::strip).collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    @Test
    void discoverIsPerfdhcpsDiscover() throws IOException {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of());

        assertThat(HexFormat.of().formatHex(bytes(messages.first(0, 0, 0))))
                .isEqualTo(HexFormat.of().formatHex(golden("perfdhcp-v4-discover")));
    }

    @Test
    void requestBuiltFromKeasOfferIsPerfdhcpsRequest() throws IOException {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        ByteBuffer offer = direct(golden("perfdhcp-v4-offer"));

        assertThat(messages.parse(offer, fields)).isTrue();
        assertThat(fields.kind).isEqualTo(ClientMessages.REPLY_FIRST);
        assertThat(fields.xid).isZero();
        assertThat(fields.addressLow).isEqualTo(PerfEngine.toInt(InetAddress.ofLiteral("10.5.0.10")));
        assertThat(fields.serverIdLength).isEqualTo(4);
        assertThat(HexFormat.of().formatHex(bytes(messages.second(offer, fields, 0, null))))
                .isEqualTo(HexFormat.of().formatHex(golden("perfdhcp-v4-request")));
    }

    @Test
    void ackIsTheSecondReply() throws IOException {
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();

        assertThat(new Dhcp4Messages(RELAY, MAC, List.of()).parse(direct(golden("perfdhcp-v4-ack")), fields)).isTrue();
        assertThat(fields.kind).isEqualTo(ClientMessages.REPLY_SECOND);
        assertThat(fields.clientIdLength).isEqualTo(7);
    }

    @Test
    void clientNumbersAreAddedToTheMacBytewiseWithoutCarry() {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, new byte[]{0, 0x0c, 1, 2, 3, (byte) 0xff}, List.of());
        byte[] discover = bytes(messages.first(7, 0x0102, 9));

        // 0xff + 0x02 wraps to 0x01 without carrying into the next octet, which gets + 0x01
        assertThat(HexFormat.of().formatHex(discover, 28, 34)).isEqualTo("000c01020401");
        assertThat(HexFormat.of().formatHex(discover, 255, 261)).isEqualTo("000c01020401");
        assertThat(ByteBuffer.wrap(discover).getInt(4)).isEqualTo(7);
        assertThat(ByteBuffer.wrap(discover).getShort(8)).isEqualTo((short) 9);
    }

    @Test
    void extraOptionsGoIntoBothMessages() throws IOException {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of(new PerfOptions.ExtraOption(60, new byte[]{'a', 'b'})));
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        ByteBuffer offer = direct(golden("perfdhcp-v4-offer"));
        messages.parse(offer, fields);

        assertThat(HexFormat.of().formatHex(bytes(messages.first(0, 0, 0)))).endsWith("3c026162ff");
        assertThat(HexFormat.of().formatHex(bytes(messages.second(offer, fields, 0, null)))).endsWith("3c026162ff");
    }

    @Test
    void nestorWireDecodesWhatTheClientSends() throws IOException {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        ByteBuffer offer = direct(golden("perfdhcp-v4-offer"));
        messages.parse(offer, fields);

        Dhcp4Packet discover = decoded(bytes(messages.first(41, 3, 2)));
        assertThat(discover.messageTypeCode()).isEqualTo(1);
        assertThat(discover.xid()).isEqualTo(41);
        assertThat(discover.secs()).isEqualTo(2);
        assertThat(discover.hops()).isEqualTo(1);
        assertThat(discover.giaddr()).isEqualTo(RELAY);
        assertThat(discover.hardwareAddress()).containsExactly(0x00, 0x11, 0x22, 0x33, 0x44, 0x58);
        Dhcp4Packet request = decoded(bytes(messages.second(offer, fields, 0, new byte[]{10, 0, 0, 1})));
        assertThat(request.messageTypeCode()).isEqualTo(3);
        assertThat(request.serverIdentifier().getAsInt()).isEqualTo(0x0a000001);
        assertThat(request.requestedAddress().getAsInt()).isEqualTo(PerfEngine.toInt(InetAddress.ofLiteral("10.5.0.10")));
    }

    private static Dhcp4Packet decoded(byte[] datagram) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(datagram);
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        return ((Dhcp4DecodeResult.Decoded) result).packet();
    }

    @Test
    void anExtraOptionWithOurCodeReplacesOursAndIsNotPatched() {
        byte[] clientId = {0, 'x', 'y'};
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of(new PerfOptions.ExtraOption(61, clientId)));

        String discover = HexFormat.of().formatHex(bytes(messages.first(0, 5, 0)));
        assertThat(discover).contains("3d03007879").doesNotContain("3d0701");
    }

    @Test
    void unusableRepliesAreRefused() throws IOException {
        Dhcp4Messages messages = new Dhcp4Messages(RELAY, MAC, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        byte[] offer = golden("perfdhcp-v4-offer");

        assertThat(messages.parse(direct(new byte[239]), fields)).isFalse();
        byte[] badCookie = offer.clone();
        badCookie[236] = 0;
        assertThat(messages.parse(direct(badCookie), fields)).isFalse();
        byte[] request = golden("perfdhcp-v4-request");
        assertThat(messages.parse(direct(request), fields)).as("op 1 is not a reply").isFalse();
        byte[] truncated = java.util.Arrays.copyOf(offer, 245);
        assertThat(messages.parse(direct(truncated), fields)).isFalse();
    }

    @Test
    void solicitIsPerfdhcpsRelayedSolicit() throws IOException {
        byte[] duid = HexFormat.of().parseHex("00010001329a4aab000c01020304");
        Dhcp6Messages messages = new Dhcp6Messages(InetAddress.ofLiteral("::1").getAddress(), true, duid, MAC, false,
                List.of());

        assertThat(HexFormat.of().formatHex(bytes(messages.first(0, 0, 0))))
                .isEqualTo(HexFormat.of().formatHex(golden("perfdhcp-v6-solicit")));
    }

    @Test
    void v6RequestCopiesServerIdAndIaFromTheAdvertise() throws IOException {
        byte[] duid = HexFormat.of().parseHex("00010001329a4aab000c01020304");
        Dhcp6Messages messages = new Dhcp6Messages(InetAddress.ofLiteral("::1").getAddress(), true, duid, MAC, false,
                List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        ByteBuffer advertise = direct(golden("perfdhcp-v6-advertise"));

        assertThat(messages.parse(advertise, fields)).isTrue();
        assertThat(fields.kind).isEqualTo(ClientMessages.REPLY_FIRST);
        assertThat(fields.hasAddress).isTrue();
        assertThat(fields.rejected).isFalse();
        assertThat(fields.addressHigh).isEqualTo(0x20010db800050000L);
        assertThat(fields.addressLow).isEqualTo(0x100L);
        byte[] request = bytes(messages.second(advertise, fields, 0, null));
        byte[] expected = golden("perfdhcp-v6-request");
        // perfdhcp numbers the REQUEST's transaction 1; nestor perf flips the ADVERTISE's top xid bit
        assertThat(HexFormat.of().formatHex(request, 39, 42)).isEqualTo("800000");
        request[39] = 0;
        request[41] = 1;
        assertThat(HexFormat.of().formatHex(request)).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void nestorWireDecodesTheV6RequestTheClientSends() throws IOException {
        Dhcp6Messages messages = new Dhcp6Messages(InetAddress.ofLiteral("::1").getAddress(), true,
                HexFormat.of().parseHex("00010001329a4aab000c01020304"), MAC, false, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        ByteBuffer advertise = direct(golden("perfdhcp-v6-advertise"));
        messages.parse(advertise, fields);

        Dhcp6DecodeResult result = Dhcp6Codec.decode(bytes(messages.second(advertise, fields, 2, null)));

        assertThat(result).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
        Dhcp6Packet request = ((Dhcp6DecodeResult.Decoded) result).message().innermost();
        assertThat(request.messageType().code()).isEqualTo(3);
        assertThat(request.transactionId()).isEqualTo(0x800000);
        assertThat(request.count(1)).isEqualTo(1);
        assertThat(request.count(2)).isEqualTo(1);
        assertThat(request.count(3)).isEqualTo(1);
        assertThat(request.optionsWith(8).getFirst().byteAt(1)).isEqualTo(200);
    }

    @Test
    void v6ReplyIsTheSecondReply() throws IOException {
        Dhcp6Messages messages = new Dhcp6Messages(InetAddress.ofLiteral("::1").getAddress(), true,
                HexFormat.of().parseHex("000300010a0b0c0d0e0f"), MAC, false, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();

        assertThat(messages.parse(direct(golden("perfdhcp-v6-reply")), fields)).isTrue();
        assertThat(fields.kind).isEqualTo(ClientMessages.REPLY_SECOND);
        assertThat(fields.xid).isEqualTo(1);
        assertThat(messages.secondXid(messages.secondXid(5))).isEqualTo(5);
    }

    @Test
    void v6IaWithErrorStatusIsRejected() {
        ByteBuffer reply = ByteBuffer.allocateDirect(64);
        reply.put((byte) 7).put((byte) 0).put((byte) 0).put((byte) 9);
        reply.putShort((short) 3).putShort((short) 18).putInt(1).putInt(0).putInt(0);
        reply.putShort((short) 13).putShort((short) 2).putShort((short) 2);
        reply.flip();
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        Dhcp6Messages messages = new Dhcp6Messages(new byte[16], false, HexFormat.of().parseHex("000300010a0b0c0d0e0f"),
                MAC, false, List.of());

        assertThat(messages.parse(reply, fields)).isTrue();
        assertThat(fields.rejected).isTrue();
        assertThat(fields.hasAddress).isFalse();
    }

    /** Seeded random datagrams (a plain loop: the project does not use jqwik). */
    @Test
    void arbitraryBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(0x5eed_0001L);
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        Dhcp4Messages v4 = new Dhcp4Messages(RELAY, MAC, List.of());
        Dhcp6Messages v6 = new Dhcp6Messages(new byte[16], true, MAC, MAC, false, List.of());
        for (int round = 0; round < 20_000; round++) {
            byte[] datagram = new byte[random.nextInt(600)];
            random.nextBytes(datagram);
            if (datagram.length > 240 && random.nextBoolean()) {
                // a valid header start and cookie so the option scanner gets exercised
                datagram[0] = 2;
                ByteBuffer.wrap(datagram).putInt(236, Dhcp4Codec.MAGIC_COOKIE);
            }
            v4.parse(ByteBuffer.wrap(datagram), fields);
            v6.parse(ByteBuffer.wrap(datagram), fields);
        }
    }

    /** Kea's replies with one byte changed, then answered as the client would: never an exception. */
    @Test
    void mutatedKeaRepliesNeverThrow() throws IOException {
        SplittableRandom random = new SplittableRandom(0x5eed_0002L);
        byte[] offer = golden("perfdhcp-v4-offer");
        byte[] advertise = golden("perfdhcp-v6-advertise");
        Dhcp4Messages v4 = new Dhcp4Messages(RELAY, MAC, List.of());
        Dhcp6Messages v6 = new Dhcp6Messages(new byte[16], true, MAC, MAC, false, List.of());
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        for (int round = 0; round < 20_000; round++) {
            for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--) {
                byte[] reply = random.nextBoolean() ? offer.clone() : advertise.clone();
                reply[random.nextInt(reply.length)] = (byte) random.nextInt(256);
                ClientMessages messages = reply.length == offer.length ? v4 : v6;
                if (messages.parse(ByteBuffer.wrap(reply), fields) && fields.kind == ClientMessages.REPLY_FIRST) {
                    messages.second(ByteBuffer.wrap(reply), fields, 0, null);
                }
            }
        }
    }
}

package dev.nestor.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.wire.DecodeNote;
import dev.nestor.wire.GoldenPackets;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Hand-built DHCPv4 datagrams for the rules the golden captures do not exercise. */
class Dhcp4CodecTest {

    /** A 240-byte header + cookie for a DISCOVER-like request, followed by {@code options} bytes. */
    private static byte[] datagram(byte[] sname, byte[] file, int... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[236];
        header[0] = 1;
        header[1] = 1;
        header[2] = 6;
        header[4] = 0x12;
        header[7] = 0x34;
        header[28] = (byte) 0xaa;
        System.arraycopy(sname, 0, header, 44, sname.length);
        System.arraycopy(file, 0, header, 108, file.length);
        out.writeBytes(header);
        out.writeBytes(new byte[] {0x63, (byte) 0x82, 0x53, 0x63});
        for (int b : options) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] datagram(int... options) {
        return datagram(new byte[0], new byte[0], options);
    }

    private static Dhcp4DecodeResult.Decoded decoded(byte[] bytes) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        return (Dhcp4DecodeResult.Decoded) result;
    }

    private static Dhcp4RejectReason rejected(byte[] bytes) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(bytes);
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Rejected.class);
        return ((Dhcp4DecodeResult.Rejected) result).reason();
    }

    @Test
    void rejectsShortAndCookieless() {
        assertThat(rejected(new byte[0])).isEqualTo(Dhcp4RejectReason.TRUNCATED_HEADER);
        assertThat(rejected(new byte[235])).isEqualTo(Dhcp4RejectReason.TRUNCATED_HEADER);
        assertThat(rejected(new byte[236])).isEqualTo(Dhcp4RejectReason.NO_VENDOR_EXTENSIONS);
        assertThat(rejected(new byte[239])).isEqualTo(Dhcp4RejectReason.TRUNCATED_MAGIC_COOKIE);
        assertThat(rejected(new byte[300])).isEqualTo(Dhcp4RejectReason.BAD_MAGIC_COOKIE);
        assertThat(rejected(new byte[70000])).isEqualTo(Dhcp4RejectReason.TOO_LARGE);
        assertThat(Dhcp4RejectReason.NO_VENDOR_EXTENSIONS.message())
                .isEqualTo("Received BOOTP packet without vendor information extensions.");
    }

    @Test
    void headerFieldsAndPadAndEnd() {
        Dhcp4DecodeResult.Decoded result = decoded(datagram(0, 0, 53, 1, 3, 0, 255, 0, 0, 0));
        Dhcp4Packet packet = result.packet();
        assertThat(packet.xid()).isEqualTo(0x12000034);
        assertThat(packet.messageType()).contains(Dhcp4MessageType.REQUEST);
        assertThat(packet.options()).hasSize(1);
        assertThat(packet.padding()).isEqualTo(3);
        assertThat(result.notes()).isEmpty();
        // inner PADs are not kept, so the re-encoding is 3 bytes shorter but decodes to the same packet
        byte[] again = Dhcp4Codec.encode(packet);
        assertThat(again).hasSize(240 + 3 + 1 + 3);
        assertThat(decoded(again).packet()).isEqualTo(packet);
    }

    @Test
    void splitOptionsAreConcatenatedInOrder() {
        Dhcp4Packet packet = decoded(datagram(53, 1, 1, 12, 2, 'a', 'b', 61, 1, 7, 12, 1, 'c', 255)).packet();
        assertThat(packet.options()).extracting(Dhcp4Option::code).containsExactly(53, 12, 61);
        assertThat(packet.hostName()).contains("abc");
    }

    @Test
    void overloadReadsFileThenSnameAndConcatenatesAcrossAreas() {
        byte[] file = {12, 1, 'f', 66, 2, 'x', 'y', (byte) 255};
        byte[] sname = {12, 1, 's', 0, 0, (byte) 255};
        Dhcp4DecodeResult.Decoded result = decoded(datagram(sname, file, 53, 1, 1, 52, 1, 3, 12, 1, 'm', 255));
        Dhcp4Packet packet = result.packet();
        assertThat(result.notes()).isEmpty();
        assertThat(packet.hostName()).contains("mfs");
        assertThat(packet.option(66).data()).containsExactly('x', 'y');
        assertThat(packet.hasOption(Dhcp4Packet.OPTION_OVERLOAD)).isFalse();
        assertThat(packet.sname()).containsOnly(0);
        assertThat(packet.file()).containsOnly(0);
        // normalised form: everything in the main area, and it decodes to the same packet
        assertThat(decoded(Dhcp4Codec.encode(packet)).packet()).isEqualTo(packet);
    }

    @Test
    void overloadOfFileOnlyKeepsSname() {
        byte[] file = {66, 1, 'x', (byte) 255};
        byte[] sname = "server".getBytes();
        Dhcp4Packet packet = decoded(datagram(sname, file, 52, 1, 1, 255)).packet();
        assertThat(packet.option(66)).isNotNull();
        assertThat(packet.serverHostName()).isEqualTo("server");
        assertThat(packet.bootFileName()).isEmpty();
    }

    @Test
    void overloadInsideOverloadedFieldIsIgnoredAndNoted() {
        byte[] file = {52, 1, 3, 66, 1, 'x', (byte) 255};
        Dhcp4DecodeResult.Decoded result = decoded(datagram(new byte[0], file, 52, 1, 1, 255));
        assertThat(result.notes()).extracting(DecodeNote::kind).containsExactly(DecodeNote.Kind.NESTED_OVERLOAD);
        assertThat(result.packet().option(66)).isNotNull();
    }

    @Test
    void badOverloadValueIsNotedAndFieldsStayRaw() {
        byte[] file = "boot.img".getBytes();
        Dhcp4DecodeResult.Decoded result = decoded(datagram(new byte[0], file, 52, 1, 9, 255));
        assertThat(result.notes()).extracting(DecodeNote::kind).containsExactly(DecodeNote.Kind.BAD_OVERLOAD);
        assertThat(result.packet().bootFileName()).isEqualTo("boot.img");
        assertThat(result.packet().option(52).uint8()).isEqualTo(9);
        assertThat(decoded(datagram(52, 0, 255)).notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.BAD_OVERLOAD);
        assertThat(decoded(datagram(52, 2, 1, 1, 255)).notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.BAD_OVERLOAD);
    }

    @Test
    void truncatedOptionIsSkippedAndNoted() {
        Dhcp4DecodeResult.Decoded result = decoded(datagram(53, 1, 1, 12, 10, 'a', 'b'));
        assertThat(result.packet().options()).extracting(Dhcp4Option::code).containsExactly(53);
        assertThat(result.notes()).extracting(DecodeNote::kind).containsExactly(DecodeNote.Kind.TRUNCATED_OPTION);
        assertThat(result.notes().getFirst().code()).isEqualTo(12);
        assertThat(result.notes().getFirst().offset()).isEqualTo(243);
        assertThat(decoded(datagram(53, 1, 1, 12)).notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.TRUNCATED_OPTION);
    }

    @Test
    void missingEndAndDataAfterEndAreNoted() {
        assertThat(decoded(datagram(53, 1, 1)).notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.MISSING_END);
        Dhcp4DecodeResult.Decoded after = decoded(datagram(53, 1, 1, 255, 0, 7));
        assertThat(after.notes()).extracting(DecodeNote::kind).containsExactly(DecodeNote.Kind.DATA_AFTER_END);
        assertThat(after.packet().padding()).isEqualTo(2);
    }

    @Test
    void unknownOptionsAndMessageTypesSurvive() {
        byte[] bytes = datagram(53, 1, 200, 250, 3, 1, 2, 3, 255);
        Dhcp4Packet packet = decoded(bytes).packet();
        assertThat(packet.messageType()).hasValueSatisfying(type -> {
            assertThat(type.isKnown()).isFalse();
            assertThat(type.code()).isEqualTo(200);
            assertThat(type.name()).isEqualTo("UNKNOWN_200");
        });
        assertThat(packet.option(250).data()).containsExactly(1, 2, 3);
        assertThat(Dhcp4Codec.encode(packet)).isEqualTo(bytes);
        assertThat(Dhcp4MessageType.of(8)).isSameAs(Dhcp4MessageType.INFORM);
        assertThat(Dhcp4MessageType.INFORM.name()).isEqualTo("DHCPINFORM");
    }

    @Test
    void malformedTypedOptionsGiveEmptyNotExceptions() {
        Dhcp4Packet packet = decoded(datagram(53, 2, 1, 1, 50, 3, 1, 2, 3, 54, 0, 51, 2, 0, 1, 57, 1, 5, 82, 3, 1, 5,
                'x', 255)).packet();
        assertThat(packet.messageType()).isEmpty();
        assertThat(packet.messageTypeCode()).isEqualTo(-1);
        assertThat(packet.requestedAddress()).isEmpty();
        assertThat(packet.serverIdentifier()).isEmpty();
        assertThat(packet.leaseTime()).isEmpty();
        assertThat(packet.maxMessageSize()).isEmpty();
        assertThat(packet.clientIdentifier()).isEmpty();
        RelayAgentInformation rai = packet.relayAgentInformation().orElseThrow();
        assertThat(rai.truncated()).isTrue();
        assertThat(rai.subOptions()).isEmpty();
    }

    @Test
    void hardwareAddressLengthAbove16IsCutAndNoted() {
        byte[] bytes = datagram(53, 1, 1, 255);
        bytes[2] = 40;
        Dhcp4DecodeResult.Decoded result = decoded(bytes);
        assertThat(result.notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.HARDWARE_LENGTH_TOO_LARGE);
        assertThat(result.packet().hardwareAddress()).hasSize(16);
        assertThat(Dhcp4Codec.encode(result.packet())).isEqualTo(bytes);
    }

    @Test
    void relayAgentSubOptions() {
        RelayAgentInformation rai = RelayAgentInformation.of(java.util.List.of(
                new RelayAgentInformation.SubOption(1, new byte[] {'c'}),
                new RelayAgentInformation.SubOption(5, new byte[] {10, 0, 0, 1}),
                new RelayAgentInformation.SubOption(11, new byte[] {10, 0, 0, 2}),
                new RelayAgentInformation.SubOption(19, new byte[] {0x10, 0x00})));
        Dhcp4Packet packet = Dhcp4Packet.builder().messageType(Dhcp4MessageType.DISCOVER).option(rai.toOption()).build();
        RelayAgentInformation parsed = decoded(Dhcp4Codec.encode(packet)).packet().relayAgentInformation().orElseThrow();
        assertThat(parsed).isEqualTo(rai);
        assertThat(parsed.linkSelection()).hasValue(0x0a000001);
        assertThat(parsed.serverIdOverride()).hasValue(0x0a000002);
        assertThat(parsed.relayPort()).hasValue(4096);
        assertThat(parsed.circuitId()).hasValueSatisfying(id -> assertThat(id).containsExactly('c'));
        assertThat(RelayAgentInformation.parse(new byte[] {5, 3, 1, 2, 3}).linkSelection()).isEmpty();
    }

    @Test
    void builderAndWithers() {
        Dhcp4Packet request = ((Dhcp4DecodeResult.Decoded) Dhcp4Codec.decode(GoldenPackets.load("v4-03"))).packet();
        Dhcp4Packet reply = request.replyBuilder()
                .messageType(Dhcp4MessageType.NAK)
                .option(Dhcp4Option.ofAddress(Dhcp4Packet.OPTION_SERVER_IDENTIFIER, 0x7f000101))
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_MESSAGE, "no".getBytes()))
                .broadcast(true)
                .build();
        assertThat(reply.op()).isEqualTo(Dhcp4Packet.OP_BOOTREPLY);
        assertThat(reply.xid()).isEqualTo(request.xid());
        assertThat(reply.giaddr()).isEqualTo(request.giaddr());
        assertThat(reply.hardwareAddress()).isEqualTo(request.hardwareAddress());
        assertThat(reply.broadcast()).isTrue();
        assertThat(reply.secs()).isZero();
        assertThat(reply.messageType()).contains(Dhcp4MessageType.NAK);
        Dhcp4Packet changed = reply.withOption(Dhcp4Option.ofUint8(Dhcp4Packet.OPTION_MESSAGE_TYPE, 5));
        assertThat(changed.messageType()).contains(Dhcp4MessageType.ACK);
        assertThat(changed.options().getFirst().code()).isEqualTo(53);
        assertThat(reply.messageType()).contains(Dhcp4MessageType.NAK);
        assertThat(changed.withoutOption(56).hasOption(56)).isFalse();
        assertThat(reply.withoutOption(99)).isSameAs(reply);
        assertThatThrownBy(() -> Dhcp4Option.of(255, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dhcp4Option.of(0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reply.options().add(Dhcp4Option.ofUint8(3, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void longAndEmptyOptionsEncode() {
        byte[] big = new byte[600];
        Arrays.fill(big, (byte) 'q');
        Dhcp4Packet packet = Dhcp4Packet.builder().option(Dhcp4Option.of(224, big))
                .option(Dhcp4Option.of(80, new byte[0])).padding(10).build();
        byte[] bytes = Dhcp4Codec.encode(packet);
        // 253 + 253 + 94, plus an empty option 80 (rapid commit style)
        assertThat(bytes.length).isEqualTo(240 + 3 * 2 + 600 + 2 + 1 + 10);
        assertThat(HexFormat.of().formatHex(bytes, 240, 242)).isEqualTo("e0fd");
        assertThat(decoded(bytes).packet()).isEqualTo(packet);
        byte[] target = new byte[bytes.length + 5];
        assertThat(Dhcp4Codec.encode(packet, target, 5)).isEqualTo(bytes.length);
        assertThat(Arrays.copyOfRange(target, 5, target.length)).isEqualTo(bytes);
    }

    @Test
    void vendorOptions() {
        byte[] vivso = {0, 0, 0x11, (byte) 0x8b, 6, 1, 1, 5, 2, 1, 9, 0, 0, 0, 9, 3, 7, 1, 1};
        byte[] vendorEncapsulated = {1, 2, 'a', 'b', 0, 2, 0, (byte) 255, 9, 9};
        Dhcp4Packet packet = decoded(Dhcp4Codec.encode(Dhcp4Packet.builder()
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_VIVSO, vivso))
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_VENDOR_ENCAPSULATED, vendorEncapsulated)).build())).packet();
        var blocks = packet.vendorSpecificInformation();
        assertThat(blocks).extracting(Dhcp4Packet.VendorBlock::enterprise).containsExactly(4491L, 9L);
        assertThat(blocks.get(0).subOptions()).extracting(Dhcp4Option::code).containsExactly(1, 2);
        assertThat(blocks.get(1).subOptions()).containsExactly(Dhcp4Option.of(7, new byte[] {1}));
        assertThat(packet.encapsulatedOptions(Dhcp4Packet.OPTION_VENDOR_ENCAPSULATED))
                .containsExactly(Dhcp4Option.of(1, new byte[] {'a', 'b'}), Dhcp4Option.of(2, new byte[0]));
        assertThat(packet.encapsulatedOptions(99)).isEmpty();
        assertThat(Dhcp4Packet.builder().build().vendorSpecificInformation()).isEmpty();
    }

    @Test
    void decodesFromAnOffsetInALargerBuffer() {
        byte[] bytes = datagram(53, 1, 1, 12, 10, 'a');
        byte[] framed = new byte[bytes.length + 20];
        System.arraycopy(bytes, 0, framed, 7, bytes.length);
        Dhcp4DecodeResult result = Dhcp4Codec.decode(framed, 7, bytes.length);
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        Dhcp4DecodeResult.Decoded decoded = (Dhcp4DecodeResult.Decoded) result;
        assertThat(decoded.packet()).isEqualTo(decoded(bytes).packet());
        assertThat(decoded.notes()).isEqualTo(decoded(bytes).notes());
        assertThat(decoded.notes().getFirst().offset()).isEqualTo(243);
    }
}

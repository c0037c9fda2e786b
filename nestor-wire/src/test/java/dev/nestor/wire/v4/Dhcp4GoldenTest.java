package dev.nestor.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import dev.nestor.wire.option.AddressText;
import dev.nestor.wire.option.OptionDataDecoder;
import dev.nestor.wire.option.OptionValue;
import dev.nestor.wire.option.StandardOptions;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Real perfdhcp / kea-dhcp4 2.2.0 packets (see golden/capture.sh): decode, spot-check, re-encode byte for byte. */
class Dhcp4GoldenTest {

    static List<GoldenPackets.Golden> goldens() {
        return GoldenPackets.all("v4");
    }

    private static Dhcp4Packet decode(String name) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(GoldenPackets.load(name));
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        Dhcp4DecodeResult.Decoded decoded = (Dhcp4DecodeResult.Decoded) result;
        assertThat(decoded.notes()).isEmpty();
        return decoded.packet();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodeThenEncodeGivesTheSameBytes(GoldenPackets.Golden golden) {
        Dhcp4DecodeResult result = Dhcp4Codec.decode(golden.bytes());
        assertThat(result).isInstanceOf(Dhcp4DecodeResult.Decoded.class);
        Dhcp4Packet packet = ((Dhcp4DecodeResult.Decoded) result).packet();
        assertThat(HexFormat.of().formatHex(Dhcp4Codec.encode(packet)))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
        assertThat(Dhcp4Codec.encodedLength(packet)).isEqualTo(golden.bytes().length);
    }

    @Test
    void goldenSetIsComplete() {
        assertThat(goldens()).hasSize(8);
    }

    @Test
    void perfdhcpDiscover() {
        Dhcp4Packet discover = decode("v4-01");
        assertThat(discover.op()).isEqualTo(Dhcp4Packet.OP_BOOTREQUEST);
        assertThat(discover.messageType()).contains(Dhcp4MessageType.DISCOVER);
        assertThat(discover.hops()).isEqualTo(1);
        assertThat(AddressText.formatIpv4(discover.giaddr())).isEqualTo("127.0.1.2");
        assertThat(discover.hardwareAddress()).containsExactly(0x00, 0x0c, 0x01, 0x02, 0x03, 0x04);
        assertThat(discover.parameterRequestList()).containsExactly(1, 28, 2, 3, 15, 6, 12);
        assertThat(discover.requests(28)).isTrue();
        assertThat(discover.requests(42)).isFalse();
        assertThat(discover.clientIdentifier()).hasValueSatisfying(
                id -> assertThat(id).containsExactly(1, 0x00, 0x0c, 0x01, 0x02, 0x03, 0x04));
        assertThat(discover.serverIdentifier()).isEmpty();
        assertThat(discover.relayAgentInformation()).isEmpty();
    }

    @Test
    void keaOfferWithSplitLongOption() {
        Dhcp4Packet offer = decode("v4-02");
        assertThat(offer.messageType()).contains(Dhcp4MessageType.OFFER);
        assertThat(AddressText.formatIpv4(offer.yiaddr())).isEqualTo("192.0.2.10");
        assertThat(offer.serverIdentifier().getAsInt()).isEqualTo((int) AddressText.parseIpv4("127.0.1.1"));
        assertThat(offer.leaseTime()).hasValue(4000);
        assertThat(offer.option(Dhcp4Packet.OPTION_RENEWAL_TIME).uint32()).isEqualTo(1000);
        assertThat(offer.option(Dhcp4Packet.OPTION_REBINDING_TIME).uint32()).isEqualTo(2000);
        assertThat(offer.options().getFirst().code()).isEqualTo(Dhcp4Packet.OPTION_MESSAGE_TYPE);
        // Kea split the 300-byte option 224 into 253 + 47 on the wire; decoding joined it again
        Dhcp4Option longText = offer.option(224);
        assertThat(longText.length()).isEqualTo(300);
        assertThat(new String(longText.data(), StandardCharsets.US_ASCII)).isEqualTo("x".repeat(300));
        byte[] wire = GoldenPackets.load("v4-02");
        assertThat(countOccurrences(wire, new byte[] {(byte) 224, (byte) 253})).isEqualTo(1);
        assertThat(countOccurrences(wire, new byte[] {(byte) 224, 47})).isEqualTo(1);
        var dns = offer.decodeOption(Dhcp4Packet.OPTION_DOMAIN_NAME_SERVERS, StandardOptions.dhcp4()).orElseThrow();
        assertThat(((OptionDataDecoder.Result.Values) dns).values()).extracting(OptionValue::toText)
                .containsExactly("192.0.2.53", "192.0.2.54");
        assertThat(offer.decodeOption(Dhcp4Packet.OPTION_DOMAIN_NAME, StandardOptions.dhcp4()).orElseThrow())
                .isEqualTo(new OptionDataDecoder.Result.Values(
                        List.of(new OptionValue.Text(dev.nestor.wire.option.OptionDataType.STRING, "example.org")), 11));
    }

    @Test
    void relayAgentInformationIsEchoed() {
        Dhcp4Packet discover = decode("v4-05");
        RelayAgentInformation rai = discover.relayAgentInformation().orElseThrow();
        assertThat(new String(rai.circuitId().orElseThrow(), StandardCharsets.US_ASCII)).isEqualTo("age1/1");
        // the capture's -o 82 value declares remote-id length 8 but carries 7 bytes: a truncated sub-option
        assertThat(rai.remoteId()).isEmpty();
        assertThat(rai.truncated()).isTrue();
        assertThat(rai.subOptions()).hasSize(1);
        assertThat(rai.linkSelection()).isEmpty();
        Dhcp4Packet ack = decode("v4-08");
        assertThat(ack.messageType()).contains(Dhcp4MessageType.ACK);
        // Kea echoed only the well-formed sub-option
        RelayAgentInformation echoed = ack.relayAgentInformation().orElseThrow();
        assertThat(echoed.truncated()).isFalse();
        assertThat(echoed.subOptions()).isEqualTo(rai.subOptions());
        assertThat(RelayAgentInformation.of(rai.subOptions()).toOption()).isEqualTo(ack.option(82));
        // Kea puts option 82 last
        assertThat(ack.options().getLast().code()).isEqualTo(Dhcp4Packet.OPTION_RELAY_AGENT_INFORMATION);
        Dhcp4Packet request = decode("v4-07");
        assertThat(AddressText.formatIpv4(request.requestedAddress().getAsInt())).isEqualTo("192.0.2.11");
    }

    @Test
    void replyBuiltLikeKeaMatchesKeaBytes() {
        // Rebuild Kea's ACK from the REQUEST and the ACK's option values: same bytes as Kea sent
        Dhcp4Packet request = decode("v4-03");
        Dhcp4Packet keaAck = decode("v4-04");
        Dhcp4Packet.Builder reply = request.replyBuilder().yiaddr(keaAck.yiaddr()).hops(keaAck.hops());
        for (int i = keaAck.options().size() - 1; i >= 0; i--) {
            reply.option(keaAck.options().get(i));
        }
        reply.orderLikeKea();
        assertThat(Dhcp4Codec.encode(reply.build())).isEqualTo(GoldenPackets.load("v4-04"));
    }

    private static int countOccurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        outer:
        for (int i = 240; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }
}

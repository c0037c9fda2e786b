package dev.nestor.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.wire.GoldenPackets;
import dev.nestor.wire.option.AddressText;
import dev.nestor.wire.option.OptionDataDecoder;
import dev.nestor.wire.option.OptionValue;
import dev.nestor.wire.option.StandardOptions;
import dev.nestor.wire.option.Universe;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real perfdhcp / kea-dhcp6 2.2.0 packets (see golden/capture.sh), direct and relay-encapsulated (-A 1). */
class Dhcp6GoldenTest {

    static List<GoldenPackets.Golden> goldens() {
        return GoldenPackets.all("v6");
    }

    private static Dhcp6Message decode(String name) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(GoldenPackets.load(name));
        assertThat(result).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
        assertThat(((Dhcp6DecodeResult.Decoded) result).notes()).isEmpty();
        return ((Dhcp6DecodeResult.Decoded) result).message();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void decodeThenEncodeGivesTheSameBytes(GoldenPackets.Golden golden) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(golden.bytes());
        assertThat(result).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
        Dhcp6Message message = ((Dhcp6DecodeResult.Decoded) result).message();
        assertThat(HexFormat.of().formatHex(Dhcp6Codec.encode(message)))
                .isEqualTo(HexFormat.of().formatHex(golden.bytes()));
    }

    @Test
    void goldenSetIsComplete() {
        assertThat(goldens()).hasSize(5);
    }

    @Test
    void directSolicit() {
        Dhcp6Packet solicit = (Dhcp6Packet) decode("v6-01");
        assertThat(solicit.messageType()).isEqualTo(Dhcp6MessageType.SOLICIT);
        assertThat(solicit.transactionId()).isZero();
        Duid clientId = solicit.clientId().orElseThrow();
        assertThat(clientId.type()).isEqualTo(Duid.LLT);
        assertThat(clientId.hardwareType()).hasValue(1);
        assertThat(clientId.linkLayerAddress()).hasValueSatisfying(
                mac -> assertThat(mac).containsExactly(0x00, 0x0c, 0x01, 0x02, 0x03, 0x04));
        assertThat(clientId.lengthAcceptable()).isTrue();
        assertThat(solicit.requestedOptions()).containsExactly(23, 24);
        assertThat(solicit.elapsedTime()).hasValue(0);
        assertThat(solicit.iaNa()).singleElement().satisfies(ia -> {
            assertThat(ia.iaid()).isEqualTo(1);
            assertThat(ia.t1()).isEqualTo(3600);
            assertThat(ia.t2()).isEqualTo(5400);
            assertThat(ia.addresses()).isEmpty();
        });
        assertThat(solicit.iaPd()).hasSize(1);
        assertThat(solicit.serverId()).isEmpty();
        assertThat(solicit.count(Dhcp6Option.CLIENTID)).isEqualTo(1);
    }

    @Test
    void relayedAdvertiseFromKea() {
        Dhcp6RelayMessage relay = (Dhcp6RelayMessage) decode("v6-03");
        assertThat(relay.messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(relay.hopCount()).isZero();
        assertThat(AddressText.formatIpv6(relay.linkAddress())).isEqualTo("::1");
        assertThat(AddressText.formatIpv6(relay.peerAddress())).isEqualTo("::1");
        assertThat(relay.relayChain()).hasSize(1);
        Dhcp6Packet advertise = relay.innermost();
        assertThat(advertise.messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
        Duid serverId = advertise.serverId().orElseThrow();
        assertThat(serverId.type()).isEqualTo(Duid.EN);
        assertThat(serverId.enterpriseNumber()).contains(2495L);
        assertThat(serverId.identifier()).hasValueSatisfying(
                id -> assertThat(HexFormat.of().formatHex(id)).isEqualTo("0102030405060708"));
        IdentityAssociation na = advertise.iaNa().getFirst();
        assertThat(na.t1()).isEqualTo(1500);
        assertThat(na.t2()).isEqualTo(2400);
        IdentityAssociation.Address address = na.addresses().getFirst();
        assertThat(AddressText.formatIpv6(address.address())).isEqualTo("2001:db8:2::100");
        assertThat(address.preferred()).isEqualTo(3000);
        assertThat(address.valid()).isEqualTo(4000);
        IdentityAssociation.Prefix prefix = advertise.iaPd().getFirst().prefixes().getFirst();
        assertThat(AddressText.formatIpv6(prefix.prefix()) + "/" + prefix.length()).isEqualTo("2001:db8:9::/56");
        Dhcp6Option dns = advertise.option(23);
        var decodedDns = OptionDataDecoder.decode(StandardOptions.dhcp6().byCode(23).orElseThrow(), dns.data(), 0,
                dns.length(), Universe.V6);
        assertThat(((OptionDataDecoder.Result.Values) decodedDns).values()).extracting(OptionValue::toText)
                .containsExactly("2001:db8::53", "2001:db8::54");
        Dhcp6Option search = advertise.option(24);
        var decodedSearch = OptionDataDecoder.decode(StandardOptions.dhcp6().byCode(24).orElseThrow(), search.data(),
                0, search.length(), Universe.V6);
        assertThat(((OptionDataDecoder.Result.Values) decodedSearch).values()).extracting(OptionValue::toText)
                .containsExactly("example.org.", "example.com.");
    }

    @Test
    void replyRebuiltFromRequestMatchesKeaBytes() {
        Dhcp6RelayMessage request = (Dhcp6RelayMessage) decode("v6-04");
        Dhcp6RelayMessage keaReply = (Dhcp6RelayMessage) decode("v6-05");
        assertThat(request.innermost().messageType()).isEqualTo(Dhcp6MessageType.REQUEST);
        Dhcp6Packet reply = request.innermost().reply(Dhcp6MessageType.REPLY);
        for (Dhcp6Option option : keaReply.innermost().options()) {
            if (option.code() != Dhcp6Option.CLIENTID) {
                reply = reply.withOption(option);
            }
        }
        Dhcp6RelayMessage wrapped = request.replyWith(reply);
        assertThat(Dhcp6Codec.encode(wrapped)).isEqualTo(GoldenPackets.load("v6-05"));
        assertThat(wrapped).isEqualTo(keaReply);
    }
}

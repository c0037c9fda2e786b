package dev.nestor.wire.v6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.wire.DecodeNote;
import dev.nestor.wire.option.AddressText;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built DHCPv6 messages: every message type, IA contents, relay nesting and malformed input. */
class Dhcp6CodecTest {

    private static final byte[] LINK = AddressText.parseIpv6("2001:db8:1::1");
    private static final byte[] PEER = AddressText.parseIpv6("fe80::1");

    private static Dhcp6DecodeResult.Decoded decoded(byte[] bytes) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(bytes);
        assertThat(result).isInstanceOf(Dhcp6DecodeResult.Decoded.class);
        return (Dhcp6DecodeResult.Decoded) result;
    }

    private static Dhcp6RejectReason rejected(byte[] bytes) {
        Dhcp6DecodeResult result = Dhcp6Codec.decode(bytes);
        assertThat(result).isInstanceOf(Dhcp6DecodeResult.Rejected.class);
        return ((Dhcp6DecodeResult.Rejected) result).reason();
    }

    private static Dhcp6Packet solicit() {
        IdentityAssociation na = new IdentityAssociation(Dhcp6Option.IA_NA, 7, 100, 200, List.of(
                new IdentityAssociation.Address(AddressText.parseIpv6("2001:db8:1::5"), 300, 400, List.of()).toOption()));
        IdentityAssociation ta = new IdentityAssociation(Dhcp6Option.IA_TA, 8, 0, 0, List.of());
        IdentityAssociation pd = new IdentityAssociation(Dhcp6Option.IA_PD, 9, 10, 20, List.of(
                new IdentityAssociation.Prefix(30, 40, 56, AddressText.parseIpv6("2001:db8:8::"), List.of()).toOption()));
        return new Dhcp6Packet(Dhcp6MessageType.SOLICIT, 0xabcdef, List.of(
                Duid.llt(1, 1000, new byte[] {1, 2, 3, 4, 5, 6}).toOption(Dhcp6Option.CLIENTID),
                Dhcp6Option.ofUint16(Dhcp6Option.ELAPSED_TIME, 250),
                Dhcp6Option.of(Dhcp6Option.ORO, new byte[] {0, 23, 0, 24}),
                Dhcp6Option.of(Dhcp6Option.RAPID_COMMIT, new byte[0]),
                na.toOption(), ta.toOption(), pd.toOption()));
    }

    @Test
    void everyMessageTypeRoundTrips() {
        for (int code = 0; code < 256; code++) {
            Dhcp6MessageType type = Dhcp6MessageType.of(code);
            Dhcp6Message message = type.isRelay()
                    ? Dhcp6RelayMessage.of(type, 1, LINK, PEER, List.of(), solicit())
                    : new Dhcp6Packet(type, code * 3, List.of(Dhcp6Option.of(65000, new byte[] {1})));
            byte[] bytes = Dhcp6Codec.encode(message);
            assertThat(decoded(bytes).message()).isEqualTo(message);
            assertThat(Dhcp6Codec.encode(decoded(bytes).message())).isEqualTo(bytes);
        }
        assertThat(Dhcp6MessageType.of(99).name()).isEqualTo("UNKNOWN_99");
        assertThat(Dhcp6MessageType.INFORMATION_REQUEST.name()).isEqualTo("INFORMATION_REQUEST");
    }

    @Test
    void iaContentsAndTypedGetters() {
        Dhcp6Packet packet = (Dhcp6Packet) decoded(Dhcp6Codec.encode(solicit())).message();
        assertThat(packet.transactionId()).isEqualTo(0xabcdef);
        assertThat(packet.elapsedTime()).hasValue(250);
        assertThat(packet.requestedOptions()).containsExactly(23, 24);
        assertThat(packet.rapidCommit()).isTrue();
        IdentityAssociation na = packet.iaNa().getFirst();
        assertThat(na.iaid()).isEqualTo(7);
        assertThat(AddressText.formatIpv6(na.addresses().getFirst().address())).isEqualTo("2001:db8:1::5");
        assertThat(packet.iaTa().getFirst().iaid()).isEqualTo(8);
        IdentityAssociation.Prefix prefix = packet.iaPd().getFirst().prefixes().getFirst();
        assertThat(prefix.length()).isEqualTo(56);
        assertThat(prefix.valid()).isEqualTo(40);
        Duid duid = packet.clientId().orElseThrow();
        assertThat(duid.time()).contains(Instant.parse("2000-01-01T00:16:40Z"));
        assertThat(duid.toText()).isEqualTo("00:01:00:01:00:00:03:e8:01:02:03:04:05:06");
    }

    @Test
    void statusCodesInsideIas() {
        StatusCode noAddress = new StatusCode(StatusCode.NO_ADDRS_AVAIL, "Sorry, no address could be allocated.");
        IdentityAssociation na = new IdentityAssociation(Dhcp6Option.IA_NA, 1, 0, 0, List.of(noAddress.toOption()));
        Dhcp6Packet reply = new Dhcp6Packet(Dhcp6MessageType.REPLY, 1, List.of(na.toOption(),
                new StatusCode(StatusCode.SUCCESS, "All addresses are on-link").toOption()));
        Dhcp6Packet decoded = (Dhcp6Packet) decoded(Dhcp6Codec.encode(reply)).message();
        assertThat(decoded.iaNa().getFirst().statusCode()).contains(noAddress);
        assertThat(decoded.statusCode().orElseThrow().codeName()).isEqualTo("Success");
        assertThat(noAddress.codeName()).isEqualTo("NoAddrsAvail");
    }

    @Test
    void duidTypes() {
        Duid en = Duid.en(2495, new byte[] {1, 2});
        assertThat(en.type()).isEqualTo(Duid.EN);
        assertThat(en.enterpriseNumber()).contains(2495L);
        assertThat(en.hardwareType()).isEmpty();
        Duid ll = Duid.ll(1, new byte[] {9, 9, 9, 9, 9, 9});
        assertThat(ll.linkLayerAddress()).hasValueSatisfying(mac -> assertThat(mac).hasSize(6));
        assertThat(ll.time()).isEmpty();
        Duid uuid = new Duid(HexFormat.of().parseHex("0004" + "00112233445566778899aabbccddeeff"));
        assertThat(uuid.identifier()).hasValueSatisfying(id -> assertThat(id).hasSize(16));
        assertThat(new Duid(new byte[] {0}).type()).isEqualTo(-1);
        assertThat(new Duid(new byte[] {0, 1}).lengthAcceptable()).isFalse();
        assertThat(new Duid(new byte[] {0, 1, 0, 1}).linkLayerAddress()).isEmpty();
    }

    @Test
    void nestedRelaysAndReplies() {
        Dhcp6Option interfaceId = Dhcp6Option.of(Dhcp6Option.INTERFACE_ID, "eth0.100".getBytes());
        Dhcp6RelayMessage first = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, LINK, PEER,
                List.of(interfaceId), solicit());
        Dhcp6RelayMessage second = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 1, new byte[16], LINK,
                List.of(Dhcp6Option.of(Dhcp6Option.REMOTE_ID, new byte[] {0, 0, 0, 9, 1})), first);
        Dhcp6RelayMessage decoded = (Dhcp6RelayMessage) decoded(Dhcp6Codec.encode(second)).message();
        assertThat(decoded).isEqualTo(second);
        assertThat(decoded.relayChain()).hasSize(2);
        assertThat(decoded.relayChain().get(1).interfaceId()).hasValueSatisfying(
                id -> assertThat(new String(id)).isEqualTo("eth0.100"));
        assertThat(decoded.innermost()).isEqualTo(solicit());
        Dhcp6RelayMessage reply = decoded.replyWith(solicit().reply(Dhcp6MessageType.ADVERTISE));
        assertThat(reply.messageType()).isEqualTo(Dhcp6MessageType.RELAY_REPL);
        assertThat(reply.hopCount()).isEqualTo(1);
        assertThat(reply.interfaceId()).isEmpty();
        Dhcp6RelayMessage innerReply = (Dhcp6RelayMessage) reply.inner();
        assertThat(innerReply.interfaceId()).isPresent();
        assertThat(innerReply.peerAddress()).isEqualTo(PEER);
        assertThat(reply.innermost().messageType()).isEqualTo(Dhcp6MessageType.ADVERTISE);
        assertThat(reply.innermost().clientId()).isEqualTo(solicit().clientId());
        assertThat(reply.options().getFirst().code()).isEqualTo(Dhcp6Option.RELAY_MSG);
    }

    @Test
    void malformedMessagesAreRejectedWithReasons() {
        assertThat(rejected(new byte[0])).isEqualTo(Dhcp6RejectReason.TRUNCATED_HEADER);
        assertThat(rejected(new byte[] {1, 0, 0})).isEqualTo(Dhcp6RejectReason.TRUNCATED_HEADER);
        assertThat(rejected(new byte[] {12, 0, 0, 0})).isEqualTo(Dhcp6RejectReason.TRUNCATED_RELAY_HEADER);
        byte[] relayOnly = new byte[34];
        relayOnly[0] = 12;
        assertThat(rejected(relayOnly)).isEqualTo(Dhcp6RejectReason.RELAY_WITHOUT_MESSAGE);
        assertThat(rejected(new byte[70000])).isEqualTo(Dhcp6RejectReason.TOO_LARGE);
        // a relay whose relay-msg holds a truncated message
        byte[] badInner = new byte[34 + 4 + 2];
        badInner[0] = 12;
        badInner[35] = 9;
        badInner[37] = 2;
        assertThat(rejected(badInner)).isEqualTo(Dhcp6RejectReason.TRUNCATED_HEADER);
    }

    @Test
    void relayNestingIsBounded() {
        Dhcp6Message message = solicit();
        for (int depth = 0; depth < Dhcp6Codec.MAX_RELAY_DEPTH; depth++) {
            message = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, depth, LINK, PEER, List.of(), message);
        }
        assertThat(decoded(Dhcp6Codec.encode(message)).message()).isEqualTo(message);
        Dhcp6Message tooDeep = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 32, LINK, PEER, List.of(), message);
        assertThat(rejected(Dhcp6Codec.encode(tooDeep))).isEqualTo(Dhcp6RejectReason.RELAY_TOO_DEEP);
    }

    @Test
    void truncatedOptionIsSkippedAndNoted() {
        byte[] bytes = HexFormat.of().parseHex("01000001" + "00080002000a" + "0001000a0102");
        Dhcp6DecodeResult.Decoded result = decoded(bytes);
        assertThat(result.message().options()).extracting(Dhcp6Option::code).containsExactly(8);
        assertThat(result.notes()).containsExactly(new DecodeNote(DecodeNote.Kind.TRUNCATED_OPTION, 1, 10));
        assertThat(decoded(HexFormat.of().parseHex("0100000100")).notes()).extracting(DecodeNote::kind)
                .containsExactly(DecodeNote.Kind.TRUNCATED_OPTION);
    }

    @Test
    void malformedTypedOptionsGiveEmpty() {
        byte[] bytes = HexFormat.of().parseHex("03000001" + "00030004" + "00000001" + "00190000" + "0008000100"
                + "000d0001" + "00" + "0006000300170a");
        Dhcp6Packet packet = (Dhcp6Packet) decoded(bytes).message();
        assertThat(packet.iaNa()).isEmpty();
        assertThat(packet.iaPd()).isEmpty();
        assertThat(packet.elapsedTime()).isEmpty();
        assertThat(packet.statusCode()).isEmpty();
        assertThat(packet.requestedOptions()).containsExactly(23);
        assertThat(IdentityAssociation.parse(Dhcp6Option.of(Dhcp6Option.IA_NA,
                HexFormat.of().parseHex("000000010000000000000000" + "000500040102")))).hasValueSatisfying(
                ia -> assertThat(ia.addresses()).isEmpty());
    }

    @Test
    void packetsAreImmutableAndValidated() {
        Dhcp6Packet packet = solicit();
        assertThatThrownBy(() -> packet.options().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Dhcp6Packet(Dhcp6MessageType.SOLICIT, 1 << 24, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dhcp6Packet(Dhcp6MessageType.RELAY_FORW, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(packet.withoutOption(Dhcp6Option.RAPID_COMMIT).rapidCommit()).isFalse();
        assertThat(packet.rapidCommit()).isTrue();
        assertThat(packet.withoutOption(4242)).isSameAs(packet);
    }
}

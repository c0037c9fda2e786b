package dev.nestor.wire.v6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A RELAY-FORW or RELAY-REPL message: hop count, link and peer addresses, options, and the relayed message (the
 * payload of relay-msg, option 9, decoded). The options list is the wire truth and includes relay-msg; build new
 * relay messages with {@link #of}, which encodes the inner message into it.
 *
 * @param messageType RELAY_FORW or RELAY_REPL
 * @param hopCount    hop-count byte
 * @param linkAddress 16 bytes
 * @param peerAddress 16 bytes
 * @param options     options in wire order, relay-msg included
 * @param inner       the relayed message
 */
public record Dhcp6RelayMessage(Dhcp6MessageType messageType, int hopCount, byte[] linkAddress, byte[] peerAddress,
                                List<Dhcp6Option> options, Dhcp6Message inner) implements Dhcp6Message {

    public Dhcp6RelayMessage {
        if (!messageType.isRelay()) {
            throw new IllegalArgumentException("not a relay message type: " + messageType);
        }
        if (linkAddress.length != 16 || peerAddress.length != 16) {
            throw new IllegalArgumentException("link and peer addresses are 16 bytes");
        }
        linkAddress = linkAddress.clone();
        peerAddress = peerAddress.clone();
        options = List.copyOf(options);
    }

    /**
     * A relay message around {@code inner}: relay-msg is written first, then {@code otherOptions} (as Kea does).
     */
    public static Dhcp6RelayMessage of(Dhcp6MessageType type, int hopCount, byte[] linkAddress, byte[] peerAddress,
                                       List<Dhcp6Option> otherOptions, Dhcp6Message inner) {
        List<Dhcp6Option> options = new ArrayList<>(otherOptions.size() + 1);
        options.add(Dhcp6Option.wrap(Dhcp6Option.RELAY_MSG, Dhcp6Codec.encode(inner)));
        for (Dhcp6Option option : otherOptions) {
            if (option.code() != Dhcp6Option.RELAY_MSG) {
                options.add(option);
            }
        }
        return new Dhcp6RelayMessage(type, hopCount & 0xff, linkAddress, peerAddress, options, inner);
    }

    @Override
    public byte[] linkAddress() {
        return linkAddress.clone();
    }

    @Override
    public byte[] peerAddress() {
        return peerAddress.clone();
    }

    @Override
    public Dhcp6Packet innermost() {
        return inner.innermost();
    }

    /** Option 18 (interface-id) payload, when present. */
    public Optional<byte[]> interfaceId() {
        Dhcp6Option option = option(Dhcp6Option.INTERFACE_ID);
        return option == null ? Optional.empty() : Optional.of(option.data());
    }

    /**
     * The relay levels from the outermost (this) inwards, as Kea's relay info list is ordered from the relay
     * closest to the server.
     */
    public List<Dhcp6RelayMessage> relayChain() {
        List<Dhcp6RelayMessage> chain = new ArrayList<>(2);
        Dhcp6Message current = this;
        while (current instanceof Dhcp6RelayMessage relay) {
            chain.add(relay);
            current = relay.inner;
        }
        return chain;
    }

    /**
     * A RELAY-REPL for this RELAY-FORW carrying {@code reply}: same hop count, link and peer, interface-id echoed
     * (RFC 8415 19.3), nested relays answered level by level down to the client message.
     */
    public Dhcp6RelayMessage replyWith(Dhcp6Packet reply) {
        Dhcp6Message innerReply = inner instanceof Dhcp6RelayMessage innerRelay ? innerRelay.replyWith(reply) : reply;
        Dhcp6Option interfaceId = option(Dhcp6Option.INTERFACE_ID);
        return of(Dhcp6MessageType.RELAY_REPL, hopCount, linkAddress, peerAddress,
                interfaceId == null ? List.of() : List.of(interfaceId), innerReply);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dhcp6RelayMessage that && messageType.equals(that.messageType)
                && hopCount == that.hopCount && Arrays.equals(linkAddress, that.linkAddress)
                && Arrays.equals(peerAddress, that.peerAddress) && options.equals(that.options)
                && inner.equals(that.inner);
    }

    @Override
    public int hashCode() {
        return (31 * hopCount + Arrays.hashCode(peerAddress)) * 31 + inner.hashCode();
    }

    @Override
    public String toString() {
        return messageType + " hops=" + hopCount + " link=" + HexFormat.of().formatHex(linkAddress) + " peer="
                + HexFormat.of().formatHex(peerAddress) + " options=" + options.size() + " inner=[" + inner + "]";
    }
}

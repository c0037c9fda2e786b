package dev.nestor.wire.v6;

import java.util.List;

/**
 * A DHCPv6 message: either a client/server message ({@link Dhcp6Packet}) or a relay message
 * ({@link Dhcp6RelayMessage}) wrapping another message. Immutable.
 */
public sealed interface Dhcp6Message permits Dhcp6Packet, Dhcp6RelayMessage {

    /** The msg-type. */
    Dhcp6MessageType messageType();

    /** Top-level options in wire order (for a relay message, including relay-msg). */
    List<Dhcp6Option> options();

    /** The first top-level option with {@code code}, or null. */
    default Dhcp6Option option(int code) {
        List<Dhcp6Option> list = options();
        for (int i = 0, n = list.size(); i < n; i++) {
            if (list.get(i).code() == code) {
                return list.get(i);
            }
        }
        return null;
    }

    /** The client/server message at the centre (this message when it is not a relay message). */
    Dhcp6Packet innermost();
}

package dev.nestor.wire.v6;

import dev.nestor.wire.MessageTypeCodes;

/**
 * A DHCPv6 message type (first byte of every message). Open: any 0..255 has a value; unknown codes keep their number.
 * Instances for the same code are identical.
 *
 * @param code the msg-type byte
 */
public record Dhcp6MessageType(int code) {
    private static final MessageTypeCodes CODES = new MessageTypeCodes(
        null, "SOLICIT", "ADVERTISE", "REQUEST", "CONFIRM", "RENEW", "REBIND", "REPLY", "RELEASE", "DECLINE",
        "RECONFIGURE", "INFORMATION_REQUEST", "RELAY_FORW", "RELAY_REPL", "LEASEQUERY", "LEASEQUERY_REPLY",
        "LEASEQUERY_DONE", "LEASEQUERY_DATA", "RECONFIGURE_REQUEST", "RECONFIGURE_REPLY", "DHCPV4_QUERY",
        "DHCPV4_RESPONSE"
    );
    private static final Dhcp6MessageType[] CACHE =
            MessageTypeCodes.instances(Dhcp6MessageType::new, Dhcp6MessageType[]::new);

    public static final Dhcp6MessageType SOLICIT = of(1);
    public static final Dhcp6MessageType ADVERTISE = of(2);
    public static final Dhcp6MessageType REQUEST = of(3);
    public static final Dhcp6MessageType CONFIRM = of(4);
    public static final Dhcp6MessageType RENEW = of(5);
    public static final Dhcp6MessageType REBIND = of(6);
    public static final Dhcp6MessageType REPLY = of(7);
    public static final Dhcp6MessageType RELEASE = of(8);
    public static final Dhcp6MessageType DECLINE = of(9);
    public static final Dhcp6MessageType RECONFIGURE = of(10);
    public static final Dhcp6MessageType INFORMATION_REQUEST = of(11);
    public static final Dhcp6MessageType RELAY_FORW = of(12);
    public static final Dhcp6MessageType RELAY_REPL = of(13);
    public static final Dhcp6MessageType DHCPV4_QUERY = of(20);
    public static final Dhcp6MessageType DHCPV4_RESPONSE = of(21);

    public Dhcp6MessageType {
        MessageTypeCodes.checkRange(code);
    }

    /** The shared instance for {@code code} (0..255). */
    public static Dhcp6MessageType of(int code) {
        return CACHE[code & 0xff];
    }

    /** Whether this is RELAY-FORW or RELAY-REPL (relay message format). */
    public boolean isRelay() {
        return code == 12 || code == 13;
    }

    /** Whether the code is one RFC 8415 and its extensions define. */
    public boolean isKnown() {
        return CODES.isKnown(code);
    }

    /** Kea-style name (e.g. {@code SOLICIT}, {@code RELAY_FORW}) or {@code UNKNOWN_<code>}. */
    public String name() {
        return CODES.name(code);
    }

    @Override
    public String toString() {
        return name();
    }
}

package dev.nestor.wire.v4;

import dev.nestor.wire.MessageTypeCodes;

/**
 * A DHCPv4 message type (option 53 value). Open: any code 0..255 has a value, unknown codes keep their number.
 * Instances for the same code are identical, so {@code ==} works.
 *
 * @param code the option 53 value
 */
public record Dhcp4MessageType(int code) {
    private static final MessageTypeCodes CODES = new MessageTypeCodes(
        null, "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE", "DHCPACK", "DHCPNAK", "DHCPRELEASE",
        "DHCPINFORM", "DHCPFORCERENEW", "DHCPLEASEQUERY", "DHCPLEASEUNASSIGNED", "DHCPLEASEUNKNOWN",
        "DHCPLEASEACTIVE", "DHCPBULKLEASEQUERY", "DHCPLEASEQUERYDONE", "DHCPACTIVELEASEQUERY",
        "DHCPLEASEQUERYSTATUS", "DHCPTLS"
    );
    private static final Dhcp4MessageType[] CACHE =
            MessageTypeCodes.instances(Dhcp4MessageType::new, Dhcp4MessageType[]::new);

    public static final Dhcp4MessageType DISCOVER = of(1);
    public static final Dhcp4MessageType OFFER = of(2);
    public static final Dhcp4MessageType REQUEST = of(3);
    public static final Dhcp4MessageType DECLINE = of(4);
    public static final Dhcp4MessageType ACK = of(5);
    public static final Dhcp4MessageType NAK = of(6);
    public static final Dhcp4MessageType RELEASE = of(7);
    public static final Dhcp4MessageType INFORM = of(8);
    public static final Dhcp4MessageType FORCERENEW = of(9);
    public static final Dhcp4MessageType LEASEQUERY = of(10);
    public static final Dhcp4MessageType LEASEUNASSIGNED = of(11);
    public static final Dhcp4MessageType LEASEUNKNOWN = of(12);
    public static final Dhcp4MessageType LEASEACTIVE = of(13);

    public Dhcp4MessageType {
        MessageTypeCodes.checkRange(code);
    }

    /** The shared instance for {@code code} (0..255). */
    public static Dhcp4MessageType of(int code) {
        return CACHE[code & 0xff];
    }

    /** Whether the code is one of the types RFC 2131/4388/6926/7724 define (1..18). */
    public boolean isKnown() {
        return CODES.isKnown(code);
    }

    /** Kea's name, e.g. {@code DHCPDISCOVER}, or {@code UNKNOWN_<code>}. */
    public String name() {
        return CODES.name(code);
    }

    @Override
    public String toString() {
        return name();
    }
}

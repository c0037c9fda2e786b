package dev.nestor.wire.v6;

/** Why a DHCPv6 datagram is not a usable message; the server counts each as {@code pkt6-parse-failed}. */
public enum Dhcp6RejectReason {
    /** Shorter than the 4-byte message header. */
    TRUNCATED_HEADER("DHCPv6 packet truncated: shorter than the 4-byte header"),
    /** A relay message shorter than its 34-byte header. */
    TRUNCATED_RELAY_HEADER("DHCPv6 relay message truncated: shorter than the 34-byte header"),
    /** A relay message without a relay-msg option. */
    RELAY_WITHOUT_MESSAGE("DHCPv6 relay message without relay-msg option"),
    /** More nested relay messages than the hop-count limit (32) allows. */
    RELAY_TOO_DEEP("DHCPv6 relay messages nested deeper than 32 levels"),
    /** Longer than any UDP payload. */
    TOO_LARGE("DHCPv6 packet larger than a UDP datagram");

    private final String message;

    Dhcp6RejectReason(String message) {
        this.message = message;
    }

    /** Human text for logs. */
    public String message() {
        return message;
    }
}

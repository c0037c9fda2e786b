package dev.nestor.wire.v4;

/**
 * Why a DHCPv4 datagram is not a usable packet. The server counts each as {@code pkt4-parse-failed}; the text is
 * Kea's wording where Kea has one.
 */
public enum Dhcp4RejectReason {
    /** Shorter than the 236-byte BOOTP header. */
    TRUNCATED_HEADER("Received truncated DHCPv4 packet"),
    /** Exactly the BOOTP header and nothing after it. */
    NO_VENDOR_EXTENSIONS("Received BOOTP packet without vendor information extensions."),
    /** Fewer than 4 bytes after the header, so no magic cookie. */
    TRUNCATED_MAGIC_COOKIE("Received DHCPv4 packet without magic cookie"),
    /** The 4 bytes after the header are not 63 82 53 63. */
    BAD_MAGIC_COOKIE("Invalid or missing DHCP magic cookie"),
    /** Longer than any UDP payload can be (65507 bytes). */
    TOO_LARGE("Received DHCPv4 packet larger than a UDP datagram");

    private final String message;

    Dhcp4RejectReason(String message) {
        this.message = message;
    }

    /** Human text for logs. */
    public String message() {
        return message;
    }
}

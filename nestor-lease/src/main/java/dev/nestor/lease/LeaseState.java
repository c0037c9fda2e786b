package dev.nestor.lease;

/**
 * The state of a lease, with Kea's numeric codes (the memfile {@code state} column and the {@code state} key of
 * lease commands). Kea 2.2 itself only assigns 0 to 2, but loads any code from a lease file; 3 and 4 are the codes
 * Kea 3.0 and later write, kept so that such files load and are written back unchanged.
 */
public enum LeaseState {
    /** Assigned to a client (code 0). */
    DEFAULT(0),
    /** Declined by a client; the address is in probation (code 1). */
    DECLINED(1),
    /** Expired and reclaimed, kept for lease affinity (code 2). */
    EXPIRED_RECLAIMED(2),
    /** Released by the client and kept for lease affinity (code 3, written by Kea 3.0 and later). */
    RELEASED(3),
    /** A DHCPv6 address registered by the client (code 4, written by Kea 3.0 and later). */
    REGISTERED(4);

    private static final LeaseState[] BY_CODE = values();

    private final int code;

    LeaseState(int code) {
        this.code = code;
    }

    /** Kea's numeric code. */
    public int code() {
        return code;
    }

    /**
     * The state for a Kea code.
     *
     * @throws IllegalArgumentException for codes other than 0 to 4
     */
    public static LeaseState ofCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("invalid lease state " + code);
        }
        return BY_CODE[(int) code];
    }
}

package dev.nestor.lease;

/**
 * The state of a lease, with Kea 2.2's numeric codes (the memfile {@code state} column and the {@code state} key of
 * lease commands).
 */
public enum LeaseState {
    /** Assigned to a client (code 0). */
    DEFAULT(0),
    /** Declined by a client; the address is in probation (code 1). */
    DECLINED(1),
    /** Expired and reclaimed, kept for lease affinity (code 2). */
    EXPIRED_RECLAIMED(2);

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
     * @throws IllegalArgumentException for codes other than 0, 1, 2 (Kea 2.2 knows no others)
     */
    public static LeaseState ofCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("invalid lease state " + code);
        }
        return BY_CODE[(int) code];
    }
}

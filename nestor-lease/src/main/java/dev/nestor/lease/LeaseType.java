package dev.nestor.lease;

/** The kind of a DHCPv6 lease, with Kea's {@code lease_type} codes and command names. */
public enum LeaseType {
    /** Non-temporary address (code 0, {@code IA_NA}). */
    NA(0, "IA_NA"),
    /** Temporary address (code 1, {@code IA_TA}). */
    TA(1, "IA_TA"),
    /** Delegated prefix (code 2, {@code IA_PD}). */
    PD(2, "IA_PD");

    private static final LeaseType[] BY_CODE = values();

    private final int code;
    private final String keaName;

    LeaseType(int code, String keaName) {
        this.code = code;
        this.keaName = keaName;
    }

    /** Kea's numeric code in the CSV file. */
    public int code() {
        return code;
    }

    /** Kea's name in lease commands ({@code IA_NA}, {@code IA_TA}, {@code IA_PD}). */
    public String keaName() {
        return keaName;
    }

    /**
     * The type for a CSV code.
     *
     * @throws IllegalArgumentException for codes other than 0, 1, 2
     */
    public static LeaseType ofCode(long code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("invalid lease type " + code);
        }
        return BY_CODE[(int) code];
    }
}

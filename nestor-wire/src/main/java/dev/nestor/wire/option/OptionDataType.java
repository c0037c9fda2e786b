package dev.nestor.wire.option;

import java.util.Optional;

/**
 * The data types an option definition can use, named exactly as Kea names them in {@code option-def.type}
 * and {@code record-types}. {@link #fromKeaName(String)} accepts only those names.
 */
public enum OptionDataType {
    EMPTY("empty", 0),
    BINARY("binary", -1),
    BOOLEAN("boolean", 1),
    INT8("int8", 1),
    INT16("int16", 2),
    INT32("int32", 4),
    UINT8("uint8", 1),
    UINT16("uint16", 2),
    UINT32("uint32", 4),
    IPV4_ADDRESS("ipv4-address", 4),
    IPV6_ADDRESS("ipv6-address", 16),
    IPV6_PREFIX("ipv6-prefix", -1),
    PSID("psid", 3),
    STRING("string", -1),
    FQDN("fqdn", -1),
    RECORD("record", -1),
    TUPLE("tuple", -1);

    private final String keaName;
    private final int fixedLength;

    OptionDataType(String keaName, int fixedLength) {
        this.keaName = keaName;
        this.fixedLength = fixedLength;
    }

    /** The name Kea uses in configuration, e.g. {@code ipv4-address}. */
    public String keaName() {
        return keaName;
    }

    /** Wire length of one value of this type, or -1 when the length varies (binary, string, fqdn, prefix, tuple, record). */
    public int fixedLength() {
        return fixedLength;
    }

    /** True for the integer types (signed and unsigned). */
    public boolean isInteger() {
        return switch (this) {
            case INT8, INT16, INT32, UINT8, UINT16, UINT32 -> true;
            default -> false;
        };
    }

    /** Looks a type up by its Kea name (exact, lower case), empty when Kea has no such type. */
    public static Optional<OptionDataType> fromKeaName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (OptionDataType type : values()) {
            if (type.keaName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}

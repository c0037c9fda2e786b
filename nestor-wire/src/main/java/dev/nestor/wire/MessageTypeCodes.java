package dev.nestor.wire;

import java.util.function.IntFunction;

/**
 * What {@link dev.nestor.wire.v4.Dhcp4MessageType} and {@link dev.nestor.wire.v6.Dhcp6MessageType} share: an open
 * one-byte code (any 0..255 is a value, unknown codes keep their number), one shared instance per code, and Kea's
 * names for the known codes ({@code UNKNOWN_<code>} for the rest).
 */
public final class MessageTypeCodes {
    private final String[] names;

    /** {@code names[code]} is Kea's name of {@code code}; index 0 is unused, codes past the end are unknown. */
    public MessageTypeCodes(String... names) {
        this.names = names.clone();
    }

    /** Whether {@code code} is one the family's RFCs define. */
    public boolean isKnown(int code) {
        return code >= 1 && code < names.length;
    }

    /** Kea's name of {@code code}, or {@code UNKNOWN_<code>}. */
    public String name(int code) {
        return isKnown(code) ? names[code] : "UNKNOWN_" + code;
    }

    /**
     * Refuses a code outside 0..255.
     *
     * @throws IllegalArgumentException when out of range
     */
    public static void checkRange(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("message type out of range: " + code);
        }
    }

    /** One instance for each code 0..255, indexed by code. */
    public static <T> T[] instances(IntFunction<T> create, IntFunction<T[]> array) {
        T[] out = array.apply(256);
        for (int i = 0; i < 256; i++) {
            out[i] = create.apply(i);
        }
        return out;
    }
}

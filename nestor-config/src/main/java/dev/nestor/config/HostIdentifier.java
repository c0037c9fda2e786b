package dev.nestor.config;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identifier a host reservation is keyed on.
 *
 * @param type  Kea's name: {@code hw-address}, {@code duid}, {@code client-id}, {@code circuit-id} or {@code flex-id}
 * @param value the identifier bytes
 */
public record HostIdentifier(String type, byte[] value) {
    /** Copies the bytes. */
    public HostIdentifier {
        value = value.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** True when {@code candidate} holds the same bytes (no copy). */
    public boolean matches(byte[] candidate) {
        return Arrays.equals(value, candidate);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostIdentifier h && h.type.equals(type) && Arrays.equals(h.value, value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return type + "=" + HexFormat.ofDelimiter(":").formatHex(value);
    }
}

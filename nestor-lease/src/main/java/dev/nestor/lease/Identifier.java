package dev.nestor.lease;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string naming a client: hardware address, DHCPv4 client identifier (option 61 payload) or DUID.
 *
 * <p>Equality is by content. {@link #toString()} gives Kea's text form: lower-case hex bytes joined by {@code :}
 * ({@code ""} when empty). The bytes are copied on the way in and out, so an instance never changes.
 */
public final class Identifier implements Comparable<Identifier> {

    /** The empty identifier: no hardware address, no client identifier. */
    public static final Identifier EMPTY = new Identifier(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Identifier(byte[] bytes) {
        this.bytes = bytes;
    }

    /** An identifier holding a copy of {@code bytes}. */
    public static Identifier of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Identifier(bytes.clone());
    }

    /** An identifier holding a copy of {@code bytes[offset, offset + length)}. */
    public static Identifier of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Identifier(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Wraps an array the caller promises never to touch again (avoids a copy on hot paths inside this module). */
    static Identifier wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Identifier(bytes);
    }

    /**
     * Parses Kea's colon form ({@code 00:0c:01:02:03:04}, one or two hex digits per byte); {@code ""} gives
     * {@link #EMPTY}.
     *
     * @throws IllegalArgumentException when the text is not that form
     */
    public static Identifier parseHex(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        byte[] out = new byte[(text.length() + 1) / 2];
        int count = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                if (digits == 0) {
                    throw new IllegalArgumentException("invalid identifier '" + text + "': empty byte");
                }
                out[count++] = (byte) value;
                value = 0;
                digits = 0;
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || digits == 2) {
                throw new IllegalArgumentException("invalid identifier '" + text + "'");
            }
            value = value * 16 + digit;
            digits++;
        }
        if (digits == 0) {
            throw new IllegalArgumentException("invalid identifier '" + text + "': empty byte");
        }
        out[count++] = (byte) value;
        return new Identifier(Arrays.copyOf(out, count));
    }

    /** Number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** True when there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The byte at {@code index}, 0..255. */
    public int byteAt(int index) {
        return bytes[index] & 0xff;
    }

    /** The internal array; callers inside this module must not modify it. */
    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Identifier other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Kea's text form: lower-case hex bytes joined by {@code :}. */
    @Override
    public String toString() {
        if (bytes.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder(bytes.length * 3 - 1);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                text.append(':');
            }
            text.append(HEX.toHexDigits(bytes[i]));
        }
        return text.toString();
    }
}

package dev.nestor.wire.v4;

import dev.nestor.wire.option.AddressText;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DHCPv4 option as it travels: a code (1..254) and its payload, with split instances already concatenated
 * (RFC 3396), so the payload may exceed 255 bytes. Immutable; the payload is copied in and out, and read in place
 * by the typed getters, which return -1 / empty when the payload is too short instead of throwing.
 */
public final class Dhcp4Option {
    private final int code;
    private final byte[] data;

    private Dhcp4Option(int code, byte[] data) {
        this.code = code;
        this.data = data;
    }

    /**
     * An option with a copy of {@code data}.
     *
     * @throws IllegalArgumentException for codes 0 (PAD), 255 (END) or outside 0..255
     */
    public static Dhcp4Option of(int code, byte[] data) {
        checkCode(code);
        return new Dhcp4Option(code, data.clone());
    }

    /** An option with a copy of {@code data[offset, offset+length)}. */
    public static Dhcp4Option of(int code, byte[] data, int offset, int length) {
        checkCode(code);
        return new Dhcp4Option(code, Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Takes ownership of {@code data} without copying: the caller must not touch it afterwards. */
    static Dhcp4Option wrap(int code, byte[] data) {
        return new Dhcp4Option(code, data);
    }

    /** A one-byte option. */
    public static Dhcp4Option ofUint8(int code, int value) {
        return wrap(checked(code), new byte[] {(byte) value});
    }

    /** A two-byte big-endian option. */
    public static Dhcp4Option ofUint16(int code, int value) {
        return wrap(checked(code), new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** A four-byte big-endian option (lifetimes, IPv4 addresses). */
    public static Dhcp4Option ofUint32(int code, long value) {
        return wrap(checked(code), new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
            (byte) value});
    }

    /** An option holding one IPv4 address. */
    public static Dhcp4Option ofAddress(int code, int address) {
        return ofUint32(code, address & 0xffffffffL);
    }

    private static int checked(int code) {
        checkCode(code);
        return code;
    }

    private static void checkCode(int code) {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("not an option code: " + code);
        }
    }

    public int code() {
        return code;
    }

    /** Payload length in bytes. */
    public int length() {
        return data.length;
    }

    /** A copy of the payload. */
    public byte[] data() {
        return data.clone();
    }

    /** Payload byte at {@code index} as 0..255. */
    public int byteAt(int index) {
        return data[index] & 0xff;
    }

    /** Copies the payload into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** The first byte, or -1 when the payload is empty. */
    public int uint8() {
        return data.length >= 1 ? data[0] & 0xff : -1;
    }

    /** The first two bytes big-endian, or -1 when shorter. */
    public int uint16() {
        return data.length >= 2 ? ((data[0] & 0xff) << 8) | (data[1] & 0xff) : -1;
    }

    /** The first four bytes big-endian as unsigned, or -1 when shorter. */
    public long uint32() {
        return data.length >= 4 ? readInt(0) & 0xffffffffL : -1L;
    }

    /** Whether the payload is exactly {@code length} bytes. */
    public boolean hasLength(int length) {
        return data.length == length;
    }

    int readInt(int offset) {
        return ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16) | ((data[offset + 2] & 0xff) << 8)
                | (data[offset + 3] & 0xff);
    }

    /** Payload array for encoders inside this package (never handed out). */
    byte[] payload() {
        return data;
    }

    /** Whether the payload equals {@code other} byte for byte. */
    public boolean dataEquals(byte[] other) {
        return Arrays.equals(data, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dhcp4Option that && code == that.code && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        String text = data.length == 4 ? " (" + AddressText.formatIpv4(readInt(0)) + ")" : "";
        return "option " + code + " len " + data.length + ": " + HexFormat.of().formatHex(data) + text;
    }
}

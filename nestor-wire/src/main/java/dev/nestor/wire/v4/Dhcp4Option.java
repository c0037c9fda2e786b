package dev.nestor.wire.v4;

import dev.nestor.wire.CodedOption;
import dev.nestor.wire.option.AddressText;
import java.util.Arrays;

/**
 * One DHCPv4 option as it travels: a code (1..254) and its payload, with split instances already concatenated
 * (RFC 3396), so the payload may exceed 255 bytes. Immutable; the payload is copied in and out, and read in place
 * by the typed getters, which return -1 / empty when the payload is too short instead of throwing.
 */
public final class Dhcp4Option extends CodedOption {
    private Dhcp4Option(int code, byte[] data) {
        super(code, data);
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

    /** The first byte, or -1 when the payload is empty. */
    public int uint8() {
        return data.length >= 1 ? data[0] & 0xff : -1;
    }

    /** Copies the payload into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    /** Whether the payload is exactly {@code length} bytes. */
    public boolean hasLength(int length) {
        return data.length == length;
    }

    /** Payload array for encoders inside this package (never handed out). */
    byte[] payload() {
        return data;
    }

    /** An IPv4 payload reads as its address too. */
    @Override
    protected String detail() {
        return data.length == 4 ? " (" + AddressText.formatIpv4((int) uint32()) + ")" : "";
    }
}

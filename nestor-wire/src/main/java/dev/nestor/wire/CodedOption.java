package dev.nestor.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a DHCPv4 and a DHCPv6 option share: a code and an immutable payload, copied in and out, and read in place by
 * getters that return -1 instead of throwing when the payload is too short. Two options are equal when they are of
 * the same family, code and payload. Subclassed only by {@link dev.nestor.wire.v4.Dhcp4Option} and
 * {@link dev.nestor.wire.v6.Dhcp6Option}, which check codes and lengths before calling the constructor.
 */
public abstract class CodedOption {
    private final int code;
    /** The payload; owned by this option, never handed out. */
    protected final byte[] data;

    /** Takes ownership of {@code data}. */
    protected CodedOption(int code, byte[] data) {
        this.code = code;
        this.data = data;
    }

    public final int code() {
        return code;
    }

    /** Payload length in bytes. */
    public final int length() {
        return data.length;
    }

    /** A copy of the payload. */
    public final byte[] data() {
        return data.clone();
    }

    /** Payload byte at {@code index} as 0..255. */
    public final int byteAt(int index) {
        return data[index] & 0xff;
    }

    /** The first two bytes big-endian, or -1 when shorter. */
    public final int uint16() {
        return data.length >= 2 ? ((data[0] & 0xff) << 8) | (data[1] & 0xff) : -1;
    }

    /** The first four bytes big-endian as unsigned (lifetimes, addresses, enterprise numbers), or -1 when shorter. */
    public final long uint32() {
        return data.length >= 4 ? readInt(0) & 0xffffffffL : -1L;
    }

    /** Whether the payload equals {@code other} byte for byte. */
    public final boolean dataEquals(byte[] other) {
        return Arrays.equals(data, other);
    }

    /** Four payload bytes from {@code offset}, big-endian. */
    private int readInt(int offset) {
        return ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16) | ((data[offset + 2] & 0xff) << 8)
                | (data[offset + 3] & 0xff);
    }

    /** Text a family adds after the hex payload in {@link #toString()}; empty by default. */
    protected String detail() {
        return "";
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && code == ((CodedOption) other).code
                && Arrays.equals(data, ((CodedOption) other).data);
    }

    @Override
    public final int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public final String toString() {
        return "option " + code + " len " + data.length + ": " + HexFormat.of().formatHex(data) + detail();
    }
}

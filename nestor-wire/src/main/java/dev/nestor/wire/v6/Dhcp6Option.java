package dev.nestor.wire.v6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One DHCPv6 option: a 16-bit code and its payload (which, for IA and relay options, holds further options;
 * parse them with {@link #subOptions(int)}). Immutable; payload copied in and out.
 */
public final class Dhcp6Option {
    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int UNICAST = 12;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int VENDOR_OPTS = 17;
    public static final int INTERFACE_ID = 18;
    public static final int IA_PD = 25;
    public static final int IAPREFIX = 26;
    public static final int REMOTE_ID = 37;
    public static final int SUBSCRIBER_ID = 38;
    public static final int CLIENT_FQDN = 39;
    public static final int CLIENT_LINKLAYER_ADDR = 79;
    public static final int RELAY_SOURCE_PORT = 135;

    private final int code;
    private final byte[] data;

    private Dhcp6Option(int code, byte[] data) {
        this.code = code;
        this.data = data;
    }

    /** An option with a copy of {@code data}; code 0..65535, payload at most 65535 bytes. */
    public static Dhcp6Option of(int code, byte[] data) {
        check(code, data.length);
        return new Dhcp6Option(code, data.clone());
    }

    /** Takes ownership of {@code data} (package-internal encoders and decoders). */
    static Dhcp6Option wrap(int code, byte[] data) {
        check(code, data.length);
        return new Dhcp6Option(code, data);
    }

    /** An option whose payload is the given options, encoded in order after {@code prefix}. */
    public static Dhcp6Option withSubOptions(int code, byte[] prefix, List<Dhcp6Option> subOptions) {
        int size = prefix.length;
        for (Dhcp6Option option : subOptions) {
            size += 4 + option.data.length;
        }
        byte[] out = Arrays.copyOf(prefix, size);
        int position = prefix.length;
        for (Dhcp6Option option : subOptions) {
            position = option.writeTo(out, position);
        }
        return wrap(code, out);
    }

    /** A two-byte option (elapsed time, preference is one byte: use {@link #of}). */
    public static Dhcp6Option ofUint16(int code, int value) {
        return wrap(code, new byte[] {(byte) (value >>> 8), (byte) value});
    }

    private static void check(int code, int length) {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("not an option code: " + code);
        }
        if (length > 0xffff) {
            throw new IllegalArgumentException("option payload longer than 65535 bytes: " + length);
        }
    }

    public int code() {
        return code;
    }

    public int length() {
        return data.length;
    }

    /** A copy of the payload. */
    public byte[] data() {
        return data.clone();
    }

    /** The payload array itself, for readers in this package (never handed out). */
    byte[] payload() {
        return data;
    }

    /** Payload byte at {@code index} as 0..255. */
    public int byteAt(int index) {
        return data[index] & 0xff;
    }

    /** The first two bytes big-endian, or -1 when shorter. */
    public int uint16() {
        return data.length >= 2 ? ((data[0] & 0xff) << 8) | (data[1] & 0xff) : -1;
    }

    /** The first four bytes big-endian as unsigned (e.g. the enterprise number of option 17), or -1 when shorter. */
    public long uint32() {
        return data.length >= 4 ? IdentityAssociation.readInt(data, 0) & 0xffffffffL : -1L;
    }

    /**
     * The options encoded in the payload after {@code offset} bytes of fixed fields. Lenient: a truncated trailing
     * option is dropped. Empty when the payload is shorter than {@code offset}.
     */
    public List<Dhcp6Option> subOptions(int offset) {
        List<Dhcp6Option> result = new ArrayList<>(4);
        if (offset <= data.length) {
            Dhcp6Codec.parseOptions(data, offset, data.length, result, null);
        }
        return result;
    }

    /** Encoded size (4-byte header + payload). */
    public int encodedLength() {
        return 4 + data.length;
    }

    int writeTo(byte[] target, int position) {
        target[position] = (byte) (code >>> 8);
        target[position + 1] = (byte) code;
        target[position + 2] = (byte) (data.length >>> 8);
        target[position + 3] = (byte) data.length;
        System.arraycopy(data, 0, target, position + 4, data.length);
        return position + 4 + data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dhcp6Option that && code == that.code && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "option " + code + " len " + data.length + ": " + HexFormat.of().formatHex(data);
    }
}

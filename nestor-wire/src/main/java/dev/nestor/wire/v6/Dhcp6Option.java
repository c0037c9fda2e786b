package dev.nestor.wire.v6;

import dev.nestor.wire.CodedOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One DHCPv6 option: a 16-bit code and its payload (which, for IA and relay options, holds further options;
 * parse them with {@link #subOptions(int)}). Immutable; payload copied in and out.
 */
public final class Dhcp6Option extends CodedOption {
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

    private Dhcp6Option(int code, byte[] data) {
        super(code, data);
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

    /** The payload array itself, for readers in this package (never handed out). */
    byte[] payload() {
        return data;
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
        target[position] = (byte) (code() >>> 8);
        target[position + 1] = (byte) code();
        target[position + 2] = (byte) (data.length >>> 8);
        target[position + 3] = (byte) data.length;
        System.arraycopy(data, 0, target, position + 4, data.length);
        return position + 4 + data.length;
    }
}

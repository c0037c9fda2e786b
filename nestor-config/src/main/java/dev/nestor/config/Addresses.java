package dev.nestor.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Strict text forms of IP addresses (literals only, never a DNS lookup). */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Parses dotted-quad IPv4 text into an int (network order: first octet in the high byte).
     *
     * @throws IllegalArgumentException when the text is not exactly four decimal octets 0..255
     */
    public static int parseV4(String text) {
        int value = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (octets < 4) {
            int start = i;
            int octet = 0;
            while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255) throw new IllegalArgumentException("not an IPv4 address: " + text);
            value = (value << 8) | octet;
            octets++;
            if (octets < 4) {
                if (i >= n || text.charAt(i) != '.') throw new IllegalArgumentException("not an IPv4 address: " + text);
                i++;
            }
        }
        if (i != n) throw new IllegalArgumentException("not an IPv4 address: " + text);
        return value;
    }

    /** True when {@code text} is dotted-quad IPv4. */
    public static boolean isV4(String text) {
        try {
            parseV4(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Dotted-quad text of an int address. */
    public static String v4ToString(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /**
     * Parses IPv6 literal text (no brackets, no zone).
     *
     * @throws IllegalArgumentException when the text is not an IPv6 literal
     */
    public static Inet6Address parseV6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0) throw new IllegalArgumentException("not an IPv6 address: " + text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (address instanceof Inet6Address v6) return v6;
            // "::ffff:a.b.c.d" comes back as IPv4; rebuild the mapped IPv6 form.
            byte[] four = address.getAddress();
            byte[] sixteen = new byte[16];
            sixteen[10] = (byte) 0xff;
            sixteen[11] = (byte) 0xff;
            System.arraycopy(four, 0, sixteen, 12, 4);
            return Inet6Address.getByAddress(null, sixteen, -1);
        } catch (UnknownHostException | RuntimeException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
    }

    /** True when {@code text} is an IPv6 literal. */
    public static boolean isV6(String text) {
        try {
            parseV6(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Compares two 16-byte addresses as unsigned numbers. */
    public static int compareV6(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** True when {@code candidate} has the first {@code length} bits of {@code prefix}. */
    public static boolean v6InPrefix(byte[] candidate, byte[] prefix, int length) {
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != prefix[i]) return false;
        }
        int rest = length % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (prefix[full] & mask);
    }

    /** {@code bytes} with every bit after the first {@code length} cleared ({@code set} false) or set (true). */
    public static byte[] v6Mask(byte[] bytes, int length, boolean set) {
        byte[] out = bytes.clone();
        for (int bit = length; bit < 128; bit++) {
            int index = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            out[index] = (byte) (set ? out[index] | mask : out[index] & ~mask);
        }
        return out;
    }

    /** An Inet6Address from 16 bytes. */
    public static Inet6Address v6(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Compressed text of an IPv6 address (RFC 5952 style, lower case). */
    public static String v6ToString(Inet6Address address) {
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}

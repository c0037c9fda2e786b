package dev.nestor.wire.option;

/**
 * Strict textual IPv4/IPv6 address parsing and formatting, accepting what Kea (inet_pton) accepts and nothing
 * else, without DNS lookups or exceptions for control flow. Formatting of IPv6 follows RFC 5952 like Kea's output.
 */
public final class AddressText {
    private AddressText() {
    }

    /** Parses a dotted quad ("192.0.2.1") into the 32-bit address, or returns -1L when it is not one. */
    public static long parseIpv4(CharSequence text) {
        return parseIpv4(text, 0, text.length());
    }

    static long parseIpv4(CharSequence text, int from, int to) {
        long result = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int value = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1L;
                }
            }
            int digits = i - start;
            // inet_pton refuses empty parts, values above 255 and leading zeros
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1L;
            }
            result = (result << 8) | value;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1L;
                }
                i++;
            }
        }
        return i == to ? result : -1L;
    }

    /** Parses an IPv6 address (with optional embedded dotted quad), or returns null when it is not one. */
    public static byte[] parseIpv6(CharSequence text) {
        int length = text.length();
        if (length < 2) {
            return null;
        }
        byte[] out = new byte[16];
        int groupCount = 0;
        int compressAt = -1;
        int i = 0;
        if (text.charAt(0) == ':') {
            if (text.charAt(1) != ':') {
                return null;
            }
            compressAt = 0;
            i = 2;
            if (i == length) {
                return out;
            }
        }
        while (i < length) {
            if (groupCount >= 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < length && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128) {
                value = (value << 4) | Character.digit(text.charAt(i), 16);
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < length && text.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                if (groupCount > 6) {
                    return null;
                }
                long v4 = parseIpv4(text, start, length);
                if (v4 < 0) {
                    return null;
                }
                out[groupCount * 2] = (byte) (v4 >>> 24);
                out[groupCount * 2 + 1] = (byte) (v4 >>> 16);
                out[groupCount * 2 + 2] = (byte) (v4 >>> 8);
                out[groupCount * 2 + 3] = (byte) v4;
                groupCount += 2;
                i = length;
                break;
            }
            if (i == start) {
                return null;
            }
            out[groupCount * 2] = (byte) (value >>> 8);
            out[groupCount * 2 + 1] = (byte) value;
            groupCount++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (compressAt >= 0) {
                    return null;
                }
                compressAt = groupCount;
                i++;
                if (i == length) {
                    break;
                }
            } else if (i == length) {
                return null;
            }
        }
        if (compressAt < 0) {
            return groupCount == 8 ? out : null;
        }
        if (groupCount > 7) {
            return null;
        }
        int moved = (groupCount - compressAt) * 2;
        int shift = 16 - groupCount * 2;
        System.arraycopy(out, compressAt * 2, out, compressAt * 2 + shift, moved);
        java.util.Arrays.fill(out, compressAt * 2, compressAt * 2 + shift, (byte) 0);
        return out;
    }

    /** Dotted-quad text of a 32-bit address. */
    public static String formatIpv4(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** Dotted-quad text of 4 bytes at {@code offset}. */
    public static String formatIpv4(byte[] bytes, int offset) {
        return formatIpv4(readInt(bytes, offset));
    }

    /** RFC 5952 text of 16 bytes at {@code offset} (longest zero run of 2+ groups compressed, lower case). */
    public static String formatIpv6(byte[] bytes, int offset) {
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = ((bytes[offset + 2 * g] & 0xff) << 8) | (bytes[offset + 2 * g + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int g = 0; g < 8; ) {
            if (groups[g] == 0) {
                int start = g;
                while (g < 8 && groups[g] == 0) {
                    g++;
                }
                if (g - start > bestLength) {
                    bestStart = start;
                    bestLength = g - start;
                }
            } else {
                g++;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder text = new StringBuilder(39);
        // IPv4-mapped addresses print their last 32 bits as a dotted quad, as inet_ntop does
        boolean mapped = bestStart == 0 && bestLength == 5 && groups[5] == 0xffff;
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (mapped && g == 5) {
                text.append("ffff:").append(formatIpv4(bytes, offset + 12));
                break;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[g]));
        }
        return text.toString();
    }

    /** Formats 16 bytes. */
    public static String formatIpv6(byte[] bytes) {
        return formatIpv6(bytes, 0);
    }

    static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
                | (bytes[offset + 3] & 0xff);
    }
}

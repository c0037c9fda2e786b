package dev.nestor.lease;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers for Kea's memfile CSV: number, address and hex parsing straight from the file's bytes (no
 * {@code String} per field, so a million rows load fast), and Kea's text escaping ({@code ,} as {@code &#x2c},
 * {@code &} as {@code &#x26}).
 */
final class CsvCodec {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private CsvCodec() {
    }

    /** Unsigned decimal in {@code [from, to)} up to {@link Long#MAX_VALUE}; -1 when empty or not a number. */
    static long parseUnsigned(byte[] bytes, int from, int to) {
        if (from >= to || to - from > 19) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value < 0 ? -1 : value;
    }

    /** Dotted quad in {@code [from, to)} as an unsigned value 0..2^32-1; -1 when invalid. */
    static long parseIpv4(byte[] bytes, int from, int to) {
        long address = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && bytes[i] >= '0' && bytes[i] <= '9' && i - start < 3) {
                part = part * 10 + (bytes[i] - '0');
                i++;
            }
            if (i == start || part > 255 || (i - start > 1 && bytes[start] == '0')) {
                return -1;
            }
            address = (address << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= to || bytes[i] != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == to ? address : -1;
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Colon-separated hex bytes (one or two digits each) in {@code [from, to)}; an empty range gives an empty array;
     * {@code null} when invalid.
     */
    static byte[] parseHex(byte[] bytes, int from, int to) {
        if (from == to) {
            return new byte[0];
        }
        byte[] out = new byte[(to - from + 1) / 2];
        int count = 0;
        int i = from;
        while (true) {
            int high = i < to ? hexValue(bytes[i]) : -1;
            if (high < 0) {
                return null;
            }
            i++;
            int value = high;
            if (i < to && bytes[i] != ':') {
                int low = hexValue(bytes[i]);
                if (low < 0) {
                    return null;
                }
                value = (high << 4) | low;
                i++;
            }
            out[count++] = (byte) value;
            if (i == to) {
                break;
            }
            if (bytes[i] != ':') {
                return null;
            }
            i++;
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    /** Appends Kea's hex form of {@code bytes} (lower-case, joined by {@code :}). */
    static void appendHex(StringBuilder out, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(HEX_DIGITS[(bytes[i] >> 4) & 0xf]).append(HEX_DIGITS[bytes[i] & 0xf]);
        }
    }

    /** Whether {@code [from, to)} holds Kea's escape sequences that need {@link #unescape}. */
    static boolean hasEscape(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '&') {
                return true;
            }
        }
        return false;
    }

    /**
     * Undoes Kea's escaping: {@code &#x} followed by two hex digits (either case) becomes that byte; an {@code &#x}
     * not followed by two hex digits stays as is. The resulting bytes are read as UTF-8.
     */
    static String unescape(byte[] bytes, int from, int to) {
        if (!hasEscape(bytes, from, to)) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return new String(unescapeBytes(bytes, from, to), StandardCharsets.UTF_8);
    }

    /** {@link #unescape} giving the bytes. */
    static byte[] unescapeBytes(byte[] bytes, int from, int to) {
        if (!hasEscape(bytes, from, to)) {
            return java.util.Arrays.copyOfRange(bytes, from, to);
        }
        byte[] out = new byte[to - from];
        int count = 0;
        int i = from;
        while (i < to) {
            if (bytes[i] == '&' && i + 5 <= to && bytes[i + 1] == '#' && bytes[i + 2] == 'x') {
                int high = hexValue(bytes[i + 3]);
                int low = hexValue(bytes[i + 4]);
                if (high >= 0 && low >= 0) {
                    out[count++] = (byte) ((high << 4) | low);
                    i += 5;
                    continue;
                }
            }
            out[count++] = bytes[i++];
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** Appends {@code text} with Kea's escaping of {@code ,} and {@code &}. */
    static void appendEscaped(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                out.append("&#x2c");
            } else if (c == '&') {
                out.append("&#x26");
            } else {
                out.append(c);
            }
        }
    }

    /** Appends a dotted quad. */
    static void appendIpv4(StringBuilder out, int address) {
        out.append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.')
                .append((address >>> 8) & 0xff).append('.').append(address & 0xff);
    }

    /**
     * Parses IPv6 text (with {@code ::} and an optional trailing dotted quad) in {@code [from, to)} into
     * {@code result[0]} (high 64 bits) and {@code result[1]} (low); false when invalid.
     */
    static boolean parseIpv6(byte[] bytes, int from, int to, long[] result) {
        int[] words = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (to - from < 2) {
            return false;
        }
        if (bytes[i] == ':') {
            if (bytes[i + 1] != ':') {
                return false;
            }
            gap = 0;
            i += 2;
            if (i == to) {
                result[0] = 0;
                result[1] = 0;
                return true;
            }
        }
        while (i < to) {
            if (count == 8) {
                return false;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && hexValue(bytes[i]) >= 0) {
                value = (value << 4) | hexValue(bytes[i]);
                i++;
            }
            if (i < to && bytes[i] == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = parseIpv4(bytes, start, to);
                if (v4 < 0 || count > 6) {
                    return false;
                }
                words[count++] = (int) (v4 >>> 16);
                words[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start) {
                return false;
            }
            words[count++] = value;
            if (i == to) {
                break;
            }
            if (bytes[i] != ':') {
                return false;
            }
            i++;
            if (i < to && bytes[i] == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count == 8) {
                return false;
            }
            int tail = count - gap;
            System.arraycopy(words, 0, full, 0, gap);
            System.arraycopy(words, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return false;
            }
            full = words;
        }
        long high = 0;
        long low = 0;
        for (int w = 0; w < 4; w++) {
            high = (high << 16) | full[w];
            low = (low << 16) | full[w + 4];
        }
        result[0] = high;
        result[1] = low;
        return true;
    }

    /** IPv6 text as {@code inet_ntop} prints it (longest run of two or more zero words as {@code ::}). */
    static String ipv6Text(long high, long low) {
        int[] words = new int[8];
        for (int w = 0; w < 4; w++) {
            words[w] = (int) ((high >>> (48 - 16 * w)) & 0xffff);
            words[w + 4] = (int) ((low >>> (48 - 16 * w)) & 0xffff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int w = 0; w < 8; ) {
            if (words[w] == 0) {
                int start = w;
                while (w < 8 && words[w] == 0) {
                    w++;
                }
                if (w - start > bestLength) {
                    bestStart = start;
                    bestLength = w - start;
                }
            } else {
                w++;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder(39);
        for (int w = 0; w < 8; w++) {
            if (bestStart >= 0 && w >= bestStart && w < bestStart + bestLength) {
                if (w == bestStart) {
                    out.append(':');
                }
                continue;
            }
            if (w > 0) {
                out.append(':');
            }
            // IPv4-compatible and IPv4-mapped addresses end in a dotted quad, as inet_ntop prints them
            if (w == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff))) {
                out.append(words[6] >>> 8).append('.').append(words[6] & 0xff).append('.')
                        .append(words[7] >>> 8).append('.').append(words[7] & 0xff);
                return out.toString();
            }
            out.append(Integer.toHexString(words[w]));
        }
        if (bestStart >= 0 && bestStart + bestLength == 8) {
            out.append(':');
        }
        return out.toString();
    }
}

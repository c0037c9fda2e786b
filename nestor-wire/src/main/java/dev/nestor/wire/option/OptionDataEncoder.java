package dev.nestor.wire.option;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns config {@code option-data} text into option payload bytes the way Kea 2.2 does (spec dhcp4-behaviour.md
 * §14): CSV mode splits on unescaped commas and converts each item by the definition's type; raw mode
 * ({@code csv-format: false}) reads a quoted ASCII string or hex digits and then checks the bytes decode under the
 * definition. Error messages use Kea's wording. Config-time code: clarity over speed.
 */
public final class OptionDataEncoder {
    private OptionDataEncoder() {
    }

    /**
     * Encodes {@code data} under {@code def}; the universe (tuple length size) is taken from the definition's space
     * via {@link Universe#ofSpace(String)}.
     */
    public static byte[] encode(OptionDefinition def, String data, boolean csvFormat) throws OptionDataException {
        return encode(def, data, csvFormat, Universe.ofSpace(def.space()));
    }

    /**
     * Encodes {@code data} under {@code def} for {@code universe}.
     *
     * @throws OptionDataException with Kea's message when the text does not fit the definition
     */
    public static byte[] encode(OptionDefinition def, String data, boolean csvFormat, Universe universe)
            throws OptionDataException {
        String text = data == null ? "" : data;
        if (!csvFormat) {
            byte[] raw = parseRaw(text);
            String problem = OptionDataDecoder.check(def, raw, 0, raw.length, universe);
            if (problem != null) {
                throw new OptionDataException(problem);
            }
            return raw;
        }
        List<String> items = splitCsv(text);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (def.type() == OptionDataType.RECORD) {
            List<OptionDataType> fields = def.recordTypes();
            if (fields.size() > items.size()) {
                throw new OptionDataException("number of data fields for the option type '" + def.code()
                        + "' is greater than number of values provided.");
            }
            for (int i = 0; i < fields.size(); i++) {
                writeValue(out, fields.get(i), items.get(i).strip(), universe);
            }
            if (def.array()) {
                OptionDataType last = fields.get(fields.size() - 1);
                for (int i = fields.size(); i < items.size(); i++) {
                    writeValue(out, last, items.get(i).strip(), universe);
                }
            }
        } else if (def.array()) {
            for (String item : items) {
                writeValue(out, def.type(), item.strip(), universe);
            }
        } else if (items.isEmpty()) {
            if (def.type() != OptionDataType.EMPTY) {
                throw new OptionDataException("no option value specified");
            }
        } else {
            writeValue(out, def.type(), items.get(0).strip(), universe);
        }
        byte[] bytes = out.toByteArray();
        String problem = OptionDataDecoder.check(def, bytes, 0, bytes.length, universe);
        if (problem != null) {
            throw new OptionDataException(problem);
        }
        return bytes;
    }

    /** Encodes data for an option that has no definition: only raw mode is possible, so this is {@link #parseRaw}. */
    public static byte[] encodeUndefined(String data) throws OptionDataException {
        return parseRaw(data == null ? "" : data);
    }

    /**
     * Kea's raw ({@code csv-format: false}) rules: {@code 'text'} in single quotes gives the trimmed text's bytes;
     * otherwise hex octets separated by {@code :} or by spaces (1-2 digits each), or a continuous digit string with
     * an optional {@code 0x} prefix (a leading 0 is added when the digit count is odd). Empty text gives no bytes.
     *
     * @throws OptionDataException "option data is not a valid string of hexadecimal digits: DATA"
     */
    public static byte[] parseRaw(String data) throws OptionDataException {
        String trimmed = data.strip();
        if (trimmed.length() > 1 && trimmed.charAt(0) == '\'' && trimmed.charAt(trimmed.length() - 1) == '\'') {
            String inner = trimmed.substring(1, trimmed.length() - 1).strip();
            if (!inner.isEmpty()) {
                return inner.getBytes(StandardCharsets.UTF_8);
            }
        }
        byte[] bytes = data.indexOf(':') >= 0 ? parseSeparatedHex(data, ':')
                : data.indexOf(' ') >= 0 ? parseSeparatedHex(data, ' ') : parseContinuousHex(data);
        if (bytes == null) {
            throw new OptionDataException("option data is not a valid string of hexadecimal digits: " + data);
        }
        return bytes;
    }

    private static byte[] parseSeparatedHex(String data, char separator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        boolean multiple = data.indexOf(separator) >= 0;
        while (start <= data.length()) {
            int end = data.indexOf(separator, start);
            if (end < 0) {
                end = data.length();
            }
            int length = end - start;
            if (length == 0 && multiple) {
                return null;
            }
            if (length > 2) {
                return null;
            }
            int value = 0;
            for (int i = start; i < end; i++) {
                int digit = hexDigit(data.charAt(i));
                if (digit < 0) {
                    return null;
                }
                value = (value << 4) | digit;
            }
            if (length > 0) {
                out.write(value);
            }
            start = end + 1;
        }
        return out.toByteArray();
    }

    private static byte[] parseContinuousHex(String data) {
        String digits = data.length() > 2 && data.startsWith("0x") ? data.substring(2) : data;
        boolean odd = data.length() % 2 != 0;
        int count = digits.length() + (odd ? 1 : 0);
        if (count % 2 != 0) {
            return null;
        }
        byte[] out = new byte[count / 2];
        int position = 0;
        int pending = odd ? 0 : -1;
        for (int i = 0; i < digits.length(); i++) {
            int digit = hexDigit(digits.charAt(i));
            if (digit < 0) {
                return null;
            }
            if (pending < 0) {
                pending = digit;
            } else {
                out[position++] = (byte) ((pending << 4) | digit);
                pending = -1;
            }
        }
        return out;
    }

    static int hexDigit(char c) {
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
     * Kea's CSV split: items separated by commas, a backslash escapes a comma (or a backslash); empty items are
     * dropped; items are not trimmed here.
     */
    public static List<String> splitCsv(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean inToken = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                if (!inToken) {
                    continue;
                }
                if (escaped) {
                    escaped = false;
                    token.append(c);
                } else {
                    if (!token.isEmpty()) {
                        items.add(token.toString());
                    }
                    inToken = false;
                    token.setLength(0);
                }
            } else if (c == '\\') {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append(c);
                } else {
                    escaped = true;
                }
            } else {
                inToken = true;
                if (escaped) {
                    escaped = false;
                    token.append('\\');
                }
                token.append(c);
            }
        }
        if (escaped) {
            token.append('\\');
        }
        if (!token.isEmpty()) {
            items.add(token.toString());
        }
        return items;
    }

    /** Writes one value of {@code type} given as text, Kea style. */
    static void writeValue(ByteArrayOutputStream out, OptionDataType type, String value, Universe universe)
            throws OptionDataException {
        switch (type) {
            case UINT8, INT8 -> out.write((int) parseInteger(value, type));
            case UINT16, INT16 -> writeShort(out, (int) parseInteger(value, type));
            case UINT32, INT32 -> writeInt(out, (int) parseInteger(value, type));
            case BOOLEAN -> out.write(parseBoolean(value) ? 1 : 0);
            case IPV4_ADDRESS -> {
                long v4 = AddressText.parseIpv4(value);
                if (v4 >= 0) {
                    writeInt(out, (int) v4);
                } else {
                    // stock Kea 2.2 writes an IPv6 address given for an ipv4-address field as its 16 bytes
                    byte[] v6 = AddressText.parseIpv6(value);
                    if (v6 == null) {
                        throw new OptionDataException("Failed to convert string to address '" + value
                                + "': Invalid argument");
                    }
                    out.writeBytes(v6);
                }
            }
            case IPV6_ADDRESS -> {
                byte[] v6 = AddressText.parseIpv6(value);
                if (v6 != null) {
                    out.writeBytes(v6);
                } else {
                    // stock Kea 2.2 writes an IPv4 address given for an ipv6-address field as its 4 bytes
                    long v4 = AddressText.parseIpv4(value);
                    if (v4 < 0) {
                        throw new OptionDataException("Failed to convert string to address '" + value
                                + "': Invalid argument");
                    }
                    writeInt(out, (int) v4);
                }
            }
            case IPV6_PREFIX -> writePrefix(out, value);
            case PSID -> writePsid(out, value);
            case STRING -> out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            case FQDN -> out.writeBytes(DomainNames.toWire(value));
            case BINARY -> {
                // Kea's base16 decoder skips whitespace: "1A BB AD" and "1A B BAD" are both 1a bb ad
                StringBuilder digits = new StringBuilder(value.length());
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (Character.isWhitespace(c)) {
                        continue;
                    }
                    if (hexDigit(c) < 0) {
                        throw new OptionDataException("unable to cast " + value
                                + " to binary data type: attempt to decode a value not in base16 char set");
                    }
                    digits.append(c);
                }
                if (digits.length() % 2 != 0) {
                    throw new OptionDataException("unable to cast " + value
                            + " to binary data type: Incomplete input for base16: " + value);
                }
                for (int i = 0; i < digits.length(); i += 2) {
                    out.write((hexDigit(digits.charAt(i)) << 4) | hexDigit(digits.charAt(i + 1)));
                }
            }
            case TUPLE -> {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                int max = universe == Universe.V4 ? 0xff : 0xffff;
                if (bytes.length > max) {
                    throw new OptionDataException("invalid tuple value (size " + bytes.length + " larger than "
                            + max + ")");
                }
                if (universe == Universe.V4) {
                    out.write(bytes.length);
                } else {
                    writeShort(out, bytes.length);
                }
                out.writeBytes(bytes);
            }
            // Kea prints its internal type number here (0 for empty)
            case EMPTY, RECORD -> throw new OptionDataException(
                    "attempt to write invalid option data field type into the option buffer: "
                            + (type == OptionDataType.EMPTY ? 0 : 17));
        }
    }

    private static byte[] parseIpv6Address(String value, String prefix, String suffix) throws OptionDataException {
        byte[] v6 = AddressText.parseIpv6(value);
        if (v6 == null) {
            long v4 = AddressText.parseIpv4(value);
            if (v4 < 0) {
                throw new OptionDataException("Failed to convert string to address '" + value + "': Invalid argument");
            }
            throw new OptionDataException(prefix + AddressText.formatIpv4((int) v4) + suffix);
        }
        return v6;
    }

    /**
     * Kea's integer rule: decimal (with optional sign), else hexadecimal with or without {@code 0x}; then range
     * checked against the type.
     */
    static long parseInteger(String value, OptionDataType type) throws OptionDataException {
        Long parsed = parseDecimal(value);
        if (parsed == null) {
            parsed = parseHex(value);
            if (parsed == null) {
                throw new OptionDataException("unable to convert the value '" + value + "' to integer data type");
            }
        }
        long min;
        long max;
        switch (type) {
            case UINT8 -> { min = 0; max = 0xff; }
            case UINT16 -> { min = 0; max = 0xffff; }
            case UINT32 -> { min = 0; max = 0xffffffffL; }
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            default -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
        }
        if (parsed < min || parsed > max) {
            throw new OptionDataException("unable to convert '" + value
                    + "' to numeric type. This value is expected to be in the range of " + min + ".." + max);
        }
        return parsed;
    }

    private static Long parseDecimal(String value) {
        int i = 0;
        boolean negative = false;
        if (!value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+')) {
            negative = value.charAt(0) == '-';
            i = 1;
        }
        if (i >= value.length() || value.length() - i > 18) {
            return null;
        }
        long result = 0;
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            result = result * 10 + (c - '0');
        }
        return negative ? -result : result;
    }

    private static Long parseHex(String value) {
        String digits = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (digits.isEmpty() || digits.length() > 15) {
            return null;
        }
        long result = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = hexDigit(digits.charAt(i));
            if (digit < 0) {
                return null;
            }
            result = (result << 4) | digit;
        }
        return result;
    }

    static boolean parseBoolean(String value) throws OptionDataException {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        Long number = parseDecimal(value);
        if (number == null) {
            // "covert" is Kea 2.2's own spelling
            throw new OptionDataException("unable to covert the value '" + value + "' to boolean data type");
        }
        if (number != 0 && number != 1) {
            throw new OptionDataException("unable to convert '" + value + "' to boolean data type");
        }
        return number == 1;
    }

    private static void writePrefix(ByteArrayOutputStream out, String value) throws OptionDataException {
        String text = value.replace(" ", "").replace("\t", "");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new OptionDataException("provided address/prefix " + value + " is not valid.");
        }
        String addressText = text.substring(0, slash);
        byte[] address = parseIpv6Address(addressText, "provided address ", " is not a valid IPv4 or IPv6 address.");
        String lengthText = text.substring(slash + 1);
        Long length = parseDecimal(lengthText);
        if (length == null || length < 0) {
            throw new OptionDataException("provided prefix " + lengthText + " is not valid.");
        }
        if (length > 128) {
            throw new OptionDataException("invalid prefix length " + length);
        }
        int prefixLength = length.intValue();
        out.write(prefixLength);
        int byteCount = (prefixLength + 7) / 8;
        for (int i = 0; i < byteCount; i++) {
            int b = address[i] & 0xff;
            if (i == byteCount - 1 && prefixLength % 8 != 0) {
                b &= 0xff << (8 - prefixLength % 8);
            }
            out.write(b);
        }
    }

    private static void writePsid(ByteArrayOutputStream out, String value) throws OptionDataException {
        String text = value.replace(" ", "").replace("\t", "");
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new OptionDataException("provided PSID value " + value + " is not valid");
        }
        String psidText = text.substring(0, slash);
        String lengthText = text.substring(slash + 1);
        Long psid = parseDecimal(psidText);
        if (psid == null || psid < 0 || psid > 0xffff) {
            throw new OptionDataException("provided PSID " + psidText + " is not valid");
        }
        Long length = parseDecimal(lengthText);
        if (length == null || length < 0 || length > 255) {
            throw new OptionDataException("provided PSID length " + lengthText + " is not valid");
        }
        if (length > 16) {
            throw new OptionDataException("invalid value " + length + " of PSID length");
        }
        if (length > 0 && psid > (0xffff >> (16 - length))) {
            throw new OptionDataException("invalid PSID value " + psid + " for a specified PSID length " + length);
        }
        out.write(length.intValue());
        writeShort(out, length == 0 ? 0 : (int) (psid << (16 - length)));
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}

package dev.nestor.wire.option;

import java.io.ByteArrayOutputStream;

/**
 * Domain names between text and DNS wire format (length-prefixed labels ending with a zero byte, no compression),
 * with the checks Kea's name parser makes: no empty labels, labels up to 63 bytes, names up to 255 bytes;
 * {@code \X} and {@code \DDD} escapes are understood.
 */
public final class DomainNames {
    private DomainNames() {
    }

    /** Text to wire format; "." and "example.com." give the root-terminated form, the trailing dot is optional. */
    public static byte[] toWire(String name) throws OptionDataException {
        if (name.isEmpty()) {
            throw new OptionDataException("incomplete textual name in <empty>");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (name.equals(".")) {
            out.write(0);
            return out.toByteArray();
        }
        byte[] label = new byte[64];
        int labelLength = 0;
        int total = 0;
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    throw new OptionDataException(i == 0 ? "non terminating empty label in " + name
                            : "duplicate period in " + name);
                }
                out.write(labelLength);
                out.write(label, 0, labelLength);
                total += labelLength + 1;
                labelLength = 0;
                i++;
                continue;
            }
            int value;
            if (c == '\\') {
                if (i + 3 < name.length() && Character.isDigit(name.charAt(i + 1))
                        && Character.isDigit(name.charAt(i + 2)) && Character.isDigit(name.charAt(i + 3))) {
                    value = Integer.parseInt(name.substring(i + 1, i + 4));
                    if (value > 255) {
                        throw new OptionDataException("escaped decimal is too large in " + name);
                    }
                    i += 4;
                } else if (i + 1 < name.length()) {
                    value = name.charAt(i + 1);
                    i += 2;
                } else {
                    throw new OptionDataException("incomplete textual name in " + name);
                }
            } else {
                value = c;
                i++;
            }
            if (value > 0x7f) {
                throw new OptionDataException("non-ASCII character in " + name);
            }
            if (labelLength == 63) {
                throw new OptionDataException("label is too long in " + name);
            }
            label[labelLength++] = (byte) value;
        }
        if (labelLength > 0) {
            out.write(labelLength);
            out.write(label, 0, labelLength);
            total += labelLength + 1;
        }
        out.write(0);
        if (total + 1 > 255) {
            throw new OptionDataException("name is too long: " + name);
        }
        return out.toByteArray();
    }

    /**
     * Reads one wire-format name at {@code offset} within {@code limit}; returns the offset after it, or -1 when
     * the bytes are not a complete uncompressed name. {@code text}, when non-null, receives the dotted form
     * (with the trailing dot, as Kea prints it).
     */
    public static int read(byte[] bytes, int offset, int limit, StringBuilder text) {
        int position = offset;
        int total = 0;
        while (true) {
            if (position >= limit) {
                return -1;
            }
            int length = bytes[position] & 0xff;
            position++;
            total += length + 1;
            if (length == 0) {
                if (text != null && text.isEmpty()) {
                    text.append('.');
                }
                return total > 255 ? -1 : position;
            }
            if (length > 63 || position + length > limit) {
                return -1;
            }
            if (text != null) {
                for (int i = 0; i < length; i++) {
                    int b = bytes[position + i] & 0xff;
                    if (b == '.' || b == '\\') {
                        text.append('\\').append((char) b);
                    } else if (b <= 0x20 || b >= 0x7f) {
                        text.append('\\').append(String.format("%03d", b));
                    } else {
                        text.append((char) b);
                    }
                }
                text.append('.');
            }
            position += length;
        }
    }
}

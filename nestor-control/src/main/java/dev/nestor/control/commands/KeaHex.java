package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.lease.Identifier;
import java.io.ByteArrayOutputStream;

/**
 * Parses identifiers written as Kea's commands accept them, failing with Kea's texts:
 * hardware addresses only in colon form (1 or 2 hex digits per byte); client identifiers in colon
 * form, space-separated form, or a plain hex string (optional {@code 0x}, odd length padded).
 */
final class KeaHex {

    /** Kea's {@code HWAddr::MAX_HWADDR_LEN}. */
    static final int MAX_HARDWARE_ADDRESS = 20;
    static final int MIN_CLIENT_ID = 2;
    static final int MAX_CLIENT_ID = 255;

    private KeaHex() {
    }

    static Identifier hardwareAddress(String text) throws CommandFailure {
        if (text.isEmpty()) {
            return Identifier.EMPTY;
        }
        byte[] bytes = separated(text, ':');
        if (bytes.length > MAX_HARDWARE_ADDRESS) {
            throw CommandFailure.error("hardware address of length " + bytes.length + " exceeds the maximum of "
                    + MAX_HARDWARE_ADDRESS);
        }
        return Identifier.of(bytes);
    }

    static Identifier clientId(String text) throws CommandFailure {
        byte[] bytes;
        if (text.indexOf(':') >= 0) {
            bytes = separated(text, ':');
        } else if (text.indexOf(' ') >= 0) {
            bytes = separated(text, ' ');
        } else {
            bytes = plain(text);
        }
        if (bytes.length < MIN_CLIENT_ID) {
            throw CommandFailure.error("client-id is too short (" + bytes.length + "), at least " + MIN_CLIENT_ID
                    + " is required");
        }
        if (bytes.length > MAX_CLIENT_ID) {
            throw CommandFailure.error("client-id is too large (" + bytes.length + "), at most " + MAX_CLIENT_ID
                    + " is required");
        }
        return Identifier.of(bytes);
    }

    private static byte[] separated(String text, char separator) throws CommandFailure {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : text.split(String.valueOf(separator), -1)) {
            if (part.isEmpty() || part.length() > 2) {
                throw CommandFailure.error("invalid format of the decoded string '" + text + "'");
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                int digit = Character.digit(part.charAt(i), 16);
                if (digit < 0) {
                    throw CommandFailure.error("'" + part.charAt(i) + "' is not a valid hexadecimal digit in decoded string '"
                            + text + "'");
                }
                value = value * 16 + digit;
            }
            out.write(value);
        }
        return out.toByteArray();
    }

    private static byte[] plain(String text) throws CommandFailure {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(digits.charAt(2 * i), 16);
            int low = Character.digit(digits.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                throw CommandFailure.error("'" + text + "' is not a valid string of hexadecimal digits");
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}

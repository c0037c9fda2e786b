package dev.nestor.wire.v6;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Option 13 (status code): a 16-bit code and UTF-8 text.
 *
 * @param code    status value (see the constants)
 * @param message status message
 */
public record StatusCode(int code, String message) {
    public static final int SUCCESS = 0;
    public static final int UNSPEC_FAIL = 1;
    public static final int NO_ADDRS_AVAIL = 2;
    public static final int NO_BINDING = 3;
    public static final int NOT_ON_LINK = 4;
    public static final int USE_MULTICAST = 5;
    public static final int NO_PREFIX_AVAIL = 6;

    public StatusCode {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("status code out of range: " + code);
        }
    }

    /** Parses option 13; empty when shorter than 2 bytes. */
    public static Optional<StatusCode> parse(Dhcp6Option option) {
        if (option.length() < 2) {
            return Optional.empty();
        }
        byte[] data = option.payload();
        return Optional.of(new StatusCode(option.uint16(), new String(data, 2, data.length - 2, StandardCharsets.UTF_8)));
    }

    /** As option 13. */
    public Dhcp6Option toOption() {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[2 + text.length];
        data[0] = (byte) (code >>> 8);
        data[1] = (byte) code;
        System.arraycopy(text, 0, data, 2, text.length);
        return Dhcp6Option.wrap(Dhcp6Option.STATUS_CODE, data);
    }

    /** Kea's name for the code, e.g. {@code NoAddrsAvail}. */
    public String codeName() {
        return switch (code) {
            case SUCCESS -> "Success";
            case UNSPEC_FAIL -> "UnspecFail";
            case NO_ADDRS_AVAIL -> "NoAddrsAvail";
            case NO_BINDING -> "NoBinding";
            case NOT_ON_LINK -> "NotOnLink";
            case USE_MULTICAST -> "UseMulticast";
            case NO_PREFIX_AVAIL -> "NoPrefixAvail";
            default -> "(unknown status code " + code + ")";
        };
    }
}

package dev.nestor.wire.option;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One typed field decoded from an option payload under its definition. {@link #toText()} gives the value in the
 * form Kea accepts back in {@code option-data} CSV text (so encode(decode(x)) round-trips).
 */
public sealed interface OptionValue {

    /** Kea-style text of this value. */
    String toText();

    /** An unsigned or signed integer, boolean excluded. */
    record Integer(OptionDataType type, long value) implements OptionValue {
        @Override
        public String toText() {
            return Long.toString(value);
        }
    }

    /** A boolean field. */
    record Flag(boolean value) implements OptionValue {
        @Override
        public String toText() {
            return value ? "true" : "false";
        }
    }

    /** An IPv4 address as a 32-bit int. */
    record Ipv4(int address) implements OptionValue {
        @Override
        public String toText() {
            return AddressText.formatIpv4(address);
        }
    }

    /** An IPv6 address, 16 bytes (defensively copied). */
    record Ipv6(byte[] address) implements OptionValue {
        public Ipv6 {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        @Override
        public String toText() {
            return AddressText.formatIpv6(address);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ipv6 that && java.util.Arrays.equals(address, that.address);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address);
        }
    }

    /** An IPv6 prefix: length and the 16-byte address (bits past the length are zero). */
    record Prefix(int length, byte[] address) implements OptionValue {
        public Prefix {
            address = address.clone();
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        @Override
        public String toText() {
            return AddressText.formatIpv6(address) + "/" + length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Prefix that && length == that.length && java.util.Arrays.equals(address, that.address);
        }

        @Override
        public int hashCode() {
            return 31 * length + java.util.Arrays.hashCode(address);
        }
    }

    /** A port-set identifier (RFC 7597): PSID value (right-aligned) and its length in bits. */
    record Psid(int psid, int length) implements OptionValue {
        @Override
        public String toText() {
            return psid + "/" + length;
        }
    }

    /** A string, fqdn (dotted, trailing dot) or tuple payload. */
    record Text(OptionDataType type, String value) implements OptionValue {
        @Override
        public String toText() {
            return value;
        }
    }

    /** Opaque bytes (type binary). */
    record Binary(byte[] value) implements OptionValue {
        public Binary {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public String toText() {
            return HexFormat.of().withUpperCase().formatHex(value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary that && java.util.Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(value);
        }

        /** The bytes as text when they are printable ASCII, for logs. */
        public String asAscii() {
            return new String(value, StandardCharsets.US_ASCII);
        }
    }
}

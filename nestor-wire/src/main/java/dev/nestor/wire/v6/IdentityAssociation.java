package dev.nestor.wire.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An IA_NA (3), IA_TA (4) or IA_PD (25) option: IAID, T1/T2 (zero for IA_TA, which has none on the wire) and the
 * options inside it. {@link #addresses()} and {@link #prefixes()} read IAADDR/IAPREFIX sub-options, skipping
 * malformed ones.
 *
 * @param type    {@link Dhcp6Option#IA_NA}, {@link Dhcp6Option#IA_TA} or {@link Dhcp6Option#IA_PD}
 * @param iaid    identity association id (32 bits)
 * @param t1      renew time (seconds, unsigned 32 bits)
 * @param t2      rebind time
 * @param options options inside the IA
 */
public record IdentityAssociation(int type, int iaid, long t1, long t2, List<Dhcp6Option> options) {

    public IdentityAssociation {
        if (type != Dhcp6Option.IA_NA && type != Dhcp6Option.IA_TA && type != Dhcp6Option.IA_PD) {
            throw new IllegalArgumentException("not an IA option code: " + type);
        }
        options = List.copyOf(options);
    }

    /** Parses an IA option; empty when its fixed fields do not fit. */
    public static Optional<IdentityAssociation> parse(Dhcp6Option option) {
        int fixed = option.code() == Dhcp6Option.IA_TA ? 4 : 12;
        if (option.length() < fixed || (option.code() != Dhcp6Option.IA_NA && option.code() != Dhcp6Option.IA_TA
                && option.code() != Dhcp6Option.IA_PD)) {
            return Optional.empty();
        }
        byte[] data = option.payload();
        int iaid = readInt(data, 0);
        long t1 = fixed == 12 ? readInt(data, 4) & 0xffffffffL : 0;
        long t2 = fixed == 12 ? readInt(data, 8) & 0xffffffffL : 0;
        return Optional.of(new IdentityAssociation(option.code(), iaid, t1, t2, option.subOptions(fixed)));
    }

    /** IAADDR sub-options (IA_NA / IA_TA). */
    public List<Address> addresses() {
        List<Address> result = new ArrayList<>(1);
        for (Dhcp6Option option : options) {
            if (option.code() == Dhcp6Option.IAADDR) {
                Address.parse(option).ifPresent(result::add);
            }
        }
        return result;
    }

    /** IAPREFIX sub-options (IA_PD). */
    public List<Prefix> prefixes() {
        List<Prefix> result = new ArrayList<>(1);
        for (Dhcp6Option option : options) {
            if (option.code() == Dhcp6Option.IAPREFIX) {
                Prefix.parse(option).ifPresent(result::add);
            }
        }
        return result;
    }

    /** The status code inside the IA, when present and well-formed. */
    public Optional<StatusCode> statusCode() {
        for (Dhcp6Option option : options) {
            if (option.code() == Dhcp6Option.STATUS_CODE) {
                return StatusCode.parse(option);
            }
        }
        return Optional.empty();
    }

    /** As an option. */
    public Dhcp6Option toOption() {
        byte[] fixed = type == Dhcp6Option.IA_TA ? new byte[4] : new byte[12];
        writeInt(fixed, 0, iaid);
        if (fixed.length == 12) {
            writeInt(fixed, 4, (int) t1);
            writeInt(fixed, 8, (int) t2);
        }
        return Dhcp6Option.withSubOptions(type, fixed, options);
    }

    /**
     * IAADDR (5): an address with preferred and valid lifetimes and options (usually a status code).
     *
     * @param address   16 bytes
     * @param preferred preferred lifetime (unsigned 32 bits)
     * @param valid     valid lifetime
     * @param options   options inside
     */
    public record Address(byte[] address, long preferred, long valid, List<Dhcp6Option> options) {
        public Address {
            if (address.length != 16) {
                throw new IllegalArgumentException("IPv6 address is 16 bytes");
            }
            address = address.clone();
            options = List.copyOf(options);
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        static Optional<Address> parse(Dhcp6Option option) {
            if (option.length() < 24) {
                return Optional.empty();
            }
            byte[] data = option.payload();
            return Optional.of(new Address(java.util.Arrays.copyOf(data, 16), readInt(data, 16) & 0xffffffffL,
                    readInt(data, 20) & 0xffffffffL, option.subOptions(24)));
        }

        /** As option 5. */
        public Dhcp6Option toOption() {
            byte[] fixed = java.util.Arrays.copyOf(address, 24);
            writeInt(fixed, 16, (int) preferred);
            writeInt(fixed, 20, (int) valid);
            return Dhcp6Option.withSubOptions(Dhcp6Option.IAADDR, fixed, options);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Address that && java.util.Arrays.equals(address, that.address)
                    && preferred == that.preferred && valid == that.valid && options.equals(that.options);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address);
        }
    }

    /**
     * IAPREFIX (26): a delegated prefix with lifetimes and options.
     *
     * @param preferred preferred lifetime
     * @param valid     valid lifetime
     * @param length    prefix length (0..255 on the wire; 0..128 meaningful)
     * @param prefix    16 bytes
     * @param options   options inside
     */
    public record Prefix(long preferred, long valid, int length, byte[] prefix, List<Dhcp6Option> options) {
        public Prefix {
            if (prefix.length != 16) {
                throw new IllegalArgumentException("IPv6 prefix is 16 bytes");
            }
            prefix = prefix.clone();
            options = List.copyOf(options);
        }

        @Override
        public byte[] prefix() {
            return prefix.clone();
        }

        static Optional<Prefix> parse(Dhcp6Option option) {
            if (option.length() < 25) {
                return Optional.empty();
            }
            byte[] data = option.payload();
            return Optional.of(new Prefix(readInt(data, 0) & 0xffffffffL, readInt(data, 4) & 0xffffffffL,
                    data[8] & 0xff, java.util.Arrays.copyOfRange(data, 9, 25), option.subOptions(25)));
        }

        /** As option 26. */
        public Dhcp6Option toOption() {
            byte[] fixed = new byte[25];
            writeInt(fixed, 0, (int) preferred);
            writeInt(fixed, 4, (int) valid);
            fixed[8] = (byte) length;
            System.arraycopy(prefix, 0, fixed, 9, 16);
            return Dhcp6Option.withSubOptions(Dhcp6Option.IAPREFIX, fixed, options);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Prefix that && java.util.Arrays.equals(prefix, that.prefix)
                    && length == that.length && preferred == that.preferred && valid == that.valid
                    && options.equals(that.options);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(prefix) * 31 + length;
        }
    }

    static int readInt(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16) | ((data[offset + 2] & 0xff) << 8)
                | (data[offset + 3] & 0xff);
    }

    static void writeInt(byte[] data, int offset, int value) {
        data[offset] = (byte) (value >>> 24);
        data[offset + 1] = (byte) (value >>> 16);
        data[offset + 2] = (byte) (value >>> 8);
        data[offset + 3] = (byte) value;
    }
}

package dev.nestor.lease;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One DHCPv4 lease, immutable, as Kea 2.2 stores it.
 *
 * @param address              the leased address, as a 32-bit int in network order ({@code 192.0.2.1 = 0xc0000201})
 * @param hardwareAddress      client hardware address (chaddr); empty for a declined lease
 * @param hardwareType         hardware type (1 = Ethernet); the v4 lease file does not store it, loading gives 1
 * @param clientId             client identifier (option 61 payload including its type byte); empty = none
 * @param validLifetime        valid lifetime in seconds, 0..4294967295 (4294967295 = infinite)
 * @param cltt                 client last transaction time, Unix seconds
 * @param subnetId             id of the subnet the lease belongs to, 0..4294967295
 * @param fqdnForward          whether a forward DNS update was done
 * @param fqdnReverse          whether a reverse DNS update was done
 * @param hostname             host name (Kea stores it lower-case), {@code ""} = none
 * @param state                lease state
 * @param userContext          the user context, a JSON map as text (Kea's printing, e.g. {@code { "a": 1 }}); {@code ""}
 *                             = none
 */
public record Lease4(
        int address,
        Identifier hardwareAddress,
        int hardwareType,
        Identifier clientId,
        long validLifetime,
        long cltt,
        long subnetId,
        boolean fqdnForward,
        boolean fqdnReverse,
        String hostname,
        LeaseState state,
        String userContext) {

    /** Kea's "infinite" lifetime. */
    public static final long INFINITE_LIFETIME = 0xffff_ffffL;

    /** Hardware type Ethernet, the one Kea assumes for leases read from a v4 file. */
    public static final int HARDWARE_TYPE_ETHERNET = 1;

    /** Checks ranges and nulls. */
    public Lease4 {
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userContext, "userContext");
        requireUnsigned32(validLifetime, "validLifetime");
        requireUnsigned32(subnetId, "subnetId");
        if (cltt < 0) {
            throw new IllegalArgumentException("cltt must not be negative: " + cltt);
        }
        if (hardwareType < 0 || hardwareType > 0xffff) {
            throw new IllegalArgumentException("hardwareType out of range: " + hardwareType);
        }
    }

    static void requireUnsigned32(long value, String name) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(name + " out of range 0..4294967295: " + value);
        }
    }

    /** Expiration time in Unix seconds: {@code cltt + validLifetime} (the CSV {@code expire} column). */
    public long expire() {
        return cltt + validLifetime;
    }

    /** Whether the lease has expired at {@code nowSeconds} (an infinite lease never expires). */
    public boolean isExpired(long nowSeconds) {
        return validLifetime != INFINITE_LIFETIME && expire() < nowSeconds;
    }

    /** The address as an {@link Inet4Address}. */
    public Inet4Address inetAddress() {
        return toInetAddress(address);
    }

    /** The address in dotted-quad text. */
    public String addressText() {
        return addressText(address);
    }

    /** A builder starting from this lease's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a lease of {@code address} with Kea's defaults (state default, Ethernet, empty fields). */
    public static Builder builder(int address) {
        return new Builder(address);
    }

    /** Dotted-quad text of an int address. */
    public static String addressText(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** The int form of an IPv4 address. */
    public static int toInt(Inet4Address address) {
        byte[] bytes = address.getAddress();
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    /** The {@link Inet4Address} of an int address. */
    public static Inet4Address toInetAddress(int address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Parses dotted-quad text (four decimal parts 0..255, no leading sign).
     *
     * @throws IllegalArgumentException when it is not an IPv4 address
     */
    public static int parseAddress(String text) {
        long value = CsvCodec.parseIpv4(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, text.length());
        if (value < 0) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
        }
        return (int) value;
    }

    /** Mutable helper to build a {@link Lease4}; not thread-safe. */
    public static final class Builder {
        private int address;
        private Identifier hardwareAddress = Identifier.EMPTY;
        private int hardwareType = HARDWARE_TYPE_ETHERNET;
        private Identifier clientId = Identifier.EMPTY;
        private long validLifetime;
        private long cltt;
        private long subnetId;
        private boolean fqdnForward;
        private boolean fqdnReverse;
        private String hostname = "";
        private LeaseState state = LeaseState.DEFAULT;
        private String userContext = "";

        private Builder(int address) {
            this.address = address;
        }

        private Builder(Lease4 lease) {
            address = lease.address;
            hardwareAddress = lease.hardwareAddress;
            hardwareType = lease.hardwareType;
            clientId = lease.clientId;
            validLifetime = lease.validLifetime;
            cltt = lease.cltt;
            subnetId = lease.subnetId;
            fqdnForward = lease.fqdnForward;
            fqdnReverse = lease.fqdnReverse;
            hostname = lease.hostname;
            state = lease.state;
            userContext = lease.userContext;
        }

        public Builder address(int value) { address = value; return this; }
        public Builder hardwareAddress(Identifier value) { hardwareAddress = value; return this; }
        public Builder hardwareType(int value) { hardwareType = value; return this; }
        public Builder clientId(Identifier value) { clientId = value; return this; }
        public Builder validLifetime(long value) { validLifetime = value; return this; }
        public Builder cltt(long value) { cltt = value; return this; }
        public Builder subnetId(long value) { subnetId = value; return this; }
        public Builder fqdnForward(boolean value) { fqdnForward = value; return this; }
        public Builder fqdnReverse(boolean value) { fqdnReverse = value; return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder state(LeaseState value) { state = value; return this; }
        public Builder userContext(String value) { userContext = value; return this; }

        /** The lease; throws {@link IllegalArgumentException} for out-of-range values. */
        public Lease4 build() {
            return new Lease4(address, hardwareAddress, hardwareType, clientId, validLifetime, cltt, subnetId,
                    fqdnForward, fqdnReverse, hostname, state, userContext);
        }
    }
}

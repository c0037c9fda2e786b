package dev.nestor.lease;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One DHCPv6 lease (address or delegated prefix), immutable, as Kea 2.2 stores it.
 *
 * @param type                  IA_NA, IA_TA or IA_PD
 * @param addressHigh           first 64 bits of the address or prefix
 * @param addressLow            last 64 bits of the address or prefix
 * @param prefixLength          128 for addresses, the delegated length for prefixes
 * @param duid                  client DUID; a declined lease carries the one-byte DUID {@code 00}
 * @param iaid                  IA identifier, 0..4294967295
 * @param preferredLifetime     preferred lifetime in seconds, 0..4294967295
 * @param validLifetime         valid lifetime in seconds, 0..4294967295
 * @param cltt                  client last transaction time, Unix seconds
 * @param subnetId              subnet id, 0..4294967295
 * @param fqdnForward           whether a forward DNS update was done
 * @param fqdnReverse           whether a reverse DNS update was done
 * @param hostname              host name, {@code ""} = none
 * @param hardwareAddress       client hardware address if known, else empty
 * @param hardwareType          hardware type of {@code hardwareAddress} (1 = Ethernet)
 * @param hardwareAddressSource Kea's bit mask telling where the hardware address came from (0 = unknown)
 * @param state                 lease state
 * @param userContext           user context as JSON map text, {@code ""} = none
 */
public record Lease6(
        LeaseType type,
        long addressHigh,
        long addressLow,
        int prefixLength,
        Identifier duid,
        long iaid,
        long preferredLifetime,
        long validLifetime,
        long cltt,
        long subnetId,
        boolean fqdnForward,
        boolean fqdnReverse,
        String hostname,
        Identifier hardwareAddress,
        int hardwareType,
        int hardwareAddressSource,
        LeaseState state,
        String userContext) {

    /** The DUID Kea gives declined leases. */
    public static final Identifier DECLINED_DUID = Identifier.of(new byte[] {0});

    /** Checks ranges and nulls. */
    public Lease6 {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(duid, "duid");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(userContext, "userContext");
        Lease4.requireUnsigned32(iaid, "iaid");
        Lease4.requireUnsigned32(preferredLifetime, "preferredLifetime");
        Lease4.requireUnsigned32(validLifetime, "validLifetime");
        Lease4.requireUnsigned32(subnetId, "subnetId");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefixLength out of range 0..128: " + prefixLength);
        }
        if (cltt < 0) {
            throw new IllegalArgumentException("cltt must not be negative: " + cltt);
        }
        if (hardwareType < 0 || hardwareType > 0xffff) {
            throw new IllegalArgumentException("hardwareType out of range: " + hardwareType);
        }
    }

    /** Expiration time in Unix seconds: {@code cltt + validLifetime}. */
    public long expire() {
        return cltt + validLifetime;
    }

    /** Whether the lease has expired at {@code nowSeconds} (an infinite lease never expires). */
    public boolean isExpired(long nowSeconds) {
        return validLifetime != Lease4.INFINITE_LIFETIME && expire() < nowSeconds;
    }

    /** The address or prefix as an {@link Inet6Address}. */
    public Inet6Address inetAddress() {
        return toInetAddress(addressHigh, addressLow);
    }

    /** The address or prefix in Kea's compressed text form. */
    public String addressText() {
        return CsvCodec.ipv6Text(addressHigh, addressLow);
    }

    /** A builder starting from this lease's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for an IA_NA lease of the given address with Kea's defaults. */
    public static Builder builder(long addressHigh, long addressLow) {
        return new Builder(addressHigh, addressLow);
    }

    /** The {@link Inet6Address} of a 128-bit address. */
    public static Inet6Address toInetAddress(long high, long low) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        try {
            return (Inet6Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** Mutable helper to build a {@link Lease6}; not thread-safe. */
    public static final class Builder {
        private LeaseType type = LeaseType.NA;
        private long addressHigh;
        private long addressLow;
        private int prefixLength = 128;
        private Identifier duid = Identifier.EMPTY;
        private long iaid;
        private long preferredLifetime;
        private long validLifetime;
        private long cltt;
        private long subnetId;
        private boolean fqdnForward;
        private boolean fqdnReverse;
        private String hostname = "";
        private Identifier hardwareAddress = Identifier.EMPTY;
        private int hardwareType = Lease4.HARDWARE_TYPE_ETHERNET;
        private int hardwareAddressSource;
        private LeaseState state = LeaseState.DEFAULT;
        private String userContext = "";

        private Builder(long addressHigh, long addressLow) {
            this.addressHigh = addressHigh;
            this.addressLow = addressLow;
        }

        private Builder(Lease6 lease) {
            type = lease.type;
            addressHigh = lease.addressHigh;
            addressLow = lease.addressLow;
            prefixLength = lease.prefixLength;
            duid = lease.duid;
            iaid = lease.iaid;
            preferredLifetime = lease.preferredLifetime;
            validLifetime = lease.validLifetime;
            cltt = lease.cltt;
            subnetId = lease.subnetId;
            fqdnForward = lease.fqdnForward;
            fqdnReverse = lease.fqdnReverse;
            hostname = lease.hostname;
            hardwareAddress = lease.hardwareAddress;
            hardwareType = lease.hardwareType;
            hardwareAddressSource = lease.hardwareAddressSource;
            state = lease.state;
            userContext = lease.userContext;
        }

        public Builder type(LeaseType value) { type = value; return this; }
        public Builder address(long high, long low) { addressHigh = high; addressLow = low; return this; }
        public Builder prefixLength(int value) { prefixLength = value; return this; }
        public Builder duid(Identifier value) { duid = value; return this; }
        public Builder iaid(long value) { iaid = value; return this; }
        public Builder preferredLifetime(long value) { preferredLifetime = value; return this; }
        public Builder validLifetime(long value) { validLifetime = value; return this; }
        public Builder cltt(long value) { cltt = value; return this; }
        public Builder subnetId(long value) { subnetId = value; return this; }
        public Builder fqdnForward(boolean value) { fqdnForward = value; return this; }
        public Builder fqdnReverse(boolean value) { fqdnReverse = value; return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder hardwareAddress(Identifier value) { hardwareAddress = value; return this; }
        public Builder hardwareType(int value) { hardwareType = value; return this; }
        public Builder hardwareAddressSource(int value) { hardwareAddressSource = value; return this; }
        public Builder state(LeaseState value) { state = value; return this; }
        public Builder userContext(String value) { userContext = value; return this; }

        /** The lease; throws {@link IllegalArgumentException} for out-of-range values. */
        public Lease6 build() {
            return new Lease6(type, addressHigh, addressLow, prefixLength, duid, iaid, preferredLifetime, validLifetime,
                    cltt, subnetId, fqdnForward, fqdnReverse, hostname, hardwareAddress, hardwareType,
                    hardwareAddressSource, state, userContext);
        }
    }
}

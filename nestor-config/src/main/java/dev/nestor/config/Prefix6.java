package dev.nestor.config;

import java.net.Inet6Address;

/**
 * An IPv6 prefix: address (masked to the length) and length.
 *
 * @param address the network address
 * @param length  0..128
 */
public record Prefix6(Inet6Address address, int length) {
    /** True when {@code candidate} lies inside this prefix. */
    public boolean contains(Inet6Address candidate) {
        return Addresses.v6InPrefix(candidate.getAddress(), address.getAddress(), length);
    }

    /** {@code address/length}. */
    @Override
    public String toString() {
        return Addresses.v6ToString(address) + "/" + length;
    }
}

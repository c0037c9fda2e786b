package dev.nestor.server.net;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * One IPv4 address the server listens on, with the interface it belongs to.
 *
 * @param interfaceName the interface (e.g. {@code eth0}, {@code lo})
 * @param address       the interface's address the socket binds to
 * @param loopback      whether the interface is a loopback one (no broadcast clients there)
 */
public record ListenAddress(String interfaceName, Inet4Address address, boolean loopback) {
    public ListenAddress {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(address, "address");
    }
}

package dev.nestor.control.commands;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The configured DHCPv4 subnets as the lease and subnet commands see them: a snapshot of the running
 * configuration (a new catalog after each successful {@code config-set}). Subnets are in
 * configuration order, which is the order of {@code subnet4-list} and of {@code lease4-wipe}'s text.
 */
public interface SubnetCatalog4 {

    /**
     * One subnet.
     *
     * @param id            subnet-id
     * @param prefix        network address as an int
     * @param prefixLength  0..32
     * @param validLifetime the subnet's effective valid-lifetime (default for lease commands)
     * @param json          the subnet as {@code subnet4-get} shows it
     */
    record Subnet(long id, int prefix, int prefixLength, long validLifetime, JsonObject json) {

        public Subnet {
            Objects.requireNonNull(json, "json");
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
            }
        }

        /** Whether the address is inside this subnet. */
        public boolean contains(int address) {
            int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
            return (address & mask) == (prefix & mask);
        }

        /** Kea's text of the prefix, {@code 192.0.2.0/24}. */
        public String text() {
            return LeaseJson.addressText(prefix) + "/" + prefixLength;
        }
    }

    /** Every subnet, in configuration order. */
    List<Subnet> subnets();

    /** The subnet with that id. */
    default Optional<Subnet> byId(long id) {
        for (Subnet subnet : subnets()) {
            if (subnet.id() == id) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }

    /** The first subnet (configuration order) containing the address. */
    default Optional<Subnet> containing(int address) {
        for (Subnet subnet : subnets()) {
            if (subnet.contains(address)) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }

    /** A fixed catalog. */
    static SubnetCatalog4 of(List<Subnet> subnets) {
        List<Subnet> copy = List.copyOf(subnets);
        return () -> copy;
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

/**
 * A DHCPv6 shared network (parameters already folded into its subnets).
 *
 * @param name           unique name
 * @param subnetIds      IDs of its subnets, ascending
 * @param interfaceName  interface, or empty
 * @param interfaceId    relay interface-id, or empty
 * @param relayAddresses relay addresses selecting the network
 * @param clientClass    restriction, or empty
 * @param userContext    user context or {@code null}
 */
public record SharedNetwork6(String name, List<Long> subnetIds, Optional<String> interfaceName,
                             Optional<String> interfaceId, List<Inet6Address> relayAddresses,
                             Optional<String> clientClass, JsonObject userContext) {
    /** Copies the lists. */
    public SharedNetwork6 {
        subnetIds = List.copyOf(subnetIds);
        relayAddresses = List.copyOf(relayAddresses);
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A DHCPv4 shared network. Its parameters are already folded into its subnets; this record keeps what selection
 * needs at network level.
 *
 * @param name           unique name
 * @param subnetIds      IDs of its subnets, ascending (Kea's iteration order)
 * @param interfaceName  interface, or empty
 * @param relayAddresses giaddr values that select the network
 * @param clientClass    restriction, or empty
 * @param userContext    user context or {@code null}
 */
public record SharedNetwork4(String name, List<Long> subnetIds, Optional<String> interfaceName,
                             List<Integer> relayAddresses, Optional<String> clientClass, JsonObject userContext) {
    /** Copies the lists. */
    public SharedNetwork4 {
        subnetIds = List.copyOf(subnetIds);
        relayAddresses = List.copyOf(relayAddresses);
    }
}

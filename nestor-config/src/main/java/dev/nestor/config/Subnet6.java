package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A DHCPv6 subnet with inheritable parameters resolved (subnet, shared network, global, Kea default), like
 * {@link Subnet4}; {@link #options()} is the subnet's option-data merged over its network's.
 *
 * @param id                    subnet ID
 * @param prefix                the subnet prefix
 * @param pools                 address pools
 * @param pdPools               prefix delegation pools
 * @param reservations          host reservations
 * @param relayAddresses        relay link addresses selecting the subnet (own, else network's)
 * @param interfaceName         interface (own, else network's), or empty
 * @param interfaceId           relay interface-id content (own, else network's), or empty
 * @param sharedNetwork         enclosing shared network name, or empty
 * @param clientClass           own restriction, or empty
 * @param networkClientClass    network's restriction, or empty
 * @param requireClientClasses  own then network's only-if-required classes
 * @param preferredLifetime     effective preferred-lifetime triplet
 * @param validLifetime         effective valid-lifetime triplet
 * @param renewTimer            effective T1, or empty
 * @param rebindTimer           effective T2, or empty
 * @param calculateTeeTimes     default true for DHCPv6
 * @param t1Percent             default 0.5
 * @param t2Percent             default 0.8
 * @param cacheThreshold        or empty
 * @param cacheMaxAge           or empty
 * @param rapidCommit           default false
 * @param reservationsGlobal    effective flag
 * @param reservationsInSubnet  effective flag
 * @param reservationsOutOfPool effective flag
 * @param storeExtendedInfo     effective flag
 * @param options               subnet option-data merged over the network's
 * @param userContext           user context or {@code null}
 */
public record Subnet6(long id, Prefix6 prefix, List<Pool6> pools, List<PdPool6> pdPools,
                      List<Reservation6> reservations, List<Inet6Address> relayAddresses,
                      Optional<String> interfaceName, Optional<String> interfaceId, Optional<String> sharedNetwork,
                      Optional<String> clientClass, Optional<String> networkClientClass,
                      List<String> requireClientClasses, Triplet preferredLifetime, Triplet validLifetime,
                      OptionalLong renewTimer, OptionalLong rebindTimer, boolean calculateTeeTimes, double t1Percent,
                      double t2Percent, OptionalDouble cacheThreshold, OptionalLong cacheMaxAge, boolean rapidCommit,
                      boolean reservationsGlobal, boolean reservationsInSubnet, boolean reservationsOutOfPool,
                      boolean storeExtendedInfo, List<OptionData> options, JsonObject userContext)
        implements FamilySubnet {
    /** Copies the lists. */
    public Subnet6 {
        pools = List.copyOf(pools);
        pdPools = List.copyOf(pdPools);
        reservations = List.copyOf(reservations);
        relayAddresses = List.copyOf(relayAddresses);
        requireClientClasses = List.copyOf(requireClientClasses);
        options = List.copyOf(options);
    }

    /** True when {@code address} lies inside the prefix. */
    public boolean contains(Inet6Address address) {
        return prefix.contains(address);
    }
}

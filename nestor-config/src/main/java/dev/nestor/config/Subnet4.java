package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A DHCPv4 subnet with every inheritable parameter already resolved (subnet, then its shared network, then global,
 * then Kea's default), so the engine reads fields and never walks scopes per packet. Options are the exception,
 * because client classes sit between network and global in Kea's option order: {@link #options()} holds the subnet's
 * options merged over its network's; the engine then consults client classes, then {@link Dhcp4Config#options()}.
 *
 * @param id                      subnet ID (explicit or auto-assigned as Kea does)
 * @param prefix                  network address (masked) as unsigned int
 * @param prefixLength            0..32
 * @param pools                   address pools, in file order
 * @param reservations            host reservations in this subnet
 * @param relayAddresses          giaddr values that select this subnet (own, else the network's)
 * @param interfaceName           interface (own, else the network's), or empty
 * @param sharedNetwork           name of the enclosing shared network, or empty
 * @param clientClass             own {@code client-class} restriction, or empty
 * @param networkClientClass      the shared network's {@code client-class}, or empty
 * @param requireClientClasses    own {@code require-client-classes} followed by the network's
 * @param validLifetime           effective valid-lifetime triplet
 * @param renewTimer              effective T1, or empty (not sent unless calculated)
 * @param rebindTimer             effective T2, or empty
 * @param calculateTeeTimes       compute T1/T2 from percentages when the timers are unset
 * @param t1Percent               effective t1-percent
 * @param t2Percent               effective t2-percent
 * @param cacheThreshold          lease cache threshold, or empty (no caching)
 * @param cacheMaxAge             lease cache max age, or empty
 * @param matchClientId           effective match-client-id
 * @param authoritative           effective authoritative
 * @param nextServer              effective siaddr (unsigned int; 0 = none)
 * @param serverHostname          effective sname
 * @param bootFileName            effective file
 * @param reservationsGlobal      effective reservations-global
 * @param reservationsInSubnet    effective reservations-in-subnet
 * @param reservationsOutOfPool   effective reservations-out-of-pool
 * @param storeExtendedInfo       effective store-extended-info
 * @param options                 subnet option-data merged over the network's (subnet wins per space+code)
 * @param userContext             user context or {@code null}
 */
public record Subnet4(long id, int prefix, int prefixLength, List<Pool4> pools, List<Reservation4> reservations,
                      List<Integer> relayAddresses, Optional<String> interfaceName, Optional<String> sharedNetwork,
                      Optional<String> clientClass, Optional<String> networkClientClass,
                      List<String> requireClientClasses, Triplet validLifetime, OptionalLong renewTimer,
                      OptionalLong rebindTimer, boolean calculateTeeTimes, double t1Percent, double t2Percent,
                      OptionalDouble cacheThreshold, OptionalLong cacheMaxAge, boolean matchClientId,
                      boolean authoritative, int nextServer, String serverHostname, String bootFileName,
                      boolean reservationsGlobal, boolean reservationsInSubnet, boolean reservationsOutOfPool,
                      boolean storeExtendedInfo, List<OptionData> options, JsonObject userContext)
        implements FamilySubnet {
    /** Copies the lists. */
    public Subnet4 {
        pools = List.copyOf(pools);
        reservations = List.copyOf(reservations);
        relayAddresses = List.copyOf(relayAddresses);
        requireClientClasses = List.copyOf(requireClientClasses);
        options = List.copyOf(options);
    }

    /** The netmask as an int. */
    public int netmask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** True when {@code address} lies inside the prefix. */
    public boolean contains(int address) {
        return (address & netmask()) == prefix;
    }

    /** The pool containing {@code address}, or {@code null}. */
    public Pool4 poolOf(int address) {
        for (Pool4 pool : pools) {
            if (pool.contains(address)) return pool;
        }
        return null;
    }

    /** {@code a.b.c.d/len}. */
    public String prefixText() {
        return Addresses.v4ToString(prefix) + "/" + prefixLength;
    }
}

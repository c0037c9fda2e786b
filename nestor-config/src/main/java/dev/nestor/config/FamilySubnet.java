package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a subnet of either family ({@link Subnet4}, {@link Subnet6}) holds alike: its ID, where it sits, its classes,
 * and the inheritable parameters whose meaning is the same in DHCPv4 and DHCPv6, already resolved. Lets code that
 * does not care about the address family (lookups, statistics, HA scopes) handle both.
 */
public interface FamilySubnet {
    /** Subnet ID (explicit or auto-assigned as Kea does). */
    long id();

    /** Name of the enclosing shared network, or empty. */
    Optional<String> sharedNetwork();

    /** Interface (own, else the network's), or empty. */
    Optional<String> interfaceName();

    /** Own {@code client-class} restriction, or empty. */
    Optional<String> clientClass();

    /** The shared network's {@code client-class}, or empty. */
    Optional<String> networkClientClass();

    /** Own {@code require-client-classes} followed by the network's. */
    List<String> requireClientClasses();

    /** Effective valid-lifetime triplet. */
    Triplet validLifetime();

    /** Effective T1, or empty. */
    OptionalLong renewTimer();

    /** Effective T2, or empty. */
    OptionalLong rebindTimer();

    /** Compute T1/T2 from the percentages when the timers are unset. */
    boolean calculateTeeTimes();

    double t1Percent();

    double t2Percent();

    /** Lease cache threshold, or empty (no caching). */
    OptionalDouble cacheThreshold();

    /** Lease cache max age, or empty. */
    OptionalLong cacheMaxAge();

    boolean reservationsGlobal();

    boolean reservationsInSubnet();

    boolean reservationsOutOfPool();

    boolean storeExtendedInfo();

    /** Subnet option-data merged over its network's. */
    List<OptionData> options();

    /** User context or {@code null}. */
    JsonObject userContext();
}

package dev.nestor.server.stats;

/**
 * Everything Kea counts per subnet: the address counters plus the subnet variants of the allocation-failure and
 * reservation-conflict counters.
 */
public final class SubnetStatistics {
    public final AddressStatistics addresses;
    public final Statistic allocationFail;
    public final Statistic allocationFailSharedNetwork;
    public final Statistic allocationFailSubnet;
    public final Statistic allocationFailNoPools;
    public final Statistic allocationFailClasses;
    public final Statistic reservationConflicts;

    /** Creates (or finds) the statistics of subnet {@code subnetId}. */
    public SubnetStatistics(StatisticsRegistry registry, long subnetId) {
        String prefix = AddressStatistics.subnetPrefix(subnetId);
        addresses = AddressStatistics.ofSubnet(registry, subnetId);
        allocationFail = registry.statistic(prefix + "v4-allocation-fail");
        allocationFailSharedNetwork = registry.statistic(prefix + "v4-allocation-fail-shared-network");
        allocationFailSubnet = registry.statistic(prefix + "v4-allocation-fail-subnet");
        allocationFailNoPools = registry.statistic(prefix + "v4-allocation-fail-no-pools");
        allocationFailClasses = registry.statistic(prefix + "v4-allocation-fail-classes");
        reservationConflicts = registry.statistic(prefix + "v4-reservation-conflicts");
    }
}

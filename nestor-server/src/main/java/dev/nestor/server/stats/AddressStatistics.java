package dev.nestor.server.stats;

/**
 * The address counters Kea keeps per subnet ({@code subnet[ID].<name>}) and per pool
 * ({@code subnet[ID].pool[N].<name>}), held by reference for the allocation path.
 */
public final class AddressStatistics {
    public final Statistic totalAddresses;
    public final Statistic assignedAddresses;
    public final Statistic declinedAddresses;
    public final Statistic cumulativeAssignedAddresses;
    public final Statistic reclaimedLeases;
    public final Statistic reclaimedDeclinedAddresses;

    private AddressStatistics(StatisticsRegistry registry, String prefix) {
        totalAddresses = registry.statistic(prefix + "total-addresses");
        assignedAddresses = registry.statistic(prefix + "assigned-addresses");
        declinedAddresses = registry.statistic(prefix + "declined-addresses");
        cumulativeAssignedAddresses = registry.statistic(prefix + "cumulative-assigned-addresses");
        reclaimedLeases = registry.statistic(prefix + "reclaimed-leases");
        reclaimedDeclinedAddresses = registry.statistic(prefix + "reclaimed-declined-addresses");
    }

    /** The counters of subnet {@code subnetId}. */
    public static AddressStatistics ofSubnet(StatisticsRegistry registry, long subnetId) {
        return new AddressStatistics(registry, subnetPrefix(subnetId));
    }

    /** The counters of pool {@code poolIndex} (0-based, in configuration order) of subnet {@code subnetId}. */
    public static AddressStatistics ofPool(StatisticsRegistry registry, long subnetId, int poolIndex) {
        return new AddressStatistics(registry, subnetPrefix(subnetId) + "pool[" + poolIndex + "].");
    }

    /** {@code subnet[ID].} */
    public static String subnetPrefix(long subnetId) {
        return "subnet[" + subnetId + "].";
    }
}

package dev.nestor.server.engine;

import dev.nestor.server.stats.AddressStatistics;
import dev.nestor.server.stats.StatisticsRegistry;
import dev.nestor.server.stats.SubnetStatistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the DHCPv4 engine needs from a configuration, resolved and indexed: built once per (re)configuration
 * from the validated config model and then only read (apart from the allocator's cursors).
 *
 * @param subnets               every subnet, ascending ID order (shared-network subnets included)
 * @param networks              the shared networks
 * @param globalOptions         global {@code option-data}
 * @param serverIdentifiers     every configured {@code dhcp-server-identifier} value (option 54 acceptance)
 * @param echoClientId          {@code echo-client-id}
 * @param declineProbation      {@code decline-probation-period}, seconds
 * @param reclaim               expired-lease processing settings
 */
public record EnginePlan(List<SubnetPlan> subnets, List<NetworkPlan> networks, OptionSet globalOptions,
                         int[] serverIdentifiers, boolean echoClientId, long declineProbation,
                         ReclaimSettings reclaim) {
    public EnginePlan {
        List<SubnetPlan> sorted = new ArrayList<>(subnets);
        sorted.sort(Comparator.comparingLong(SubnetPlan::id));
        subnets = List.copyOf(sorted);
        networks = List.copyOf(networks);
        serverIdentifiers = serverIdentifiers.clone();
    }

    /**
     * Expired-lease processing.
     *
     * @param reclaimTimerWaitSeconds pause between reclamation runs, 0 = none
     * @param holdReclaimedSeconds    0: reclaimed leases are deleted; otherwise kept in state expired-reclaimed
     * @param maxReclaimLeases        bound per run, 0 = none
     * @param maxReclaimMillis        time bound per run, 0 = none
     * @param flushWaitSeconds        pause between flushes of old reclaimed leases, 0 = none
     */
    public record ReclaimSettings(long reclaimTimerWaitSeconds, long holdReclaimedSeconds, long maxReclaimLeases,
                                  long maxReclaimMillis, long flushWaitSeconds) {
        /** Kea's defaults. */
        public static ReclaimSettings defaults() {
            return new ReclaimSettings(10, 3600, 100, 250, 25);
        }
    }

    /** The subnet with this ID, or null. */
    public SubnetPlan subnet(long id) {
        for (SubnetPlan subnet : subnets) {
            if (subnet.id() == id) {
                return subnet;
            }
        }
        return null;
    }

    /** Every pool of every subnet that holds {@code address} (pools may overlap across subnets). */
    public List<PoolPlan> poolsHolding(int address) {
        List<PoolPlan> found = new ArrayList<>(1);
        for (SubnetPlan subnet : subnets) {
            if (subnet.contains(address)) {
                PoolPlan pool = subnet.poolOf(address);
                if (pool != null) {
                    found.add(pool);
                }
            }
        }
        return found;
    }

    /**
     * Creates the per-subnet and per-pool statistics in {@code registry} (dropping those of a previous
     * configuration) and sets {@code total-addresses}.
     */
    public void bindStatistics(StatisticsRegistry registry) {
        registry.removeByPrefix("subnet[");
        for (SubnetPlan subnet : subnets) {
            SubnetStatistics subnetStatistics = new SubnetStatistics(registry, subnet.id());
            subnet.bindStatistics(subnetStatistics);
            subnetStatistics.addresses.totalAddresses.set(subnet.totalAddresses());
            for (PoolPlan pool : subnet.pools()) {
                AddressStatistics poolStatistics = AddressStatistics.ofPool(registry, subnet.id(), pool.poolIndex());
                pool.bindStatistics(poolStatistics);
                poolStatistics.totalAddresses.set(pool.size());
            }
        }
    }

    /** Whether {@code address} is a configured server identifier. */
    public boolean isConfiguredServerIdentifier(int address) {
        for (int id : serverIdentifiers) {
            if (id == address) {
                return true;
            }
        }
        return false;
    }
}

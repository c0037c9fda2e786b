package dev.nestor.server.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One shared network: its subnets in ascending ID order, and where allocation last succeeded. */
public final class NetworkPlan {
    private final String name;
    private final List<SubnetPlan> subnets;
    private volatile SubnetPlan lastAllocated;

    /** A network named {@code name} over {@code subnets} (sorted here by ID); links each subnet back to it. */
    public NetworkPlan(String name, List<SubnetPlan> subnets) {
        this.name = name;
        List<SubnetPlan> sorted = new ArrayList<>(subnets);
        sorted.sort(Comparator.comparingLong(SubnetPlan::id));
        this.subnets = List.copyOf(sorted);
        this.subnets.forEach(subnet -> subnet.network(this));
    }

    public String name() {
        return name;
    }

    /** Subnets in ascending ID order. */
    public List<SubnetPlan> subnets() {
        return subnets;
    }

    SubnetPlan lastAllocated() {
        return lastAllocated;
    }

    void lastAllocated(SubnetPlan subnet) {
        lastAllocated = subnet;
    }
}

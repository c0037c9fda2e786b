package dev.nestor.server.engine;

import dev.nestor.server.stats.SubnetStatistics;
import java.util.List;

/**
 * One {@code subnet4} as the engine serves it, with every inherited parameter resolved.
 */
public final class SubnetPlan {
    private final long id;
    private final int prefix;
    private final int prefixLength;
    private final int mask;
    private final List<PoolPlan> pools;
    private final int[] relayAddresses;
    private final String interfaceName;
    private final String clientClass;
    private final LeaseParameters parameters;
    private final OptionSet options;
    private final int nextServer;
    private final byte[] serverHostname;
    private final byte[] bootFileName;
    private List<HostPlan> hosts = List.of();
    private java.util.Map<Integer, HostPlan> hostsByAddress = java.util.Map.of();
    private NetworkPlan network;
    private SubnetStatistics statistics;
    /** Pool where the iterative allocator continues (Kea's per-subnet "last allocated"). */
    private volatile int currentPool;

    /**
     * @param relayAddresses the subnet's own {@code relay.ip-addresses}, or the network's when the subnet lists none
     * @param interfaceName  the subnet's {@code interface} (or its network's), null when unset
     * @param clientClass    the subnet's {@code client-class}, null when unrestricted
     * @param options        effective options for the subnet itself (subnet over network over global)
     */
    public SubnetPlan(long id, int prefix, int prefixLength, List<PoolPlan> pools, int[] relayAddresses,
                      String interfaceName, String clientClass, LeaseParameters parameters, OptionSet options,
                      int nextServer, byte[] serverHostname, byte[] bootFileName) {
        this.id = id;
        this.prefixLength = prefixLength;
        this.mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        this.prefix = prefix & mask;
        this.pools = List.copyOf(pools);
        this.relayAddresses = relayAddresses.clone();
        this.interfaceName = interfaceName;
        this.clientClass = clientClass;
        this.parameters = parameters;
        this.options = options;
        this.nextServer = nextServer;
        this.serverHostname = serverHostname.clone();
        this.bootFileName = bootFileName.clone();
    }

    public long id() {
        return id;
    }

    /** Network address (unsigned int). */
    public int prefix() {
        return prefix;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** Netmask as an int (option 1). */
    public int mask() {
        return mask;
    }

    /** Whether the prefix holds {@code address}. */
    public boolean contains(int address) {
        return (address & mask) == prefix;
    }

    public List<PoolPlan> pools() {
        return pools;
    }

    /** The pool holding {@code address}, or null. */
    public PoolPlan poolOf(int address) {
        for (PoolPlan pool : pools) {
            if (pool.contains(address)) {
                return pool;
            }
        }
        return null;
    }

    /** Whether {@code address} is one of this subnet's relay addresses. */
    public boolean hasRelay(int address) {
        for (int relay : relayAddresses) {
            if (relay == address) {
                return true;
            }
        }
        return false;
    }

    public String interfaceName() {
        return interfaceName;
    }

    public String clientClass() {
        return clientClass;
    }

    public LeaseParameters parameters() {
        return parameters;
    }

    public OptionSet options() {
        return options;
    }

    /** {@code next-server} (siaddr), 0 when unset. */
    public int nextServer() {
        return nextServer;
    }

    /** {@code server-hostname} bytes (sname), possibly empty. The array must not be modified. */
    public byte[] serverHostname() {
        return serverHostname;
    }

    /** {@code boot-file-name} bytes (file), possibly empty. The array must not be modified. */
    public byte[] bootFileName() {
        return bootFileName;
    }

    /** Sets the subnet's host reservations (done once while the plan is built). */
    public void reservations(List<HostPlan> reservations) {
        hosts = List.copyOf(reservations);
        java.util.Map<Integer, HostPlan> byAddress = new java.util.HashMap<>();
        for (HostPlan host : hosts) {
            if (host.address() != 0) {
                byAddress.putIfAbsent(host.address(), host);
            }
        }
        hostsByAddress = byAddress;
    }

    /** The client's reservation in this subnet, or null. */
    public HostPlan hostFor(ClientIdentity client) {
        if (hosts.isEmpty()) {
            return null;
        }
        for (HostPlan host : hosts) {
            if (host.identifierType().equals("hw-address") && host.matches(client)) {
                return host;
            }
        }
        for (HostPlan host : hosts) {
            if (host.matches(client)) {
                return host;
            }
        }
        return null;
    }

    /** Whether {@code address} is reserved in this subnet for someone other than {@code client}. */
    public boolean reservedForOther(int address, ClientIdentity client) {
        if (hostsByAddress.isEmpty()) {
            return false;
        }
        HostPlan host = hostsByAddress.get(address);
        return host != null && !host.matches(client);
    }

    /** The shared network, or null. */
    public NetworkPlan network() {
        return network;
    }

    /** Statistics of this subnet. */
    public SubnetStatistics statistics() {
        return statistics;
    }

    /** Total addresses in all pools. */
    public long totalAddresses() {
        long total = 0;
        for (PoolPlan pool : pools) {
            total += pool.size();
        }
        return total;
    }

    int currentPool() {
        return currentPool;
    }

    void currentPool(int poolIndex) {
        currentPool = poolIndex;
    }

    void network(NetworkPlan sharedNetwork) {
        this.network = sharedNetwork;
    }

    void bindStatistics(SubnetStatistics subnetStatistics) {
        this.statistics = subnetStatistics;
    }
}

package dev.nestor.server;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.ExpiredLeasesProcessing;
import dev.nestor.config.LeaseDatabase;
import dev.nestor.config.OptionData;
import dev.nestor.config.Pool4;
import dev.nestor.config.Reservation4;
import dev.nestor.config.SharedNetwork4;
import dev.nestor.config.Subnet4;
import dev.nestor.lease.Durability;
import dev.nestor.lease.Identifier;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.HostPlan;
import dev.nestor.server.engine.LeaseParameters;
import dev.nestor.server.engine.NetworkPlan;
import dev.nestor.server.engine.OptionSet;
import dev.nestor.server.engine.PoolPlan;
import dev.nestor.server.engine.SubnetPlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated {@link Dhcp4Config} into what the server runs: the {@link EnginePlan} (inheritance resolved,
 * options merged per pool, pools indexed) and the {@link ServerSetup} knobs, plus the memfile settings of
 * {@code lease-database}.
 */
public final class SetupBuilder {
    private static final org.slf4j.Logger UNENFORCED = org.slf4j.LoggerFactory.getLogger("kea-dhcp4.dhcp4");

    /** Kea's default lease file (used when {@code lease-database.name} is absent). */
    public static final Path DEFAULT_LEASE_FILE = Path.of("/var/lib/kea/kea-leases4.csv");

    private SetupBuilder() {
    }

    /** The server setup of {@code config}. */
    public static ServerSetup setup(Dhcp4Config config) {
        return new ServerSetup(plan(config), config.interfacesConfig().interfaces(),
                config.multiThreading().enabled(), config.multiThreading().threadPoolSize(),
                config.multiThreading().packetQueueSize(), (int) Math.min(Integer.MAX_VALUE,
                config.parkedPacketLimit()));
    }

    /** The memfile settings of {@code lease-database}, with the given durability mode. */
    public static MemfileSettings memfile(Dhcp4Config config, Durability durability) {
        LeaseDatabase database = config.leaseDatabase();
        if (!database.persist()) {
            return MemfileSettings.inMemory().withDurability(durability);
        }
        Path path = database.name() == null ? DEFAULT_LEASE_FILE : Path.of(database.name());
        return new MemfileSettings(true, path, database.lfcIntervalSeconds(), database.maxRowErrors(), durability);
    }

    /** The engine plan of {@code config}. */
    public static EnginePlan plan(Dhcp4Config config) {
        OptionSet global = options(config.options());
        Set<Integer> serverIds = new LinkedHashSet<>();
        collectServerIds(config.options(), serverIds);
        config.clientClasses().forEach(c -> collectServerIds(c.options(), serverIds));
        Map<String, List<SubnetPlan>> byNetwork = new HashMap<>();
        List<SubnetPlan> subnets = new ArrayList<>();
        for (Subnet4 subnet : config.subnets()) {
            collectServerIds(subnet.options(), serverIds);
            OptionSet subnetOptions = options(subnet.options()).over(global);
            List<PoolPlan> pools = new ArrayList<>();
            int index = 0;
            for (Pool4 pool : subnet.pools()) {
                if (!pool.clientClasses().isEmpty()) {
                    // said at every (re)configuration: an operator must not believe the pool is reserved
                    UNENFORCED.warn("pool {}-{} of subnet {} is restricted to client classes {}: Nestor does not "
                            + "enforce pool client classes yet, every client of the subnet may get an address from it",
                            dev.nestor.config.Addresses.v4ToString(pool.first()), dev.nestor.config.Addresses.v4ToString(pool.last()), subnet.id(), pool.clientClasses());
                }
                collectServerIds(pool.options(), serverIds);
                pools.add(new PoolPlan(pool.first(), pool.last(), index++, options(pool.options()).over(subnetOptions)));
            }
            int[] relays = subnet.relayAddresses().stream().mapToInt(Integer::intValue).toArray();
            SubnetPlan plan = new SubnetPlan(subnet.id(), subnet.prefix(), subnet.prefixLength(), pools, relays,
                    subnet.interfaceName().orElse(null), subnet.clientClass().or(subnet::networkClientClass)
                    .orElse(null), parameters(subnet), subnetOptions, subnet.nextServer(),
                    subnet.serverHostname().getBytes(StandardCharsets.UTF_8),
                    subnet.bootFileName().getBytes(StandardCharsets.UTF_8));
            plan.reservations(hosts(subnet.reservations()));
            subnets.add(plan);
            subnet.sharedNetwork().ifPresent(name -> byNetwork.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(plan));
        }
        List<NetworkPlan> networks = new ArrayList<>();
        for (SharedNetwork4 network : config.sharedNetworks()) {
            List<SubnetPlan> members = byNetwork.getOrDefault(network.name(), List.of());
            if (!members.isEmpty()) {
                networks.add(new NetworkPlan(network.name(), members));
            }
        }
        ExpiredLeasesProcessing expired = config.expiredLeasesProcessing();
        EnginePlan.ReclaimSettings reclaim = new EnginePlan.ReclaimSettings(expired.reclaimTimerWaitTimeSeconds(),
                expired.holdReclaimedTimeSeconds(), expired.maxReclaimLeases(), expired.maxReclaimTimeMs(),
                expired.flushReclaimedTimerWaitTimeSeconds());
        return new EnginePlan(subnets, networks, global, serverIds.stream().mapToInt(Integer::intValue).toArray(),
                config.echoClientId(), config.declineProbationPeriod(), reclaim);
    }

    /** In-subnet reservations keyed on hw-address or client-id (the identifiers the engine matches today). */
    private static List<HostPlan> hosts(List<Reservation4> reservations) {
        List<HostPlan> hosts = new ArrayList<>();
        for (Reservation4 reservation : reservations) {
            String type = reservation.identifier().type();
            if (!type.equals("hw-address") && !type.equals("client-id")) {
                continue;
            }
            hosts.add(new HostPlan(type, Identifier.of(reservation.identifier().value()),
                    reservation.ipAddress().orElse(0), reservation.hostname().getBytes(StandardCharsets.UTF_8),
                    options(reservation.options()), reservation.nextServer().map(Integer::toUnsignedLong).orElse(-1L),
                    reservation.serverHostname().map(n -> n.getBytes(StandardCharsets.UTF_8)).orElse(null),
                    reservation.bootFileName().map(n -> n.getBytes(StandardCharsets.UTF_8)).orElse(null)));
        }
        return hosts;
    }

    private static LeaseParameters parameters(Subnet4 subnet) {
        return new LeaseParameters(subnet.validLifetime().min(), subnet.validLifetime().value(),
                subnet.validLifetime().max(), subnet.renewTimer().orElse(-1), subnet.rebindTimer().orElse(-1),
                subnet.calculateTeeTimes(), subnet.t1Percent(), subnet.t2Percent(),
                subnet.cacheThreshold().orElse(Double.NaN), subnet.cacheMaxAge().orElse(-1),
                subnet.matchClientId(), subnet.authoritative());
    }

    /** Options of space dhcp4 (other spaces are carried inside their encapsulating option by the config). */
    private static OptionSet options(List<OptionData> list) {
        OptionSet.Builder builder = OptionSet.builder();
        for (OptionData option : list) {
            if (option.space().equals("dhcp4") && option.code() > 0 && option.code() < 255) {
                builder.add(option.code(), option.payload(), option.alwaysSend());
            }
        }
        return builder.build();
    }

    private static void collectServerIds(List<OptionData> list, Set<Integer> into) {
        for (OptionData option : list) {
            if (option.space().equals("dhcp4") && option.code() == 54 && option.length() == 4) {
                byte[] b = option.payload();
                into.add(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
            }
        }
    }
}

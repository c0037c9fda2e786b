package dev.nestor.control;

import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.commands.SubnetCatalog4;
import dev.nestor.control.engine.ConfigurationService;
import dev.nestor.control.engine.NetworkState;
import dev.nestor.control.engine.ServerStatus;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.HttpControlListener;
import dev.nestor.control.transport.HttpListenerSettings;
import dev.nestor.control.transport.UnixControlListener;
import dev.nestor.json.JsonObject;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.stats.StatisticsRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A control channel wired to real parts: a persistent memfile lease store in a temp directory, a
 * statistics registry, two subnets, Kea's network state, both listeners. Lease reclamation is done
 * over the store here because the engine's reclamation is not part of this module.
 */
final class TestServer implements AutoCloseable {

    static final SubnetCatalog4.Subnet SUBNET_1 = new SubnetCatalog4.Subnet(1, 0xc0000200, 24, 4000,
            JsonObject.builder().put("id", 1).put("subnet", "192.0.2.0/24").put("valid-lifetime", 4000).build());
    static final SubnetCatalog4.Subnet SUBNET_2 = new SubnetCatalog4.Subnet(2, 0xc6336400, 24, 4000,
            JsonObject.builder().put("id", 2).put("subnet", "198.51.100.0/24").build());

    final Clock clock = Clock.systemUTC();
    final MemfileLeaseStore4 store;
    final StatisticsRegistry statistics = new StatisticsRegistry(clock);
    final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    final NetworkState networkState = new NetworkState(timers);
    final AtomicInteger shutdownValue = new AtomicInteger(-1);
    final AtomicReference<SubnetCatalog4> subnets = new AtomicReference<>(SubnetCatalog4.of(List.of(SUBNET_1, SUBNET_2)));
    final ControlService control;
    final UnixControlListener unix;
    final HttpControlListener http;
    final long started = System.nanoTime();

    TestServer(Path directory, ConfigurationService configuration) throws Exception {
        this(directory, configuration, null);
    }

    /** With {@code liveSubnets}, lease and subnet commands follow that configuration instead of the two fixed subnets. */
    TestServer(Path directory, ConfigurationService configuration, java.util.function.Supplier<SubnetCatalog4> liveSubnets)
            throws Exception {
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")), clock);
        ControlService.Builder builder = ControlService.builder()
                .identity(ServerIdentity.nestor("test"))
                .shutdown(shutdownValue::set)
                .clock(clock)
                .leaseStore(store)
                .subnets(liveSubnets != null ? liveSubnets : subnets::get)
                .statistics(statistics)
                .engine(this::status, networkState, this::reclaim);
        if (configuration != null) {
            builder.configuration(configuration);
        }
        control = builder.build();
        unix = control.openUnix(directory.resolve("kea4.sock"), ControlLimits.DEFAULTS);
        http = control.openHttp(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS);
    }

    private ServerStatus status() {
        long uptime = (System.nanoTime() - started) / 1_000_000_000L;
        return new ServerStatus(ProcessHandle.current().pid(), uptime, uptime, false, OptionalInt.empty(),
                OptionalInt.empty(), List.of(), "ready", List.of());
    }

    private void reclaim(boolean remove) throws Exception {
        long now = clock.instant().getEpochSecond();
        for (Lease4 lease : store.getExpired(now, 0)) {
            if (remove) {
                store.delete(lease.address());
            } else {
                store.update(lease.toBuilder().state(LeaseState.EXPIRED_RECLAIMED).build());
            }
        }
    }

    Path socket() {
        return unix.path();
    }

    InetSocketAddress httpAddress() {
        return http.localAddress();
    }

    @Override
    public void close() {
        control.close();
        timers.shutdownNow();
        store.close();
    }
}

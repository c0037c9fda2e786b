package dev.nestor.server.engine;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.stats.Dhcp4Statistics;
import dev.nestor.server.stats.StatisticsRegistry;
import dev.nestor.server.testing.Plans;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The allocation engine over a real (in-memory) memfile store with a controlled clock. */
class LeaseEngineTest {
    /** A clock tests move forward by hand. */
    static final class ManualClock extends Clock {
        private volatile long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

        void advanceSeconds(long seconds) {
            millis += seconds * 1000;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StatisticsRegistry registry = new StatisticsRegistry(clock);
    private final Dhcp4Statistics statistics = new Dhcp4Statistics(registry);
    private MemfileLeaseStore4 store;
    private LeaseEngine engine;

    private LeaseEngine engine(EnginePlan plan) throws Exception {
        store = MemfileLeaseStore4.open(MemfileSettings.inMemory(), clock);
        engine = new LeaseEngine(store, clock, statistics);
        plan.bindStatistics(registry);
        engine.install(plan);
        return engine;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static ClientIdentity client(int n) {
        byte[] hardware = mac(n);
        byte[] clientId = new byte[7];
        clientId[0] = 1;
        System.arraycopy(hardware, 0, clientId, 1, 6);
        return new ClientIdentity(1, Identifier.of(hardware), Identifier.of(clientId), n);
    }

    private static LeaseParameters lifetime(long seconds, double cacheThreshold) {
        return new LeaseParameters(seconds, seconds, seconds, -1, -1, false, 0.5, 0.875, cacheThreshold, -1, true,
                false);
    }

    private Allocation.Granted request(SubnetPlan subnet, int n, int hint) throws Exception {
        return (Allocation.Granted) engine.request(client(n), List.of(subnet), hint, 0);
    }

    @Test
    void cachedLeaseIsReturnedWithTheRemainingLifetimeAndNotWritten() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.10", "10.0.0.20", lifetime(2000, 0.25));
        engine(Plans.plan(subnet, 86400));
        Lease4 first = request(subnet, 1, 0).lease();
        clock.advanceSeconds(400);
        Allocation.Granted again = request(subnet, 1, first.address());
        assertThat(again.cached()).isTrue();
        assertThat(again.written()).isFalse();
        assertThat(again.lifetimeSent()).isEqualTo(1600);
        assertThat(store.get(first.address()).orElseThrow().cltt()).isEqualTo(first.cltt());
        clock.advanceSeconds(200);
        Allocation.Granted renewed = request(subnet, 1, first.address());
        assertThat(renewed.cached()).isFalse();
        assertThat(renewed.lifetimeSent()).isEqualTo(2000);
        assertThat(store.get(first.address()).orElseThrow().cltt()).isEqualTo(first.cltt() + 600);
    }

    @Test
    void expiredLeaseOfAnotherClientIsReusedWhenThePoolIsFull() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.10", "10.0.0.10", lifetime(10, Double.NaN));
        engine(Plans.plan(subnet, 86400));
        int address = request(subnet, 1, 0).lease().address();
        assertThat(engine.request(client(2), List.of(subnet), 0, 0)).isInstanceOf(Allocation.Failed.class);
        clock.advanceSeconds(20);
        Allocation.Granted reused = request(subnet, 2, 0);
        assertThat(reused.lease().address()).isEqualTo(address);
        assertThat(reused.lease().hardwareAddress().toByteArray()).isEqualTo(mac(2));
        assertThat(registry.value("reclaimed-leases")).isEqualTo(1);
        assertThat(registry.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(registry.value("subnet[1].cumulative-assigned-addresses")).isEqualTo(2);
    }

    @Test
    void reclamationDeletesExpiredLeasesAndEndsDeclineProbation() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.10", "10.0.0.20", lifetime(100, Double.NaN));
        engine(Plans.plan(subnet, 50));
        int expiring = request(subnet, 1, 0).lease().address();
        int declined = request(subnet, 2, 0).lease().address();
        engine.decline(client(2), declined, 50);
        assertThat(registry.value("declined-addresses")).isEqualTo(1);
        assertThat(store.get(declined).orElseThrow().state()).isEqualTo(LeaseState.DECLINED);
        clock.advanceSeconds(60);
        assertThat(engine.reclaimExpired(100, 0, 0)).isEqualTo(1);
        assertThat(store.get(declined)).isEmpty();
        assertThat(registry.value("declined-addresses")).isZero();
        assertThat(registry.value("reclaimed-declined-addresses")).isEqualTo(1);
        clock.advanceSeconds(60);
        assertThat(engine.reclaimExpired(100, 0, 0)).isEqualTo(1);
        assertThat(store.get(expiring)).isEmpty();
        assertThat(registry.value("subnet[1].assigned-addresses")).isZero();
        assertThat(registry.value("reclaimed-leases")).isEqualTo(2);
    }

    @Test
    void sharedNetworkMovesToTheNextSubnetWhenOneIsFull() throws Exception {
        LeaseParameters parameters = lifetime(4000, Double.NaN);
        OptionSet options = Plans.standardOptions();
        SubnetPlan one = new SubnetPlan(1, ip("10.1.0.0"), 16, List.of(new PoolPlan(ip("10.1.0.1"), ip("10.1.0.1"),
                0, options)), new int[]{ip("127.0.0.1")}, null, null, parameters, options, 0, new byte[0],
                new byte[0]);
        SubnetPlan two = new SubnetPlan(2, ip("10.2.0.0"), 16, List.of(new PoolPlan(ip("10.2.0.1"), ip("10.2.0.2"),
                0, options)), new int[]{ip("127.0.0.1")}, null, null, parameters, options, 0, new byte[0],
                new byte[0]);
        NetworkPlan network = new NetworkPlan("floor", List.of(one, two));
        engine(new EnginePlan(List.of(one, two), List.of(network), options, new int[0], true, 86400,
                EnginePlan.ReclaimSettings.defaults()));
        List<SubnetPlan> subnets = LeaseEngine.usableSubnets(one, name -> false);
        assertThat(subnets).containsExactly(one, two);
        List<Integer> addresses = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            addresses.add(((Allocation.Granted) engine.request(client(n), subnets, 0, 0)).lease().address());
        }
        assertThat(addresses).containsExactlyInAnyOrder(ip("10.1.0.1"), ip("10.2.0.1"), ip("10.2.0.2"));
        assertThat(engine.request(client(4), subnets, 0, 0)).isInstanceOf(Allocation.Failed.class);
        assertThat(registry.value("v4-allocation-fail-shared-network")).isEqualTo(1);
    }

    @Test
    void requestedLifetimeIsClampedAndRequestingAForeignAddressFails() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.10", "10.0.0.20",
                new LeaseParameters(100, 200, 300, -1, -1, false, 0.5, 0.875, Double.NaN, -1, true, false));
        engine(Plans.plan(subnet, 86400));
        Allocation.Granted granted = (Allocation.Granted) engine.request(client(1), List.of(subnet), 0, 5000);
        assertThat(granted.lifetimeSent()).isEqualTo(300);
        assertThat(((Allocation.Granted) engine.request(client(2), List.of(subnet), 0, 10)).lifetimeSent())
                .isEqualTo(100);
        Allocation foreign = engine.request(client(3), List.of(subnet), granted.lease().address(), 0);
        assertThat(foreign).isEqualTo(new Allocation.Failed(false, false));
        Allocation outside = engine.request(client(3), List.of(subnet), ip("10.0.0.99"), 0);
        assertThat(outside).isEqualTo(new Allocation.Failed(true, false));
    }

    @Test
    void concurrentClientsNeverShareAnAddress() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.0", "10.0.15.255", lifetime(4000, Double.NaN));
        engine(Plans.plan(subnet, 86400));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int base = thread * 500;
            results.add(pool.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (int n = base; n < base + 500; n++) {
                    Allocation offered = engine.offer(client(n), List.of(subnet), 0, 0);
                    int hint = offered instanceof Allocation.Granted g ? g.lease().address() : 0;
                    got.add(((Allocation.Granted) engine.request(client(n), List.of(subnet), hint, 0)).lease()
                            .address());
                }
                return got;
            }));
        }
        Set<Integer> unique = Collections.synchronizedSet(new HashSet<>());
        int total = 0;
        for (Future<List<Integer>> result : results) {
            for (int address : result.get()) {
                unique.add(address);
                total++;
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(4000);
        assertThat(unique).hasSize(4000);
        assertThat(store.count()).isEqualTo(4000);
        assertThat(registry.value("subnet[1].assigned-addresses")).isEqualTo(4000);
    }

    @Test
    void leasesWrittenFromOutsideKeepPoolsAndCountersInStep() throws Exception {
        SubnetPlan subnet = Plans.subnet("10.0.0.10", "10.0.0.11", lifetime(4000, Double.NaN));
        engine(Plans.plan(subnet, 86400));
        Lease4 outside = Lease4.builder(ip("10.0.0.10")).hardwareAddress(Identifier.of(mac(9))).validLifetime(4000)
                .cltt(clock.millis() / 1000).subnetId(1).build();
        assertThat(engine.addLease(outside)).isTrue();
        assertThat(engine.addLease(outside)).isFalse();
        assertThat(registry.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(request(subnet, 1, 0).lease().address()).isEqualTo(ip("10.0.0.11"));
        assertThat(engine.request(client(2), List.of(subnet), 0, 0)).isInstanceOf(Allocation.Failed.class);
        assertThat(engine.updateLease(outside.toBuilder().state(LeaseState.DECLINED).build())).isTrue();
        assertThat(registry.value("subnet[1].declined-addresses")).isEqualTo(1);
        assertThat(engine.deleteLease(ip("10.0.0.10"))).isPresent();
        assertThat(registry.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(registry.value("subnet[1].declined-addresses")).isZero();
        assertThat(registry.value("declined-addresses")).isZero();
        assertThat(request(subnet, 2, 0).lease().address()).isEqualTo(ip("10.0.0.10"));
    }
}

package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.LeaseChanges4;
import dev.nestor.control.engine.NetworkState;
import dev.nestor.control.engine.ServerStatus;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.lease.Identifier;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.SetupBuilder;
import dev.nestor.server.engine.Allocation;
import dev.nestor.server.engine.ClientIdentity;
import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.LeaseEngine;
import dev.nestor.server.stats.Dhcp4Statistics;
import dev.nestor.server.stats.StatisticsRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease commands wired to the real allocation engine: a lease added, deleted or wiped by command
 * changes what the allocator may hand out, and the engine keeps the address statistics.
 */
class EngineLeaseCommandsTest {

    @TempDir
    Path directory;

    private MemfileLeaseStore4 store;
    private ScheduledExecutorService timers;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
    }

    private static String call(ControlService control, String command) {
        return control.channel().handleUnix(command.getBytes(StandardCharsets.UTF_8));
    }

    private static long result(String answer) throws Exception {
        return ((JsonNumber) ((JsonObject) JsonParser.parseStrict(answer)).get("result")).longValue();
    }

    @Test
    void commandsKeepTheAllocatorInStep() throws Exception {
        Path file = directory.resolve("kea-dhcp4.conf");
        Files.writeString(file, """
                { "Dhcp4": { "interfaces-config": { "interfaces": [] }, "valid-lifetime": 4000,
                  "expired-leases-processing": { "hold-reclaimed-time": 3600 },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.10" } ] } ] } }
                """);
        var loaded = ConfigLoader.loadDhcp4(file);
        Dhcp4Config config = loaded.config();
        Clock clock = Clock.systemUTC();
        StatisticsRegistry registry = new StatisticsRegistry(clock);
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")), clock);
        LeaseEngine engine = new LeaseEngine(store, clock, new Dhcp4Statistics(registry));
        EnginePlan plan = SetupBuilder.plan(config);
        plan.bindStatistics(registry);
        engine.install(plan);
        timers = Executors.newSingleThreadScheduledExecutor();
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, file, next -> { });
        ControlService control = ControlService.builder()
                .identity(ServerIdentity.nestor("test"))
                .leaseEngine(engine)
                .subnets(configuration::subnets)
                .statistics(registry)
                .engine(() -> new ServerStatus(1, 0, 0, false, OptionalInt.empty(), OptionalInt.empty(), List.of(),
                        "ready", List.of()), new NetworkState(timers), LeaseChanges4.reclamation(engine, () -> 3600))
                .configuration(configuration)
                .build();
        ClientIdentity client = new ClientIdentity(1, Identifier.parseHex("00:0c:01:02:03:04"),
                Identifier.parseHex("01:00:0c:01:02:03:04"), 7);

        assertThat(result(call(control, "{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.10\","
                + " \"hw-address\": \"0a:0b:0c:0d:0e:0f\"}}"))).isZero();
        assertThat(registry.value("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(engine.request(client, plan.subnets(), 0, 0))
                .as("the only pool address is taken by the command's lease").isInstanceOf(Allocation.Failed.class);

        assertThat(result(call(control, "{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"192.0.2.10\"}}")))
                .isZero();
        assertThat(registry.value("subnet[1].assigned-addresses")).isZero();
        Allocation granted = engine.request(client, plan.subnets(), 0, 0);
        assertThat(granted).isInstanceOf(Allocation.Granted.class);
        assertThat(((Allocation.Granted) granted).lease().addressText()).isEqualTo("192.0.2.10");

        assertThat(call(control, "{\"command\": \"lease4-wipe\", \"arguments\": {\"subnet-id\": 1}}"))
                .contains("Deleted 1 IPv4 lease(s) from subnet(s) 1");
        ClientIdentity other = new ClientIdentity(1, Identifier.parseHex("00:0c:01:02:03:05"),
                Identifier.parseHex("01:00:0c:01:02:03:05"), 8);
        assertThat(engine.request(other, plan.subnets(), 0, 0)).isInstanceOf(Allocation.Granted.class);

        // an expired lease reclaimed by command goes through the engine too
        assertThat(result(call(control, "{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\": \"192.0.2.10\","
                + " \"hw-address\": \"00:0c:01:02:03:05\", \"expire\": 1000000, \"valid-lft\": 10}}"))).isZero();
        assertThat(call(control, "{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": false}}"))
                .contains("Reclamation of expired leases is complete.");
        assertThat(store.get(Integer.parseUnsignedInt("3221225994")).orElseThrow().state().code()).isEqualTo(2);
        assertThat(registry.value("reclaimed-leases")).isEqualTo(1);
    }
}

package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.ServerAdapters;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Ports;
import dev.nestor.server.SetupBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command set wired to a running nestor-server Dhcp4Server on loopback through {@link ServerAdapters}. */
class ServerAdaptersTest {

    private static final String CONFIG = """
            { "Dhcp4": { "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ] }, "valid-lifetime": 4000,
              "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ] } }
            """;

    @TempDir
    Path directory;

    private MemfileLeaseStore4 store;
    private Dhcp4Server server;
    private ControlService control;

    @AfterEach
    void stop() {
        if (control != null) {
            control.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private String call(String command) {
        return control.channel().handleUnix(command.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandsDriveTheRunningServer() throws Exception {
        Path file = directory.resolve("kea-dhcp4.conf");
        Files.writeString(file, CONFIG);
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.loadDhcp4(file);
        Clock clock = Clock.systemUTC();
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")), clock);
        server = Dhcp4Server.start(SetupBuilder.setup(loaded.config()), store, new Ports(0, 0), clock);
        AtomicReference<Instant> lastReload = new AtomicReference<>(clock.instant());
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, file,
                ServerAdapters.applier(server, lastReload, clock));
        control = ControlService.builder()
                .identity(ServerIdentity.nestor("test"))
                .leaseEngine(server.leaseEngine())
                .subnets(configuration::subnets)
                .statistics(server.statistics())
                .engine(ServerAdapters.status(server, clock.instant(), lastReload, clock),
                        ServerAdapters.serviceSwitch(server.serviceState()), ServerAdapters.reclamation(server))
                .configuration(configuration)
                .build();

        assertThat(call("{\"command\": \"dhcp-disable\"}")).contains("DHCPv4 service disabled");
        assertThat(server.serviceState().enabled()).isFalse();
        assertThat(call("{\"command\": \"dhcp-enable\"}")).contains("successfully enabled");
        assertThat(server.serviceState().enabled()).isTrue();

        assertThat(call("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.15\","
                + " \"hw-address\": \"01:02:03:04:05:06\"}}")).contains("\"result\":0");
        assertThat(server.statistics().value("subnet[1].assigned-addresses")).isEqualTo(1);

        String set = call("{\"command\": \"config-set\", \"arguments\": " + CONFIG.replace("\"valid-lifetime\": 4000,",
                "\"valid-lifetime\": 600, \"expired-leases-processing\": { \"hold-reclaimed-time\": 60 },")
                .replace("] } ] } }", "] }, { \"id\": 7, \"subnet\": \"203.0.113.0/24\" } ] } }") + "}");
        assertThat(set).contains("Configuration successful.");
        assertThat(server.setup().plan().subnet(7)).isNotNull();
        assertThat(store.count()).as("leases survive the new configuration").isEqualTo(1);
        assertThat(server.statistics().value("subnet[1].assigned-addresses")).isEqualTo(1);

        String refused = call("{\"command\": \"config-set\", \"arguments\": {\"Dhcp4\": {\"subnet4\": [{\"id\": 1,"
                + " \"subnet\": \"192.0.2.0/24\", \"pools\": [{\"pool\": \"10.0.0.1-10.0.0.2\"}]}]}}}");
        assertThat(refused).contains("\"result\":1");
        assertThat(server.setup().plan().subnet(7)).as("the old configuration keeps serving").isNotNull();

        assertThat(call("{\"command\": \"status-get\"}")).contains("\"pid\":" + ProcessHandle.current().pid())
                .contains("\"sockets\":{\"status\":\"ready\"}");
        assertThat(call("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}"))
                .contains("Reclamation of expired leases is complete.");
    }
}

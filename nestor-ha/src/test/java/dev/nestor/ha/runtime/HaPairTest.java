package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.ha.state.HaState;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.lease.Lease4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Nestor servers in one process, a hot-standby pair talking Kea's HA protocol over real HTTP on loopback, serving
 * real DHCP over UDP: startup to hot-standby, the ACK ordering rule, failover to partner-down and the resync after
 * the primary comes back.
 */
@Timeout(180)
class HaPairTest {

    @TempDir
    Path directory;

    private Node primary;
    private Node standby;
    private DhcpProbe primaryClient;
    private DhcpProbe standbyClient;

    @AfterEach
    void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[]{primary, standby, primaryClient, standbyClient}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // keep closing the others
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String config(String name, int primaryHttp, int standbyHttp) {
        return """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "relay": { "ip-addresses": [ "127.0.0.1" ] },
                                 "pools": [ { "pool": "10.0.0.10 - 10.0.0.200" } ] } ],
                  "hooks-libraries": [
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "%s", "mode": "hot-standby",
                        "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000,
                        "max-unacked-clients": 10,
                        "peers": [
                          { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary" },
                          { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby" } ] } ] } } ]
                } }
                """.formatted(directory.resolve(name + "-leases4.csv"), name, primaryHttp, standbyHttp);
    }

    private Node start(String name, String text, int clientPort) throws Exception {
        return Node.start(directory, name, text, clientPort);
    }

    /** Polls a condition until it holds or the bound passes. */
    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void hotStandbyPairFailsOverAndResynchronises() throws Exception {
        int primaryHttp = freePort();
        int standbyHttp = freePort();
        primaryClient = new DhcpProbe();
        standbyClient = new DhcpProbe();
        primary = start("server1", config("server1", primaryHttp, standbyHttp), primaryClient.port());
        standby = start("server2", config("server2", primaryHttp, standbyHttp), standbyClient.port());

        await("both in hot-standby", Duration.ofSeconds(60),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));
        assertThat(primary.ha().state()).isEqualTo(HaState.HOT_STANDBY);

        // the primary answers; its ACK is sent only once the standby holds the lease
        DhcpProbe.Reply ack = primaryClient.dora(primary.dhcpPort(), DhcpProbe.mac(1));
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(DhcpProbe.ACK);
        int firstAddress = ack.yiaddr();
        assertThat(standby.server().leaseStore().get(firstAddress)).as("standby has the lease at ACK time")
                .isPresent();
        assertThat(standby.server().leaseStore().get(firstAddress).orElseThrow().hardwareAddress().toByteArray())
                .isEqualTo(DhcpProbe.mac(1));
        // the standby serves nobody while the primary is up
        assertThat(standbyClient.exchange(standby.dhcpPort(), DhcpProbe.DISCOVER, DhcpProbe.mac(2), 0, 0)).isNull();

        // the primary goes away: after max-response-delay and more than max-unacked-clients waiting clients,
        // the standby takes over
        primary.close();
        primary = null;
        int client = 100;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (standby.ha().state() != HaState.PARTNER_DOWN) {
            assertThat(System.nanoTime()).as("standby did not reach partner-down").isLessThan(deadline);
            // secs above max-ack-delay: these clients count as unacked
            standbyClient.send(standby.dhcpPort(), DhcpProbe.DISCOVER, DhcpProbe.mac(client++ % 140 + 100), 5, 0);
            Thread.sleep(50);
        }
        assertThat(standby.statusState()).isEqualTo("partner-down");
        drain(standbyClient);
        DhcpProbe.Reply takeover = standbyClient.dora(standby.dhcpPort(), DhcpProbe.mac(3));
        assertThat(takeover).isNotNull();
        assertThat(takeover.type()).isEqualTo(DhcpProbe.ACK);
        int secondAddress = takeover.yiaddr();

        // the primary comes back with its lease file, syncs from the standby, and both return to hot-standby
        primaryClient.close();
        primaryClient = new DhcpProbe();
        primary = start("server1", config("server1", primaryHttp, standbyHttp), primaryClient.port());
        await("both back in hot-standby", Duration.ofSeconds(60),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));
        for (int address : List.of(firstAddress, secondAddress)) {
            assertThat(primary.server().leaseStore().get(address)).as("primary has " + Lease4.addressText(address))
                    .isPresent();
            assertThat(standby.server().leaseStore().get(address)).as("standby has " + Lease4.addressText(address))
                    .isPresent();
        }
        // and the primary serves again, with the standby updated
        drain(primaryClient);
        DhcpProbe.Reply again = primaryClient.dora(primary.dhcpPort(), DhcpProbe.mac(4));
        assertThat(again).isNotNull();
        assertThat(standby.server().leaseStore().get(again.yiaddr())).isPresent();

        // administrator commands through the control registry
        ControlAnswer missingName = primary.control().registry().execute(ControlCommand.of("ha-sync", null));
        assertThat(missingName.text()).isEqualTo("'server-name' is mandatory for the 'ha-sync' command");
        ControlAnswer sync = primary.control().registry().execute(ControlCommand.of("ha-sync",
                JsonObject.builder().put("server-name", "server2").build()));
        assertThat(sync.result()).as(sync.text()).isZero();
        await("hot-standby after ha-sync", Duration.ofSeconds(30),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));
        ControlAnswer continued = primary.control().registry().execute(ControlCommand.of("ha-continue", null));
        assertThat(continued.text()).isEqualTo("HA state machine is not paused.");
        // a user's dhcp-disable (no HA origin) still switches the engine itself
        assertThat(standby.control().registry().execute(ControlCommand.of("dhcp-disable", null)).result()).isZero();
        assertThat(standby.server().serviceState().enabled()).isFalse();
        assertThat(standby.control().registry().execute(ControlCommand.of("dhcp-enable", null)).result()).isZero();
        assertThat(standby.server().serviceState().enabled()).isTrue();
        // status-get's remote part, as Stork reads it
        JsonObject remote = (JsonObject) ((JsonObject) ((JsonObject) ((JsonArray) ((JsonObject) primary.control()
                .registry().execute(ControlCommand.of("status-get", null)).arguments())
                .get("high-availability")).get(0)).get("ha-servers")).get("remote");
        assertThat(((JsonString) remote.get("last-state")).value()).isEqualTo("hot-standby");
        assertThat(((JsonString) remote.get("role")).value()).isEqualTo("standby");
        assertThat(remote.bool("in-touch")).contains(true);
        assertThat(remote.bool("communication-interrupted")).contains(false);
    }

    @Test
    void maintenanceStartAndCancelGoThroughThePartner() throws Exception {
        int primaryHttp = freePort();
        int standbyHttp = freePort();
        primaryClient = new DhcpProbe();
        standbyClient = new DhcpProbe();
        primary = start("server1", config("server1", primaryHttp, standbyHttp), primaryClient.port());
        standby = start("server2", config("server2", primaryHttp, standbyHttp), standbyClient.port());
        await("both in hot-standby", Duration.ofSeconds(60),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));

        ControlAnswer start = standby.control().registry().execute(ControlCommand.of("ha-maintenance-start", null));
        assertThat(start.result()).as(start.text()).isZero();
        assertThat(standby.statusState()).isEqualTo("partner-in-maintenance");
        assertThat(primary.statusState()).isEqualTo("in-maintenance");
        // the standby now serves the primary's clients, and still sends it lease updates
        drain(standbyClient);
        DhcpProbe.Reply ack = standbyClient.dora(standby.dhcpPort(), DhcpProbe.mac(7));
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(DhcpProbe.ACK);
        assertThat(primary.server().leaseStore().get(ack.yiaddr())).isPresent();

        ControlAnswer cancel = standby.control().registry().execute(ControlCommand.of("ha-maintenance-cancel", null));
        assertThat(cancel.text()).isEqualTo("Server maintenance successfully canceled.");
        await("hot-standby after the maintenance", Duration.ofSeconds(30),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));
    }

    /** Reads and discards replies still queued (offers to the probe clients). */
    private static void drain(DhcpProbe probe) throws IOException {
        probe.drainQuickly();
    }
}

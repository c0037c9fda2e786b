package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.HeartbeatStatus;
import dev.nestor.ha.message.LeasePage;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.Service;
import dev.nestor.ha.state.HaState;
import dev.nestor.lease.Lease4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Nestor primary with stock kea-dhcp4 2.2 as its hot-standby partner (libdhcp_ha + libdhcp_lease_cmds, HA+MT
 * dedicated listener): both reach hot-standby, and a DHCPACK from Nestor comes only after Kea stored the lease.
 * Nestor's peer listener is on 127.0.6.3, Kea's on 127.0.6.4 (free ports); Kea serves no DHCP interface. Skipped when
 * the Kea binaries or hook libraries are missing.
 */
@Timeout(120)
class KeaStandbyTest {

    private static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");
    private static final String NESTOR_ADDRESS = "127.0.6.3";
    private static final String KEA_ADDRESS = "127.0.6.4";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path directory;

    private Process kea;
    private Node primary;
    private DhcpProbe client;
    private int keaPort;

    @AfterEach
    void stop() throws Exception {
        if (primary != null) {
            primary.close();
        }
        if (client != null) {
            client.close();
        }
        if (kea != null) {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly();
            }
        }
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void nestorPrimaryAndKeaStandbyReachHotStandbyAndShareLeases() throws Exception {
        Path binary = Path.of("/usr/sbin/kea-dhcp4");
        Assumptions.assumeTrue(Files.isExecutable(binary), "stock kea-dhcp4 not installed: skipping");
        Assumptions.assumeTrue(Files.exists(HOOKS.resolve("libdhcp_ha.so"))
                && Files.exists(HOOKS.resolve("libdhcp_lease_cmds.so")), "Kea HA hook libraries not installed");
        int nestorPort = freePort(NESTOR_ADDRESS);
        keaPort = freePort(KEA_ADDRESS);
        String peers = """
                "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 10,
                "peers": [ { "name": "server1", "url": "http://%s:%d/", "role": "primary" },
                           { "name": "server2", "url": "http://%s:%d/", "role": "standby" } ]"""
                .formatted(NESTOR_ADDRESS, nestorPort, KEA_ADDRESS, keaPort);
        String keaConfig = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [] },
                  "lease-database": { "type": "memfile", "persist": false },
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 16 },
                  "hooks-libraries": [
                    { "library": "%1$s/libdhcp_lease_cmds.so" },
                    { "library": "%1$s/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "server2", "mode": "hot-standby",
                        "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                             "http-listener-threads": 1, "http-client-threads": 1 },
                        %2$s } ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.10 - 10.0.0.200" } ] } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                 "output_options": [ { "output": "%3$s" } ] } ]
                } }""".formatted(HOOKS, peers, directory.resolve("kea.log"));
        Files.writeString(directory.resolve("kea.json"), keaConfig);
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-c", directory.resolve("kea.json").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        kea = builder.start();

        client = new DhcpProbe();
        String nestorConfig = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "relay": { "ip-addresses": [ "127.0.0.1" ] },
                                 "pools": [ { "pool": "10.0.0.10 - 10.0.0.200" } ] } ],
                  "hooks-libraries": [
                    { "library": "%s/libdhcp_lease_cmds.so" },
                    { "library": "%s/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "server1", "mode": "hot-standby", %s } ] } } ]
                } }""".formatted(directory.resolve("nestor-leases4.csv"), HOOKS, HOOKS, peers);
        primary = Node.start(directory, "server1", nestorConfig, client.port());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(primary.ha().state() == HaState.HOT_STANDBY && keaState() == HaState.HOT_STANDBY)) {
            assertThat(kea.isAlive()).as("kea-dhcp4 running: " + keaOutput()).isTrue();
            assertThat(System.nanoTime()).as("hot-standby not reached; Nestor " + primary.ha().state() + ", Kea "
                    + keaState() + "\n" + keaOutput()).isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(primary.statusState()).isEqualTo("hot-standby");

        for (int n = 1; n <= 5; n++) {
            DhcpProbe.Reply ack = client.dora(primary.dhcpPort(), DhcpProbe.mac(n));
            assertThat(ack).as("ACK for client " + n).isNotNull();
            assertThat(ack.type()).isEqualTo(DhcpProbe.ACK);
            LeasePage page = LeasePage.fromAnswer(post(new PeerCommand.LeaseGetPage(Service.DHCP4,
                    Lease4.addressText(ack.yiaddr() - 1), 1)));
            assertThat(page.leases()).as("Kea holds " + Lease4.addressText(ack.yiaddr()) + " at ACK time")
                    .extracting(HaLease4::address).containsExactly(ack.yiaddr());
            assertThat(page.leases().getFirst().hardwareAddress()).isEqualTo(DhcpProbe.mac(n));
        }
        assertThat(keaState()).isEqualTo(HaState.HOT_STANDBY);
    }

    private HaState keaState() {
        try {
            return HeartbeatStatus.fromAnswer(post(new PeerCommand.Heartbeat())).state();
        } catch (Exception e) {
            return null;
        }
    }

    private PeerAnswer post(PeerCommand command) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + KEA_ADDRESS + ":" + keaPort + "/"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(command.toJson(Service.DHCP4).toString())).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PeerAnswer.parseResponseBody(response.body());
    }

    private String keaOutput() {
        try {
            Path log = directory.resolve("kea.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(directory.resolve("kea.out"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}

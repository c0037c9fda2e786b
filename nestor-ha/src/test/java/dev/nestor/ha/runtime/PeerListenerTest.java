package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.LeasePage;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.Service;
import dev.nestor.ha.state.HaState;
import dev.nestor.json.JsonWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer listener of one Nestor server, driven over real HTTP as a Kea partner drives it: HA commands reach the HA
 * service, lease commands write through the engine, HA-origin dhcp-disable does not touch the user's switch, and
 * {@code restrict-commands} refuses everything else with 403.
 */
@Timeout(60)
class PeerListenerTest {

    @TempDir
    Path directory;

    private Node node;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private PeerAnswer post(PeerCommand command) throws Exception {
        HttpResponse<String> response = post(JsonWriter.compact(command.toJson(Service.DHCP4)));
        assertThat(response.statusCode()).isEqualTo(200);
        return PeerAnswer.parseResponseBody(response.body());
    }

    @Test
    void partnerCommandsReachHaAndTheEngine() throws Exception {
        int partnerPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            partnerPort = other.getLocalPort();
        }
        String config = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.10 - 10.0.0.200" } ] } ],
                  "hooks-libraries": [
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "server2", "mode": "hot-standby", "restrict-commands": true,
                        "heartbeat-delay": 60000, "max-response-delay": 65000,
                        "peers": [ { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary" },
                                   { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby" } ] } ] } } ]
                } }""".formatted(partnerPort, port);
        node = Node.start(directory, "server2", config, 0);

        PeerAnswer heartbeat = post(new PeerCommand.Heartbeat());
        assertThat(heartbeat.result()).isZero();
        assertThat(heartbeat.text()).isEqualTo("HA peer status returned.");
        assertThat(node.ha().state()).isEqualTo(HaState.WAITING);

        HaLease4 lease = new HaLease4(0x0a000014, 1, HexFormat.of().parseHex("0a0b0c0d0e0f"), new byte[0],
                Instant.now().getEpochSecond() - 5, 4000, false, false, "", 0, Optional.empty());
        assertThat(post(new PeerCommand.Lease4Update(lease))).isEqualTo(PeerAnswer.success("IPv4 lease added."));
        assertThat(node.server().leaseStore().get(0x0a000014)).isPresent();
        LeasePage page = LeasePage.fromAnswer(post(new PeerCommand.LeaseGetPage(Service.DHCP4, "start", 10)));
        assertThat(page.leases()).extracting(HaLease4::addressText).containsExactly("10.0.0.20");
        // stored as the partner sent it
        assertThat(node.server().leaseStore().get(0x0a000014).orElseThrow().hardwareAddress().toByteArray())
                .isEqualTo(HexFormat.of().parseHex("0a0b0c0d0e0f"));
        assertThat(post(new PeerCommand.Lease4Delete(lease))).isEqualTo(PeerAnswer.success("IPv4 lease deleted."));
        assertThat(node.server().leaseStore().get(0x0a000014)).isEmpty();

        // the partner's dhcp-disable is HA's business: the user's switch stays on
        assertThat(post(new PeerCommand.DhcpDisable(PeerCommand.ORIGIN_HA_PARTNER, OptionalLong.of(30))))
                .isEqualTo(PeerAnswer.success("DHCPv4 service disabled for 30 seconds"));
        assertThat(node.server().serviceState().enabled()).isTrue();
        assertThat(post(new PeerCommand.DhcpEnable(PeerCommand.ORIGIN_HA_PARTNER)).result()).isZero();

        // restrict-commands: anything outside Kea's accept list is refused at the HTTP layer
        HttpResponse<String> refused = post("{\"command\": \"config-get\", \"service\": [\"dhcp4\"]}");
        assertThat(refused.statusCode()).isEqualTo(403);
    }
}

package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.transport.PemTls;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hot-standby pair whose peer URLs are HTTPS (ha-protocol.md §2): both servers verify each other against the trust
 * anchor and present their certificates; a client without a certificate is refused; {@code ha-scopes} changes what
 * the primary answers and refuses bad arguments with Kea's texts.
 */
@Timeout(180)
class HaTlsTest {

    @TempDir
    Path directory;

    private Node primary;
    private Node standby;
    private DhcpProbe primaryClient;
    private DhcpProbe standbyClient;

    @AfterEach
    void stop() {
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

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(HaTlsTest.class.getResource("/tls/" + name).toURI());
    }

    private String config(String name, int primaryHttp, int standbyHttp) throws URISyntaxException {
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
                        "trust-anchor": "%s", "cert-file": "%s", "key-file": "%s",
                        "peers": [
                          { "name": "server1", "url": "https://127.0.0.1:%d/", "role": "primary" },
                          { "name": "server2", "url": "https://127.0.0.1:%d/", "role": "standby" } ] } ] } } ]
                } }
                """.formatted(directory.resolve(name + "-leases4.csv"), name, resource("peer-ca.pem"),
                resource("peer-cert.pem"), resource("peer-key.pem"), primaryHttp, standbyHttp);
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static List<String> localScopes(Node node) {
        ControlAnswer answer = node.control().registry().execute(ControlCommand.of("status-get", null));
        JsonObject relationship = (JsonObject) ((JsonArray) ((JsonObject) answer.arguments())
                .get("high-availability")).get(0);
        JsonObject local = (JsonObject) ((JsonObject) relationship.get("ha-servers")).get("local");
        JsonArray scopes = (JsonArray) local.get("scopes");
        return java.util.stream.IntStream.range(0, scopes.size())
                .mapToObj(index -> ((JsonString) scopes.get(index)).value()).toList();
    }

    private static ControlAnswer haScopes(Node node, String arguments) throws Exception {
        return node.control().registry().execute(ControlCommand.of("ha-scopes",
                arguments == null ? null : JsonParser.parseStrict(arguments)));
    }

    @Test
    void tlsPairReplicatesRefusesCertlessClientsAndHonoursHaScopes() throws Exception {
        int primaryHttp = freePort();
        int standbyHttp = freePort();
        primaryClient = new DhcpProbe();
        standbyClient = new DhcpProbe();
        primary = Node.start(directory, "server1", config("server1", primaryHttp, standbyHttp), primaryClient.port());
        standby = Node.start(directory, "server2", config("server2", primaryHttp, standbyHttp), standbyClient.port());

        await("both in hot-standby over HTTPS", Duration.ofSeconds(60),
                () -> primary.statusState().equals("hot-standby") && standby.statusState().equals("hot-standby"));
        DhcpProbe.Reply ack = primaryClient.dora(primary.dhcpPort(), DhcpProbe.mac(1));
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(DhcpProbe.ACK);
        assertThat(standby.server().leaseStore().get(ack.yiaddr())).as("lease replicated over HTTPS").isPresent();

        // require-client-certs defaults to true: a client trusting the CA but presenting nothing is refused
        HttpClient certless = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PemTls.context(resource("peer-ca.pem"), null, null)).build();
        HttpRequest heartbeat = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + primaryHttp + "/"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"command\": \"ha-heartbeat\", \"service\": [\"dhcp4\"]}")).build();
        assertThatThrownBy(() -> certless.send(heartbeat, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        certless.close();
        // the same request with the peer certificate is answered
        HttpClient withCertificate = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PemTls.context(resource("peer-ca.pem"), resource("peer-cert.pem"),
                        resource("peer-key.pem"))).build();
        assertThat(withCertificate.send(heartbeat, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        withCertificate.close();

        // ha-scopes: bad arguments refused with Kea's texts, nothing changed
        assertThat(haScopes(primary, "{\"scopes\": [\"HA_server1\"]}")).isEqualTo(new ControlAnswer(1,
                "invalid server name specified 'HA_server1' while enabling/disabling HA scopes", null));
        assertThat(haScopes(primary, "{\"scopes\": \"server1\"}")).isEqualTo(new ControlAnswer(1,
                "'scopes' must be a list in the 'ha-scopes' command", null));
        assertThat(haScopes(primary, "{\"scopes\": [1]}")).isEqualTo(new ControlAnswer(1,
                "scope name must be a string in the 'scopes' argument", null));
        assertThat(haScopes(primary, "{}")).isEqualTo(new ControlAnswer(1,
                "'scopes' is mandatory for the 'ha-scopes' command", null));
        assertThat(haScopes(primary, null)).isEqualTo(new ControlAnswer(1,
                "arguments not found in the 'ha-scopes' command", null));
        assertThat(localScopes(primary)).containsExactly("server1");

        // no scopes: the primary stops answering
        assertThat(haScopes(primary, "{\"scopes\": []}"))
                .isEqualTo(new ControlAnswer(0, "New HA scopes configured.", null));
        assertThat(localScopes(primary)).isEmpty();
        assertThat(primaryClient.exchange(primary.dhcpPort(), DhcpProbe.DISCOVER, DhcpProbe.mac(2), 0, 0)).isNull();

        // its scope back: it answers again
        assertThat(haScopes(primary, "{\"scopes\": [\"server1\"]}").result()).isZero();
        assertThat(localScopes(primary)).containsExactly("server1");
        DhcpProbe.Reply second = primaryClient.dora(primary.dhcpPort(), DhcpProbe.mac(3));
        assertThat(second).isNotNull();
        assertThat(second.type()).isEqualTo(DhcpProbe.ACK);
    }
}

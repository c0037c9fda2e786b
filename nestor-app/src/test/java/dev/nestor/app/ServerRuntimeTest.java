package dev.nestor.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.lease.Durability;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime of one DHCPv4 server as {@code nestor dhcp4} assembles it (engine, control channel, HA), driven by
 * config-set and config-reload as Kea's users drive it: HA restarts from waiting with the new parameters, leaves
 * when its hook goes, returns with it; an HA part that cannot work is refused and the running HA stays.
 * The partner never exists here: the relationship alone goes from waiting to partner-down.
 */
@Timeout(120)
class ServerRuntimeTest {

    @TempDir
    Path directory;

    private Dhcp4Service service;
    private ServerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (service != null) {
            service.close();
        }
        http.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A config with this server (server1, primary) listening on {@code ownPort}, its partner on a dead port. */
    private String config(int ownPort, int partnerPort, int maxResponseDelay, boolean withHa) {
        String ha = withHa ? """
                ,{ "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                  "parameters": { "high-availability": [ {
                    "this-server-name": "server1", "mode": "hot-standby",
                    "heartbeat-delay": 500, "max-response-delay": %d,
                    "peers": [
                      { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary" },
                      { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby" } ] } ] } }
                """.formatted(maxResponseDelay, ownPort, partnerPort) : "";
        return """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.10 - 10.0.0.200" } ] } ],
                  "hooks-libraries": [
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } %s ]
                } }
                """.formatted(directory.resolve("leases4.csv"), ha);
    }

    private void start(String text) throws Exception {
        Path file = directory.resolve("kea-dhcp4.conf");
        Files.writeString(file, text);
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.loadDhcp4(file);
        service = Dhcp4Service.start(loaded.config(), new Ports(0, 0), Durability.WRITE, Clock.systemUTC());
        runtime = ServerRuntime.attach(service, file, loaded, exit -> { });
    }

    private ControlAnswer execute(String name, JsonObject arguments) {
        return runtime.control().registry().execute(ControlCommand.of(name, arguments));
    }

    private ControlAnswer configSet(String text) throws Exception {
        JsonObject document = (JsonObject) JsonParser.parseKea(text, "config-set", null).value();
        return execute("config-set", document);
    }

    /** status-get's {@code high-availability} list. */
    private JsonArray haStatus() {
        JsonValue list = ((JsonObject) execute("status-get", null).arguments()).get("high-availability");
        return list == null ? JsonArray.EMPTY : (JsonArray) list;
    }

    /** Whether status-get has a {@code high-availability} key at all (Kea omits it without the HA hook). */
    private boolean statusHasHighAvailability() {
        return ((JsonObject) execute("status-get", null).arguments()).get("high-availability") != null;
    }

    private String haState() {
        JsonArray relationships = haStatus();
        if (relationships.isEmpty()) {
            return "";
        }
        JsonObject local = (JsonObject) ((JsonObject) ((JsonObject) relationships.get(0)).get("ha-servers"))
                .get("local");
        return ((JsonString) local.get("state")).value();
    }

    /** ha-heartbeat POSTed to this server's peer URL, as the partner sends it: the answer's state, or the failure. */
    private String heartbeatOver(int port) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"ha-heartbeat\", \"service\": [\"dhcp4\"]}"))
                .build();
        try {
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            JsonValue answer = ((JsonArray) JsonParser.parseKea(body, "answer", null).value()).get(0);
            return ((JsonString) ((JsonObject) ((JsonObject) answer).get("arguments")).get("state")).value();
        } catch (ConnectException refused) {
            return "refused";
        } catch (IOException | dev.nestor.json.JsonParseException e) {
            return "failed: " + e;
        }
    }

    private static long haThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("ha-dhcp4") && thread.isAlive()).count();
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void configSetRestartsHaWithTheNewParametersAndRefusesABadHaPart() throws Exception {
        int firstPort = freePort();
        int partnerPort = freePort();
        long threadsBefore = haThreads();
        start(config(firstPort, partnerPort, 1500, true));
        // alone, the primary gives its partner up after max-response-delay
        await("partner-down without a partner", Duration.ofSeconds(30), () -> haState().equals("partner-down"));
        assertThat(heartbeatOver(firstPort)).isEqualTo("partner-down");

        // new parameters: another listener port, a long max-response-delay; HA starts anew from waiting
        int secondPort = freePort();
        ControlAnswer restarted = configSet(config(secondPort, partnerPort, 60_000, true));
        assertThat(restarted.result()).as(restarted.text()).isZero();
        assertThat(haState()).isEqualTo("waiting");
        assertThat(heartbeatOver(secondPort)).isEqualTo("waiting");
        assertThat(heartbeatOver(firstPort)).as("the old listener is closed").isEqualTo("refused");
        await("the old HA thread gone", Duration.ofSeconds(10), () -> haThreads() == threadsBefore + 1);

        // a bad HA part: refused by the loader, the running HA untouched
        ControlAnswer invalid = configSet(config(secondPort, partnerPort, 70_000, true));
        assertThat(invalid.result()).isEqualTo(1);
        assertThat(invalid.text()).contains("max-response-delay");
        // an HA part that cannot listen on its URL: refused, the running HA untouched (not even restarted)
        var running = runtime.highAvailability().orElseThrow();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ControlAnswer unusable = configSet(config(taken.getLocalPort(), partnerPort, 60_000, true));
            assertThat(unusable.result()).as(unusable.text()).isEqualTo(1);
            assertThat(unusable.text()).contains("cannot listen on the HA peer URL");
        }
        assertThat(runtime.highAvailability()).as("the same HA service").containsSame(running);
        assertThat(haState()).isEqualTo("waiting");
        assertThat(heartbeatOver(secondPort)).isEqualTo("waiting");
        assertThat(execute("ha-heartbeat", null).result()).isZero();
        await("one HA thread", Duration.ofSeconds(10), () -> haThreads() == threadsBefore + 1);

        // the HA hook removed: the engine answers alone, HA commands and listener are gone
        ControlAnswer withoutHa = configSet(config(secondPort, partnerPort, 60_000, false));
        assertThat(withoutHa.result()).as(withoutHa.text()).isZero();
        assertThat(runtime.highAvailability()).isEmpty();
        assertThat(execute("ha-heartbeat", null).result()).as("ha-heartbeat unsupported").isEqualTo(2);
        assertThat(heartbeatOver(secondPort)).isEqualTo("refused");
        assertThat(statusHasHighAvailability()).as("status-get without the HA hook").isFalse();
        assertThat(service.server().serviceState().enabled()).isTrue();
        await("no HA thread", Duration.ofSeconds(10), () -> haThreads() == threadsBefore);

        // and back, by config-reload of the file
        Files.writeString(directory.resolve("kea-dhcp4.conf"), config(firstPort, partnerPort, 1500, true));
        ControlAnswer reloaded = execute("config-reload", null);
        assertThat(reloaded.result()).as(reloaded.text()).isZero();
        assertThat(heartbeatOver(firstPort)).isIn("waiting", "partner-down");
        await("partner-down again", Duration.ofSeconds(30), () -> haState().equals("partner-down"));
        assertThat(haThreads()).isEqualTo(threadsBefore + 1);
    }
}

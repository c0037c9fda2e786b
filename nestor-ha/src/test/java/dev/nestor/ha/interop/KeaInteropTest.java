package dev.nestor.ha.interop;

import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.HeartbeatStatus;
import dev.nestor.ha.message.LeasePage;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.Service;
import dev.nestor.ha.state.HaState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our peer messages against a stock Kea 2.2 HA standby (kea-dhcp4 with libdhcp_ha and libdhcp_lease_cmds, HA+MT
 * dedicated listener on 127.0.6.2, no DHCP interfaces): Kea accepts what we build, we parse what Kea answers, Kea's
 * answer texts equal ours, and every ID Kea logs meanwhile is in our catalogue with a template matching Kea's text.
 * Skipped when the Kea binaries or hook libraries are missing.
 */
class KeaInteropTest {

    private static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");
    private static final String LISTEN = "127.0.6.2";

    private static Path directory;
    private static Process kea;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startKea() throws Exception {
        Path binary = Path.of("/usr/sbin/kea-dhcp4");
        Assumptions.assumeTrue(Files.isExecutable(binary), "stock kea-dhcp4 not installed: skipping Kea interop");
        Assumptions.assumeTrue(Files.exists(HOOKS.resolve("libdhcp_ha.so"))
                && Files.exists(HOOKS.resolve("libdhcp_lease_cmds.so")), "Kea HA hook libraries not installed");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LISTEN))) {
            port = probe.getLocalPort();
        }
        directory = Files.createTempDirectory("nestor-ha-kea");
        String config = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [] },
                  "lease-database": { "type": "memfile", "persist": false },
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2, "packet-queue-size": 16 },
                  "hooks-libraries": [
                    { "library": "%1$s/libdhcp_lease_cmds.so" },
                    { "library": "%1$s/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "server2", "mode": "hot-standby", "heartbeat-delay": 60000,
                        "max-response-delay": 65000,
                        "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                                             "http-listener-threads": 1, "http-client-threads": 1 },
                        "peers": [ { "name": "server1", "url": "http://127.0.6.1:9/", "role": "primary" },
                                   { "name": "server2", "url": "http://%2$s:%3$d/", "role": "standby" } ] } ] } } ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                                 "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" } ] } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                                 "output_options": [ { "output": "%4$s" } ] } ]
                } }""".formatted(HOOKS, LISTEN, port, directory.resolve("kea.log"));
        Files.writeString(directory.resolve("kea.json"), config);
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-c", directory.resolve("kea.json").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        kea = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening()) {
            if (!kea.isAlive() || System.nanoTime() > deadline) {
                String output = Files.exists(directory.resolve("kea.out"))
                        ? Files.readString(directory.resolve("kea.out")) : "";
                throw new IllegalStateException("kea-dhcp4 did not start its HA listener: " + output);
            }
            kea.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean listening() {
        try (Socket socket = new Socket(LISTEN, port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopKea() throws Exception {
        if (kea != null) {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly();
            }
        }
    }

    private static PeerAnswer post(PeerCommand command) throws Exception {
        return postRaw(command.toJson(Service.DHCP4).toJson());
    }

    private static PeerAnswer postRaw(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LISTEN + ":" + port + "/"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return PeerAnswer.parseResponseBody(response.body());
    }

    @Test
    void keaUnderstandsOurCommandsAndWeUnderstandKea() throws Exception {
        HeartbeatStatus status = HeartbeatStatus.fromAnswer(post(new PeerCommand.Heartbeat()));
        assertThat(status.state()).isEqualTo(HaState.WAITING);
        assertThat(status.scopes()).isEmpty();
        assertThat(status.unsentUpdateCount()).hasValue(0);
        assertThat(Duration.between(status.dateTime(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));

        HaLease4 lease = new HaLease4(0xc000020a, 1, HexFormat.of().parseHex("000c0102030a"),
                HexFormat.of().parseHex("01000c0102030a"), Instant.now().getEpochSecond() - 10, 4000, false, false,
                "host-a.example.org", 0, java.util.Optional.empty());
        assertThat(post(new PeerCommand.Lease4Update(lease))).isEqualTo(PeerAnswer.success("IPv4 lease added."));
        assertThat(post(new PeerCommand.Lease4Update(lease))).isEqualTo(PeerAnswer.success("IPv4 lease updated."));
        LeasePage page = LeasePage.fromAnswer(post(new PeerCommand.LeaseGetPage(Service.DHCP4, "start", 10)));
        assertThat(page.leases()).containsExactly(lease);
        assertThat(post(new PeerCommand.Lease4Delete(lease))).isEqualTo(PeerAnswer.success("IPv4 lease deleted."));
        assertThat(post(new PeerCommand.Lease4Delete(lease)).result()).isEqualTo(PeerAnswer.EMPTY);
        PeerAnswer empty = post(new PeerCommand.LeaseGetPage(Service.DHCP4, "192.0.2.1", 10));
        assertThat(empty.result()).isEqualTo(PeerAnswer.EMPTY);
        assertThat(LeasePage.fromAnswer(empty).leases()).isEmpty();

        assertThat(post(new PeerCommand.DhcpDisable(PeerCommand.ORIGIN_HA_PARTNER, OptionalLong.of(60))))
                .isEqualTo(PeerAnswer.success("DHCPv4 service disabled for 60 seconds"));
        assertThat(post(new PeerCommand.DhcpEnable(PeerCommand.ORIGIN_HA_PARTNER)))
                .isEqualTo(PeerAnswer.success("DHCP service successfully enabled"));
        assertThat(post(new PeerCommand.SyncCompleteNotify())).isEqualTo(
                PeerAnswer.success("Server successfully notified about the synchronization completion."));
        assertThat(post(new PeerCommand.MaintenanceNotify(true))).isEqualTo(PeerAnswer.error(
                "Unable to cancel the maintenance for the server not in the in-maintenance state."));
        assertThat(post(new PeerCommand.MaintenanceNotify(false)))
                .isEqualTo(PeerAnswer.success("Server is in-maintenance state."));
        assertThat(HeartbeatStatus.fromAnswer(post(new PeerCommand.Heartbeat())).state())
                .isEqualTo(HaState.IN_MAINTENANCE);
        assertThat(post(new PeerCommand.MaintenanceNotify(true)))
                .isEqualTo(PeerAnswer.success("Server maintenance canceled."));
        assertThat(post(new PeerCommand.Reset()))
                .isEqualTo(PeerAnswer.success("HA state machine already in WAITING state."));
        // an unknown command gets result 2 with the same text our parser gives
        PeerAnswer unsupported = postRaw("{\"command\":\"ha-scopes-of-mars\",\"service\":[\"dhcp4\"]}");
        assertThat(unsupported).isEqualTo(((PeerCommand.Parsed.Rejected) PeerCommand.parse(
                "{\"command\":\"ha-scopes-of-mars\"}", 0)).answer());

        assertKeaLogMatchesOurCatalogue();
    }

    /** Every ID Kea logged is in our catalogue, and Kea's text fits our template. */
    private static void assertKeaLogMatchesOurCatalogue() throws Exception {
        Path logFile = directory.resolve("kea.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(logFile).contains("Received command 'ha-reset'") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            kea.waitFor(50, TimeUnit.MILLISECONDS);
        }
        Pattern line = Pattern.compile("\\] ((?:HA_|COMMAND_)[A-Z0-9_]+) (.*)$");
        Set<String> catalogue = Arrays.stream(HaLogId.values()).map(Enum::name).collect(Collectors.toSet());
        int checked = 0;
        for (String text : Files.readAllLines(logFile)) {
            Matcher matcher = line.matcher(text);
            if (!matcher.find()) {
                continue;
            }
            String id = matcher.group(1);
            assertThat(catalogue).as("Kea logged %s", id).contains(id);
            String template = HaLogId.valueOf(id).template();
            String regex = Arrays.stream(template.split("%[1-9]", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*"));
            assertThat(matcher.group(2)).as("Kea's text of %s", id).matches(regex);
            checked++;
        }
        assertThat(checked).as("Kea log lines checked").isGreaterThanOrEqualTo(10);
        assertThat(Files.readString(logFile)).contains(
                "HA_STATE_TRANSITION server transitions from WAITING to IN-MAINTENANCE state, partner state is UNDEFINED");
    }
}

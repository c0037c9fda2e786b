package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.UnixClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServiceTest {

    @TempDir
    Path directory;

    @Test
    void opensTheListenersAConfigurationNames() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path socket = directory.resolve("ctrl.sock");
        Path file = directory.resolve("kea-dhcp4.conf");
        Files.writeString(file, """
                { "Dhcp4": { "interfaces-config": { "interfaces": [] },
                  "control-sockets": [
                    { "socket-type": "unix", "socket-name": "%s" },
                    { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": %d,
                      "authentication": { "type": "basic", "realm": "kea-dhcpv4-server",
                                          "clients": [ { "user": "admin", "password": "1234" } ] } } ] } }
                """.formatted(socket, port));
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.loadDhcp4(file);
        try (ControlService control = ControlService.builder().identity(ServerIdentity.nestor("test")).build()) {
            control.openConfigured(loaded.config().controlSockets(), loaded.raw(), directory, ControlLimits.DEFAULTS);
            assertThat(UnixClient.send(socket, "{\"command\": \"version-get\"}")).contains("\"result\":0");
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"version-get\"}"));
                assertThat(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                HttpResponse<String> allowed = http.send(request.header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("admin:1234".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(allowed.statusCode()).isEqualTo(200);
                assertThat(allowed.body()).startsWith("[{");
            }
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void haListenerIgnoresServiceAndRestrictsOnlyWhenAsked() throws Exception {
        try (ControlService control = ControlService.builder().identity(ServerIdentity.nestor("test")).build()) {
            var everything = control.openHttp(dev.nestor.control.transport.HttpListenerSettings.plain(
                    java.net.InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS, null);
            var restricted = control.openHttp(dev.nestor.control.transport.HttpListenerSettings.plain(
                    java.net.InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS, java.util.Set.of("list-commands"));
            var controlSocket = control.openHttp(dev.nestor.control.transport.HttpListenerSettings.plain(
                    java.net.InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS);
            String body = "{\"command\": \"version-get\", \"service\": \"x\"}";
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                java.util.function.Function<Integer, HttpResponse<String>> post = port -> {
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(), HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                assertThat(post.apply(everything.localAddress().getPort()).body()).contains("\"result\":0");
                assertThat(post.apply(restricted.localAddress().getPort()).statusCode()).isEqualTo(403);
                assertThat(post.apply(controlSocket.localAddress().getPort()).body())
                        .contains("service value must be a list");
            }
        }
    }
}

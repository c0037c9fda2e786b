package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlChannel;
import dev.nestor.control.commands.GenericCommands;
import dev.nestor.control.commands.ServerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpControlListenerTest {

    private static final String VERSION_GET = "{\"command\": \"version-get\"}";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2019-11-07T08:49:37Z"), ZoneOffset.UTC);

    private HttpControlListener listener;
    private final ControlChannel channel;

    HttpControlListenerTest() {
        CommandRegistry registry = new CommandRegistry();
        GenericCommands.register(registry, ServerIdentity.nestor("test"), value -> { });
        channel = new ControlChannel(registry, "dhcp4");
    }

    private HttpControlListener start(HttpListenerSettings settings, ControlLimits limits) throws IOException {
        listener = HttpControlListener.start(settings, limits, FIXED, channel::handleHttp);
        return listener;
    }

    private HttpControlListener startPlain() throws IOException {
        return start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS);
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void answersWithAJsonListAndKeasHeaders() throws IOException {
        startPlain();
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            RawHttp.Response response = http.exchange(RawHttp.post("{\"command\": \"list-commands\", \"service\": [\"dhcp4\"]}"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body())
                    .isEqualTo("[{\"arguments\":[\"build-report\",\"list-commands\",\"shutdown\",\"version-get\"],\"result\":0}]");
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("Date")).isEqualTo("Thu, 07 Nov 2019 08:49:37 GMT");
            assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.body().length()));
        }
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws IOException {
        startPlain();
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            for (int i = 0; i < 50; i++) {
                assertThat(http.exchange(RawHttp.post(VERSION_GET)).body()).startsWith("[{\"arguments\"");
            }
            // two pipelined requests in one write are answered in order
            http.send(RawHttp.post("{\"command\": \"nope\"}") + RawHttp.post(VERSION_GET));
            assertThat(http.read().body()).isEqualTo("[{\"result\":2,\"text\":\"'nope' command not supported.\"}]");
            assertThat(http.read().body()).contains("\"text\":\"2.2.0\"");
        }
    }

    @Test
    void closesWhenTheClientAsks() throws IOException {
        startPlain();
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            RawHttp.Response response = http.exchange(RawHttp.post(VERSION_GET, "Connection: close"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            String request = RawHttp.post(VERSION_GET).replace("HTTP/1.1", "HTTP/1.0");
            RawHttp.Response response = http.exchange(request);
            assertThat(response.status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void checksTheServiceList() throws IOException {
        startPlain();
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            assertThat(http.exchange(RawHttp.post("{\"command\": \"version-get\", \"service\": [\"dhcp6\"]}")).body())
                    .isEqualTo("[{\"result\":1,\"text\":\"unsupported service 'dhcp6', expected 'dhcp4'\"}]");
            assertThat(http.exchange(RawHttp.post("{\"command\": \"version-get\", \"service\": [\"dhcp4\", \"dhcp6\"]}")).body())
                    .isEqualTo("[{\"result\":1,\"text\":\"service value has more than one item\"}]");
            assertThat(http.exchange(RawHttp.post("{\"command\": \"version-get\", \"service\": \"dhcp4\"}")).body())
                    .isEqualTo("[{\"result\":1,\"text\":\"service value must be a list\"}]");
            assertThat(http.exchange(RawHttp.post("{\"command\": \"version-get\", \"service\": []}")).body())
                    .contains("\"result\":0");
        }
    }

    @Test
    void refusesMalformedRequestsWithBadRequest() throws IOException {
        startPlain();
        List<String> bad = List.of(
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
                "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                "POST / HTTP/2.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "garbage\r\n\r\n",
                RawHttp.post("{\"command\": "));
        for (String request : bad) {
            try (RawHttp http = RawHttp.connect(listener.localAddress())) {
                RawHttp.Response response = http.exchange(request);
                assertThat(response.status()).as(request).isEqualTo(400);
                assertThat(response.body()).isEqualTo("{ \"result\": 400, \"text\": \"Bad Request\" }");
            }
        }
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            assertThat(http.exchange(RawHttp.post(VERSION_GET)).status()).isEqualTo(200);
        }
    }

    @Test
    void refusesOversizedBodiesAndHeaders() throws IOException {
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS.withMaxRequestBytes(100));
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            RawHttp.Response response = http.exchange(
                    "POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n");
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{ \"result\": 413, \"text\": \"Payload Too Large\" }");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            String huge = "POST / HTTP/1.1\r\nX-Pad: " + "a".repeat(40_000) + "\r\n\r\n";
            assertThat(http.exchange(huge).status()).isEqualTo(400);
        }
    }

    @Test
    void timesOutASlowRequestAndClosesAnIdleConnection() throws IOException {
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS.withRequestTimeout(Duration.ofMillis(300)).withIdleTimeout(Duration.ofMillis(300)));
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            http.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"comm");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).isEqualTo("{ \"result\": 408, \"text\": \"Request Timeout\" }");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            assertThat(http.exchange(RawHttp.post(VERSION_GET)).status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void cutsOffAClientDrippingItsHeaders() throws Exception {
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS.withRequestTimeout(Duration.ofMillis(300)));
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            // one byte at a time keeps every single read short; only the whole-request deadline stops it
            String drip = "POST / HTTP/1.1\r\nX-Slow: " + "a".repeat(400);
            boolean cutOff = false;
            for (int i = 0; i < drip.length() && !cutOff; i++) {
                try {
                    http.send(drip.substring(i, i + 1));
                    TimeUnit.MILLISECONDS.sleep(5);
                } catch (IOException e) {
                    cutOff = true;
                }
            }
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(408);
        }
    }

    @Test
    void answersExpectContinue() throws IOException {
        startPlain();
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            http.send("POST / HTTP/1.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                    + VERSION_GET.length() + "\r\n\r\n");
            http.send(VERSION_GET);
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void requiresBasicAuthenticationWhenConfigured() throws IOException {
        BasicAuthentication authentication = new BasicAuthentication("kea-dhcpv4-server",
                List.of(new BasicAuthentication.Client("admin", "1234")));
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0).withAuthentication(authentication),
                ControlLimits.DEFAULTS);
        String good = "Authorization: Basic " + Base64.getEncoder().encodeToString("admin:1234".getBytes(StandardCharsets.UTF_8));
        String wrong = "Authorization: Basic " + Base64.getEncoder().encodeToString("admin:12345".getBytes(StandardCharsets.UTF_8));
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            RawHttp.Response missing = http.exchange(RawHttp.post(VERSION_GET));
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.header("WWW-Authenticate")).isEqualTo("Basic realm=\"kea-dhcpv4-server\"");
            assertThat(missing.body()).isEqualTo("{ \"result\": 401, \"text\": \"Unauthorized\" }");
            assertThat(http.exchange(RawHttp.post(VERSION_GET, wrong)).status()).isEqualTo(401);
            assertThat(http.exchange(RawHttp.post(VERSION_GET, good)).body()).contains("\"result\":0");
        }
    }

    @Test
    void readsClientsFromPasswordFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws IOException {
        java.nio.file.Files.writeString(directory.resolve("user"), "operator\n");
        java.nio.file.Files.writeString(directory.resolve("password"), "s3cret\n");
        java.nio.file.Files.writeString(directory.resolve("both"), "joe:pw:with:colons\n");
        BasicAuthentication.Client fromTwo = BasicAuthentication.Client.fromFiles(directory, null, "user", "password");
        BasicAuthentication.Client fromOne = BasicAuthentication.Client.fromFiles(directory, null, null, "both");
        assertThat(fromTwo).isEqualTo(new BasicAuthentication.Client("operator", "s3cret"));
        assertThat(fromOne).isEqualTo(new BasicAuthentication.Client("joe", "pw:with:colons"));
        BasicAuthentication authentication = new BasicAuthentication(null, List.of(fromTwo, fromOne));
        assertThat(authentication.realm()).isEqualTo("kea-dhcpv4-server");
        assertThat(authentication.accepts("Basic " + Base64.getEncoder().encodeToString("joe:pw:with:colons".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(authentication.accepts("Basic " + Base64.getEncoder().encodeToString("joe:pw".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(authentication.accepts("Bearer abc")).isFalse();
        assertThat(authentication.accepts(null)).isFalse();
    }

    @Test
    void forbidsCommandsOutsideTheAcceptList() throws IOException {
        listener = HttpControlListener.start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS, FIXED, body -> channel.handleHttp(body, Set.of("list-commands")));
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            RawHttp.Response forbidden = http.exchange(RawHttp.post(VERSION_GET));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.body()).isEqualTo("{ \"result\": 403, \"text\": \"Forbidden\" }");
            assertThat(http.exchange(RawHttp.post("{\"command\": \"list-commands\"}")).status()).isEqualTo(200);
        }
    }

    @Test
    void closesConnectionsBeyondTheLimit() throws Exception {
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS.withMaxConnections(3).withIdleTimeout(Duration.ofSeconds(30)));
        List<RawHttp> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttp holder = RawHttp.connect(listener.localAddress());
                assertThat(holder.exchange(RawHttp.post(VERSION_GET)).status()).isEqualTo(200);
                holders.add(holder);
            }
            try (RawHttp extra = RawHttp.connect(listener.localAddress())) {
                assertThat(extra.closedByServer()).isTrue();
            }
            // the held connections still work
            assertThat(holders.get(0).exchange(RawHttp.post(VERSION_GET)).status()).isEqualTo(200);
        } finally {
            for (RawHttp holder : holders) {
                holder.close();
            }
        }
        int status = 0;
        for (int attempt = 0; attempt < 200 && status != 200; attempt++) {
            try (RawHttp http = RawHttp.connect(listener.localAddress())) {
                status = http.exchange(RawHttp.post(VERSION_GET)).status();
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void servesTheJdkHttpClient() throws Exception {
        startPlain();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            URI uri = URI.create("http://127.0.0.1:" + listener.localAddress().getPort() + "/");
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"command\": \"version-get\", \"service\": [\"dhcp4\"]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).startsWith("[{").endsWith("}]");
            }
        }
    }

    @Test
    void addsConfiguredHeaders() throws IOException {
        start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0).withExtraHeaders(Map.of("X-Served-By", "nestor")),
                ControlLimits.DEFAULTS);
        try (RawHttp http = RawHttp.connect(listener.localAddress())) {
            assertThat(http.exchange(RawHttp.post(VERSION_GET)).header("X-Served-By")).isEqualTo("nestor");
        }
    }
}

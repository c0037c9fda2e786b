package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.control.ControlService;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config-set} and {@code config-reload} that change {@code control-sockets}, over real UNIX and TCP
 * sockets: changed listeners are reopened, unchanged ones keep their connections, the command's own answer
 * always arrives, and a socket that cannot be opened refuses the configuration with the old sockets intact.
 */
class ControlSocketReconfigurationTest {

    private static final InetAddress HOST = address("127.0.4.1");
    private static final String VERSION_GET = "{\"command\": \"version-get\"}";
    private static final String SUCCESS = "{\"result\":0,\"text\":\"Configuration successful.\"}";

    @TempDir
    Path directory;

    private final AtomicBoolean engineRefuses = new AtomicBoolean();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Path configFile;
    private ControlService control;

    private static InetAddress address(String text) {
        return InetAddress.ofLiteral(text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, HOST)) {
            return probe.getLocalPort();
        }
    }

    private static String tls(String name) {
        try {
            return Path.of(ControlSocketReconfigurationTest.class.getResource("/tls/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unix(Path path) {
        return "{ \"socket-type\": \"unix\", \"socket-name\": \"" + path + "\" }";
    }

    private static String http(int port, String extra) {
        return "{ \"socket-type\": \"http\", \"socket-address\": \"" + HOST.getHostAddress() + "\", \"socket-port\": " + port
                + (extra.isEmpty() ? "" : ", " + extra) + " }";
    }

    private static String document(String... sockets) {
        return "{ \"Dhcp4\": { \"interfaces-config\": { \"interfaces\": [] }, \"control-sockets\": [ "
                + String.join(", ", sockets) + " ] } }";
    }

    private static String configSet(String document) {
        return "{\"command\": \"config-set\", \"arguments\": " + document + "}";
    }

    /** A running control service whose configuration (from a file) names {@code sockets}. */
    private void start(String... sockets) throws Exception {
        configFile = directory.resolve("kea-dhcp4.conf");
        Files.writeString(configFile, document(sockets));
        var loaded = ConfigLoader.loadDhcp4(configFile);
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, configFile, next -> {
            if (engineRefuses.get()) {
                throw new IllegalStateException("the engine says no");
            }
        });
        control = ControlService.builder().identity(ServerIdentity.nestor("test")).configuration(configuration).build();
        control.openConfigured(loaded.config().controlSockets(), loaded.raw(), directory, ControlLimits.DEFAULTS);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (control != null) {
            control.close();
        }
    }

    private static boolean answersUnix(Path socket) {
        try {
            return UnixClient.send(socket, VERSION_GET).contains("\"result\":0");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean acceptsTcp(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), 1_000);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Waits (bounded) for a condition that a retiring listener reaches in the background. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("never happened: " + what);
    }

    private RawHttp connect(int port) throws IOException {
        RawHttp client = RawHttp.connect(new InetSocketAddress(HOST, port));
        toClose.add(client);
        return client;
    }

    @Test
    void aMovedUnixSocketAnswersTheCommandOnTheOldPathThenServesOnTheNewOne() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        start(unix(first));
        assertThat(UnixClient.send(first, configSet(document(unix(second))))).isEqualTo(SUCCESS);
        assertThat(answersUnix(second)).isTrue();
        await("old socket file removed", () -> !Files.exists(first));
        assertThat(answersUnix(first)).isFalse();
        assertThat(control.channel().execute("{\"command\": \"config-get\"}".getBytes()).toText()).contains(second.toString());
    }

    @Test
    void anUnchangedHttpListenerKeepsItsKeepAliveConnection() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        int port = freePort();
        start(unix(first), http(port, ""));
        RawHttp client = connect(port);
        RawHttp.Response answer = client.exchange(RawHttp.post(configSet(document(unix(second), http(port, "")))));
        assertThat(answer.body()).isEqualTo("[" + SUCCESS + "]");
        assertThat(answer.header("Connection")).isNull();
        // the very same connection goes on serving
        assertThat(client.exchange(RawHttp.post(VERSION_GET)).body()).contains("\"result\":0");
        assertThat(answersUnix(second)).isTrue();
        await("old socket file removed", () -> !Files.exists(first));
    }

    @Test
    void aMovedHttpListenerAnswersTheCommandThenServesOnTheNewPort() throws Exception {
        int oldPort = freePort();
        int newPort = freePort();
        start(http(oldPort, ""));
        RawHttp client = connect(oldPort);
        RawHttp.Response answer = client.exchange(RawHttp.post(configSet(document(http(newPort, "")))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[" + SUCCESS + "]");
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(client.closedByServer()).isTrue();
        assertThat(connect(newPort).exchange(RawHttp.post(VERSION_GET)).body()).contains("\"result\":0");
        await("old port closed", () -> !acceptsTcp(oldPort));
    }

    @Test
    void authenticationAddedOnTheSamePortAppliesToNewRequests() throws Exception {
        int port = freePort();
        start(http(port, ""));
        RawHttp idle = connect(port);
        assertThat(idle.exchange(RawHttp.post(VERSION_GET)).status()).isEqualTo(200);
        RawHttp client = connect(port);
        String authentication = "\"authentication\": { \"type\": \"basic\", \"realm\": \"nestor\", "
                + "\"clients\": [ { \"user\": \"admin\", \"password\": \"1234\" } ] }";
        RawHttp.Response answer = client.exchange(RawHttp.post(configSet(document(http(port, authentication)))));
        assertThat(answer.body()).isEqualTo("[" + SUCCESS + "]");
        assertThat(answer.header("Connection")).isEqualTo("close");
        // connections from before the change end, new ones meet the new rules
        assertThat(idle.closedByServer()).isTrue();
        RawHttp.Response refused = connect(port).exchange(RawHttp.post(VERSION_GET));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"nestor\"");
        String credentials = "Authorization: Basic " + Base64.getEncoder().encodeToString("admin:1234".getBytes());
        assertThat(connect(port).exchange(RawHttp.post(VERSION_GET, credentials)).status()).isEqualTo(200);
    }

    @Test
    void tlsSwitchedOnForTheSamePort() throws Exception {
        int port = freePort();
        start(http(port, ""));
        String https = "\"trust-anchor\": \"" + tls("ca.pem") + "\", \"cert-file\": \"" + tls("server-cert.pem")
                + "\", \"key-file\": \"" + tls("server-key.pem") + "\", \"cert-required\": false";
        assertThat(connect(port).exchange(RawHttp.post(configSet(document(http(port, https))))).body())
                .isEqualTo("[" + SUCCESS + "]");
        SSLContext trusting = PemTls.context(Path.of(tls("ca.pem")), null, null);
        Socket secure = trusting.getSocketFactory().createSocket(HOST, port);
        try (RawHttp client = new RawHttp(secure)) {
            assertThat(client.exchange(RawHttp.post(VERSION_GET)).body()).contains("\"result\":0");
        }
        // plain HTTP on the port is no longer understood: the server answers with a TLS alert, then closes
        try (Socket plain = new Socket(HOST, port)) {
            plain.setSoTimeout(20_000);
            plain.getOutputStream().write(RawHttp.post(VERSION_GET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            try {
                plain.getInputStream().transferTo(reply);
            } catch (java.net.SocketException e) {
                // a reset after the alert (our unread request bytes) ends the reply just the same
            }
            byte[] bytes = reply.toByteArray();
            assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
            if (bytes.length > 0) {
                assertThat(bytes[0]).as("TLS alert record").isEqualTo((byte) 0x15);
            }
        }
    }

    @Test
    void aUnixPathThatCannotBeOpenedRefusesTheConfigurationWithKeasText() throws Exception {
        Path first = directory.resolve("first.sock");
        Path impossible = directory.resolve("missing").resolve("c.sock");
        int port = freePort();
        start(unix(first));
        assertThat(UnixClient.send(first, configSet(document(unix(impossible), http(port, "")))))
                .isEqualTo("{\"result\":1,\"text\":\"cannot create socket lockfile, " + impossible
                        + ".lock, : No such file or directory\"}");
        assertThat(answersUnix(first)).isTrue();
        assertThat(acceptsTcp(port)).isFalse();
        assertThat(control.channel().execute("{\"command\": \"config-get\"}".getBytes()).toText())
                .contains(first.toString()).doesNotContain(impossible.toString());
    }

    @Test
    void aBusyPortRefusesTheConfigurationAndClosesWhatItHadOpened() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        start(unix(first));
        try (ServerSocket squatter = new ServerSocket(0, 1, HOST)) {
            int busy = squatter.getLocalPort();
            String answer = UnixClient.send(first, configSet(document(unix(second), http(busy, ""))));
            assertThat(answer).startsWith("{\"result\":1,\"text\":\"cannot bind HTTP control listener to 127.0.4.1:" + busy + ": ");
        }
        assertThat(answersUnix(first)).isTrue();
        await("half-opened socket removed", () -> !Files.exists(second));
        // a later, possible change still works
        assertThat(UnixClient.send(first, configSet(document(unix(second))))).isEqualTo(SUCCESS);
        assertThat(answersUnix(second)).isTrue();
    }

    @Test
    void anEngineRefusalUndoesTheNewSockets() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        int port = freePort();
        start(unix(first));
        engineRefuses.set(true);
        assertThat(UnixClient.send(first, configSet(document(unix(second), http(port, "")))))
                .isEqualTo("{\"result\":1,\"text\":\"Configuration could not be applied: the engine says no\"}");
        assertThat(answersUnix(first)).isTrue();
        await("new socket file removed", () -> !Files.exists(second));
        await("new port closed", () -> !acceptsTcp(port));
    }

    @Test
    void configReloadReopensTheSocketsOfTheRewrittenFile() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        int port = freePort();
        start(unix(first));
        Files.writeString(configFile, document(unix(second), http(port, "")));
        assertThat(UnixClient.send(first, "{\"command\": \"config-reload\"}")).isEqualTo(SUCCESS);
        assertThat(answersUnix(second)).isTrue();
        assertThat(connect(port).exchange(RawHttp.post(VERSION_GET)).body()).contains("\"result\":0");
        await("old socket file removed", () -> !Files.exists(first));
    }

    @Test
    void seededSequencesOfChangesLeaveExactlyTheWantedSocketsServing() throws Exception {
        long seed = 0x5eed_c0de_2L;
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        List<Path> paths = List.of(directory.resolve("u0.sock"), directory.resolve("u1.sock"), directory.resolve("u2.sock"));
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        String authentication = "\"authentication\": { \"type\": \"basic\", \"realm\": \"r\", "
                + "\"clients\": [ { \"user\": \"u\", \"password\": \"p\" } ] }";
        String credentials = "Authorization: Basic " + Base64.getEncoder().encodeToString("u:p".getBytes());
        Path unixNow = paths.get(0);
        java.util.Map<Integer, Boolean> httpNow = new java.util.LinkedHashMap<>();
        start(unix(unixNow));
        for (int step = 0; step < 60; step++) {
            String where = "seed " + seed + " step " + step;
            Path unixNext = paths.get(random.nextInt(paths.size()));
            java.util.Map<Integer, Boolean> httpNext = new java.util.LinkedHashMap<>();
            for (int port : ports) {
                if (random.nextInt(3) == 0) {
                    httpNext.put(port, random.nextBoolean());
                }
            }
            List<String> sockets = new ArrayList<>(List.of(unix(unixNext)));
            httpNext.forEach((port, secured) -> sockets.add(http(port, secured ? authentication : "")));
            boolean refused = random.nextInt(5) == 0;
            engineRefuses.set(refused);
            String command = configSet(document(sockets.toArray(String[]::new)));
            // sent over the UNIX socket or one of the HTTP ones, whichever is live now
            List<Integer> live = new ArrayList<>(httpNow.keySet());
            String answer;
            if (live.isEmpty() || random.nextBoolean()) {
                answer = UnixClient.send(unixNow, command);
            } else {
                int port = live.get(random.nextInt(live.size()));
                try (RawHttp client = RawHttp.connect(new InetSocketAddress(HOST, port))) {
                    String body = client.exchange(httpNow.get(port) ? RawHttp.post(command, credentials) : RawHttp.post(command)).body();
                    answer = body.substring(1, body.length() - 1);
                }
            }
            if (refused) {
                assertThat(answer).as(where).startsWith("{\"result\":1,\"text\":\"Configuration could not be applied");
            } else {
                assertThat(answer).as(where).isEqualTo(SUCCESS);
                unixNow = unixNext;
                httpNow = httpNext;
            }
            Path unixExpected = unixNow;
            java.util.Map<Integer, Boolean> httpExpected = httpNow;
            assertThat(answersUnix(unixExpected)).as(where).isTrue();
            for (Path path : paths) {
                if (!path.equals(unixExpected)) {
                    await(where + ": " + path + " gone", () -> !Files.exists(path));
                }
            }
            for (int port : ports) {
                if (!httpExpected.containsKey(port)) {
                    await(where + ": port " + port + " closed", () -> !acceptsTcp(port));
                    continue;
                }
                try (RawHttp client = RawHttp.connect(new InetSocketAddress(HOST, port))) {
                    boolean secured = httpExpected.get(port);
                    assertThat(client.exchange(RawHttp.post(VERSION_GET)).status()).as(where + " port " + port)
                            .isEqualTo(secured ? 401 : 200);
                    assertThat(client.exchange(RawHttp.post(VERSION_GET, credentials)).status()).as(where + " port " + port)
                            .isEqualTo(200);
                }
            }
        }
    }

    @Test
    void keas22SingularControlSocketMovesToo() throws Exception {
        Path first = directory.resolve("first.sock");
        Path second = directory.resolve("second.sock");
        String kea22 = "{ \"Dhcp4\": { \"interfaces-config\": { \"interfaces\": [] }, "
                + "\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"%s\" } } }";
        configFile = directory.resolve("kea-dhcp4.conf");
        Files.writeString(configFile, kea22.formatted(first));
        var loaded = ConfigLoader.loadDhcp4(configFile);
        control = ControlService.builder().configuration(new Dhcp4Configuration(loaded, configFile, next -> { })).build();
        control.openConfigured(loaded.config().controlSockets(), loaded.raw(), directory, ControlLimits.DEFAULTS);
        // the same socket again: untouched, the answer comes back on it
        assertThat(UnixClient.send(first, configSet(kea22.formatted(first)))).isEqualTo(SUCCESS);
        assertThat(answersUnix(first)).isTrue();
        assertThat(UnixClient.send(first, configSet(kea22.formatted(second)))).isEqualTo(SUCCESS);
        assertThat(answersUnix(second)).isTrue();
        await("old socket file removed", () -> !Files.exists(first));
    }
}

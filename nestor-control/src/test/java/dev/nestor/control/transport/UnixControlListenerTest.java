package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlChannel;
import dev.nestor.control.commands.GenericCommands;
import dev.nestor.control.commands.ServerIdentity;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixControlListenerTest {

    @TempDir
    Path directory;

    private final AtomicInteger shutdownValue = new AtomicInteger(-1);
    private UnixControlListener listener;

    private ControlChannel channel() {
        CommandRegistry registry = new CommandRegistry();
        GenericCommands.register(registry, ServerIdentity.nestor("test"), shutdownValue::set);
        return new ControlChannel(registry, "dhcp4");
    }

    private Path start(ControlLimits limits) throws IOException {
        ControlChannel channel = channel();
        listener = UnixControlListener.start(directory.resolve("ctrl.sock"), limits, channel::handleUnix);
        return listener.path();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    @Test
    void answersOneCommandPerConnectionAndCloses() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        String answer = UnixClient.send(socket, "{ \"command\": \"version-get\" }");
        assertThat(answer).startsWith("{\"arguments\":{\"extended\":").contains("\"result\":0,\"text\":\"2.2.0\"");
        assertThat(UnixClient.send(socket, "{\"command\": \"list-commands\"}"))
                .isEqualTo("{\"arguments\":[\"build-report\",\"list-commands\",\"shutdown\",\"version-get\"],\"result\":0}");
    }

    @Test
    void ignoresBytesAfterTheFirstDocument() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        assertThat(UnixClient.send(socket, "{\"command\": \"foo\"} {\"command\": \"version-get\"} garbage"))
                .isEqualTo("{\"result\":2,\"text\":\"'foo' command not supported.\"}");
    }

    @Test
    void acceptsCommandsArrivingInPieces() throws Exception {
        Path socket = start(ControlLimits.DEFAULTS);
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            for (String piece : List.of("{\"comm", "and\": \"shut", "down\", \"arguments\": {\"exit-value\": 3}", "}")) {
                client.write(ByteBuffer.wrap(piece.getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(UnixClient.readAll(client)).isEqualTo("{\"result\":0,\"text\":\"Shutting down.\"}");
        }
        assertThat(shutdownValue).hasValue(3);
    }

    @Test
    void refusesAnInvalidFirstCharacter() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        assertThat(UnixClient.send(socket, "hello")).isEqualTo("{ \"result\": 1, \"text\": \"invalid first character h\" }");
    }

    @Test
    void answersMalformedJsonWithResultOne() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        assertThat(UnixClient.send(socket, "{\"command\": }")).startsWith("{\"result\":1,\"text\":\"<wire>:1");
    }

    @Test
    void refusesAnOversizedCommandAndKeepsServing() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS.withMaxRequestBytes(1000));
        String big = "{\"command\": \"version-get\", \"arguments\": {\"pad\": \"" + "x".repeat(5000) + "\"}}";
        assertThat(UnixClient.send(socket, big))
                .isEqualTo("{ \"result\": 1, \"text\": \"Command of more than 1000 bytes refused: the control socket's size limit\" }");
        assertThat(UnixClient.send(socket, "{\"command\": \"version-get\"}")).contains("\"result\":0");
    }

    @Test
    void answersAStalledClientWithKeasTimeoutText() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS.withRequestTimeout(Duration.ofMillis(200)));
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap("{\"command\": \"x\"".getBytes(StandardCharsets.UTF_8)));
            assertThat(UnixClient.readAll(client)).isEqualTo(
                    "{ \"result\": 1, \"text\": \"Connection over control channel timed out, discarded partial command of 15 bytes\" }");
        }
        try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(socket));
            assertThat(UnixClient.readAll(silent))
                    .isEqualTo("{ \"result\": 1, \"text\": \"Connection over control channel timed out\" }");
        }
    }

    @Test
    void survivesClientsThatLeaveEarly() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        for (int i = 0; i < 50; i++) {
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                client.connect(UnixDomainSocketAddress.of(socket));
                client.write(ByteBuffer.wrap("{\"command\": \"vers".getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertThat(UnixClient.send(socket, "{\"command\": \"version-get\"}")).contains("\"result\":0");
    }

    @Test
    void closesConnectionsBeyondTheLimitAndRecovers() throws Exception {
        Path socket = start(ControlLimits.DEFAULTS.withMaxConnections(4).withRequestTimeout(Duration.ofSeconds(30)));
        List<SocketChannel> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SocketChannel holder = SocketChannel.open(StandardProtocolFamily.UNIX);
                holder.connect(UnixDomainSocketAddress.of(socket));
                holder.write(ByteBuffer.wrap("{".getBytes(StandardCharsets.UTF_8)));
                holders.add(holder);
            }
            // the fifth gets closed without an answer while the four hold their slots
            assertThat(answerOrClosed(socket)).isEmpty();
        } finally {
            for (SocketChannel holder : holders) {
                holder.close();
            }
        }
        String answer = "";
        for (int attempt = 0; attempt < 200 && answer.isEmpty(); attempt++) {
            // the slots come back once the server sees the closes; poll for it
            answer = answerOrClosed(socket);
            if (answer.isEmpty()) {
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        assertThat(answer).contains("\"result\":0");
    }

    /** The answer, or "" when the server closed the connection (before or while the command was written). */
    private static String answerOrClosed(Path socket) {
        try {
            return UnixClient.send(socket, "{\"command\": \"version-get\"}");
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void servesManyConcurrentClients() throws Exception {
        Path socket = start(ControlLimits.DEFAULTS.withMaxConnections(256));
        int clients = 100;
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger good = new AtomicInteger();
        for (int i = 0; i < clients; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    if (UnixClient.send(socket, "{\"command\": \"version-get\"}").contains("\"result\":0")) {
                        good.incrementAndGet();
                    }
                } catch (IOException e) {
                    // counted as not good
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(good).hasValue(clients);
    }

    @Test
    void replacesAStaleSocketFileAndRemovesItOnClose() throws IOException {
        Path path = directory.resolve("stale.sock");
        Files.writeString(path, "left over");
        ControlChannel channel = channel();
        try (UnixControlListener stale = UnixControlListener.start(path, ControlLimits.DEFAULTS, channel::handleUnix)) {
            assertThat(UnixClient.send(path, "{\"command\": \"version-get\"}")).contains("\"result\":0");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void refusesAPathTooLongForASocket() {
        Path path = directory.resolve("x".repeat(120));
        ControlChannel channel = channel();
        assertThatThrownBy(() -> UnixControlListener.start(path, ControlLimits.DEFAULTS, channel::handleUnix))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than the 107");
    }

    @Test
    void closingAReplacedListenerLeavesItsSuccessorsSocketFile() throws IOException {
        Path socket = start(ControlLimits.DEFAULTS);
        try (UnixControlListener successor = UnixControlListener.start(socket, ControlLimits.DEFAULTS, channel()::handleUnix)) {
            listener.close();
            assertThat(socket).exists();
            assertThat(UnixClient.send(socket, "{\"command\": \"version-get\"}")).contains("\"result\":0");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aPathInAMissingDirectoryIsRefusedWithKeasText() {
        Path impossible = directory.resolve("missing").resolve("ctrl.sock");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> UnixControlListener.start(impossible, ControlLimits.DEFAULTS, channel()::handleUnix))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot create socket lockfile, " + impossible + ".lock, : No such file or directory");
    }
}

package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The partner client's keep-alive connections against a small HTTP/1.1 server on loopback that behaves as the peers
 * do: answers with Content-Length and keeps the connection, or closes it after one answer (an idle timeout), or
 * never answers. The request must carry what Kea's parser requires.
 */
@Timeout(30)
class KeepAliveConnectionsTest {

    private ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** Serves each connection; {@code answersPerConnection} answers before closing it (0: never answer). */
    private URI serve(int answersPerConnection) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(socket, answersPerConnection));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
    }

    private void answer(Socket socket, int answers) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (int served = 0; answers == 0 || served < answers; served++) {
                List<String> head = new ArrayList<>();
                String line;
                int length = 0;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    head.add(line);
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (line == null) {
                    return;
                }
                char[] body = new char[length];
                for (int read = 0; read < length; ) {
                    read += in.read(body, read, length - read);
                }
                requests.add(String.join("\n", head) + "\n\n" + new String(body));
                if (answers == 0) {
                    // frozen: hold the connection until the client or the test closes it
                    while (in.read() >= 0) {
                        continue;
                    }
                    return;
                }
                byte[] reply = "[ { \"result\": 0, \"text\": \"ok\" } ]".getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + reply.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(reply);
                out.flush();
            }
        } catch (IOException ended) {
            // the test is over
        }
    }

    @Test
    void requestsReuseOneConnectionAndCarryWhatKeaNeeds() throws Exception {
        URI uri = serve(100);
        try (KeepAliveConnections client = new KeepAliveConnections(uri, Optional.of("Basic dTpw"), Optional.empty(),
                Duration.ofSeconds(5))) {
            for (int index = 0; index < 3; index++) {
                KeepAliveConnections.Response response = client.post(
                        "{\"command\": \"ha-heartbeat\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
                assertThat(response.status()).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"result\": 0");
            }
        }
        assertThat(connections.get()).as("one persistent connection").isEqualTo(1);
        assertThat(requests).hasSize(3);
        assertThat(requests.getFirst()).startsWith("POST / HTTP/1.1\nHost: 127.0.0.1\n")
                .contains("Content-Type: application/json", "Authorization: Basic dTpw", "Content-Length: 27")
                .endsWith("\n\n{\"command\": \"ha-heartbeat\"}");
    }

    @Test
    void aConnectionThePeerClosedWhileIdleIsReplaced() throws Exception {
        URI uri = serve(1);
        try (KeepAliveConnections client = new KeepAliveConnections(uri, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(5))) {
            for (int index = 0; index < 3; index++) {
                assertThat(client.post("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)).status())
                        .isEqualTo(200);
            }
        }
        assertThat(requests).hasSize(3);
        assertThat(connections.get()).isEqualTo(3);
    }

    @Test
    void aPeerThatNeverAnswersTimesOutAndCloseEndsTheWait() throws Exception {
        URI uri = serve(0);
        KeepAliveConnections client = new KeepAliveConnections(uri, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.post("{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);
        Thread waiting = Thread.ofVirtual().start(() -> assertThatThrownBy(
                () -> client.post("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)))
                .isInstanceOf(IOException.class));
        while (requests.size() < 2) {
            Thread.sleep(10);
        }
        client.close();
        waiting.join(Duration.ofSeconds(5));
        assertThat(waiting.isAlive()).as("close() ended the blocked exchange").isFalse();
    }
}

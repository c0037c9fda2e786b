package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.HttpControlListener;
import dev.nestor.control.transport.HttpListenerSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What HA's dedicated listener will see from a Kea partner: a few persistent connections each sending
 * {@code lease4-update} requests back to back (Kea's exact request shape: no Connection header,
 * {@code "service": ["dhcp4"]}), with the accept list of {@code restrict-commands}. Bounded in count;
 * the rate is printed, not asserted.
 */
class HaListenerLoadTest {

    private static final Set<String> HA_ACCEPT = Set.of("list-commands", "status-get", "dhcp-disable", "dhcp-enable",
            "ha-reset", "ha-heartbeat", "lease4-update", "lease4-del", "lease4-get-all", "lease4-get-page",
            "ha-maintenance-notify", "ha-sync-complete-notify");

    @TempDir
    Path directory;

    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesPartnerLeaseUpdatesOverPersistentConnections() throws Exception {
        server = new TestServer(directory, null);
        HttpControlListener listener = server.control.openHttp(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS, HA_ACCEPT);
        int connections = 4;
        int perConnection = 1000;
        AtomicInteger ok = new AtomicInteger();
        long start = System.nanoTime();
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            threads[c] = Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
                    socket.setSoTimeout(30_000);
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    for (int i = 0; i < perConnection; i++) {
                        int host = connection * perConnection + i;
                        // each connection owns its addresses, as HA sends one lease's updates in order
                        String address = "192.0.2." + (connection * 60 + i % 60 + 1);
                        String body = "{\"command\":\"lease4-update\",\"service\":[\"dhcp4\"],\"arguments\":{\"ip-address\":\""
                                + address + "\",\"hw-address\":\"00:0c:01:02:03:" + String.format("%02x", host % 256)
                                + "\",\"subnet-id\":1,\"valid-lft\":4000,\"expire\":2000000000,\"fqdn-fwd\":false,"
                                + "\"fqdn-rev\":false,\"hostname\":\"\",\"state\":0,\"force-create\":true}}";
                        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                        // one write per request, as Kea's client does
                        out.write((("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                                + bytes.length + "\r\n\r\n") + body).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        if (readBody(in).contains("\"result\":0")) {
                            ok.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("HaListenerLoadTest: %d lease4-update over %d keep-alive connections in %.2f s (%.0f/s)%n",
                ok.get(), connections, seconds, ok.get() / seconds);
        assertThat(ok).hasValue(connections * perConnection);
        assertThat(server.store.count()).isEqualTo(connections * 60);
    }

    private static String readBody(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        int previous = -1;
        int current;
        int length = -1;
        StringBuilder line = new StringBuilder();
        while ((current = in.read()) >= 0) {
            head.append((char) current);
            if (current == '\n') {
                String text = line.toString().strip();
                if (text.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(text.substring(15).strip());
                }
                if (text.isEmpty() && previous == '\r') {
                    break;
                }
                line.setLength(0);
            } else if (current != '\r') {
                line.append((char) current);
            }
            previous = current == '\n' ? previous : current;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}

package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.ControlService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing the HTTP listener over real sockets: answers in progress finish, idle connections go, close is bounded. */
class HttpListenerDrainTest {

    private static final String SLOW = "{\"command\": \"slow\"}";
    private static final String QUICK = "{\"command\": \"quick\"}";

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpControlListener listener;

    /** "slow" waits for the test's release, anything else answers at once. */
    private HttpReply handle(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).equals(SLOW)) {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HttpReply.ok("[{\"result\":0,\"text\":\"slow done " + "x".repeat(100_000) + "\"}]");
        }
        return HttpReply.ok("[{\"result\":0,\"text\":\"quick\"}]");
    }

    private InetSocketAddress start() throws IOException {
        listener = HttpControlListener.start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0),
                ControlLimits.DEFAULTS, Clock.systemUTC(), this::handle);
        return listener.localAddress();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (listener != null) {
            listener.close();
        }
    }

    private static Thread closeInBackground(AutoCloseable closeable) {
        return Thread.ofVirtual().start(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits (bounded) until nobody accepts on the address any more. */
    private static void awaitRefused(InetSocketAddress address) throws InterruptedException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 1_000);
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                // anything else: try again
            }
            Thread.sleep(10);
        }
        throw new AssertionError("listener on " + address + " still accepts connections");
    }

    @Test
    void aRequestInProgressGetsItsWholeAnswerWhileTheListenerCloses() throws Exception {
        InetSocketAddress address = start();
        try (RawHttp client = RawHttp.connect(address)) {
            assertThat(client.exchange(RawHttp.post(QUICK)).header("Connection")).isNull();
            client.send(RawHttp.post(SLOW));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            Thread closer = closeInBackground(listener);
            awaitRefused(address);
            release.countDown();
            RawHttp.Response response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[{\"result\":0,\"text\":\"slow done " + "x".repeat(100_000) + "\"}]");
            // the last answer of a closing listener says so, and the connection ends after it
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.closedByServer()).isTrue();
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(closer.isAlive()).isFalse();
        }
    }

    @Test
    void idleKeepAliveConnectionsAreClosedWithoutWaitingForTheDrain() throws Exception {
        InetSocketAddress address = start();
        try (RawHttp busy = RawHttp.connect(address);
                RawHttp idleAfterRequest = RawHttp.connect(address);
                RawHttp idleFromTheStart = RawHttp.connect(address)) {
            assertThat(idleAfterRequest.exchange(RawHttp.post(QUICK)).status()).isEqualTo(200);
            busy.send(RawHttp.post(SLOW));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            Thread closer = closeInBackground(listener);
            // both idle connections end while the slow request still holds the drain open
            assertThat(idleAfterRequest.closedByServer()).isTrue();
            assertThat(idleFromTheStart.closedByServer()).isTrue();
            assertThat(closer.isAlive()).isTrue();
            release.countDown();
            assertThat(busy.read().status()).isEqualTo(200);
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(closer.isAlive()).isFalse();
        }
    }

    @Test
    void closeReturnsWhenAHandlerNeverFinishes() throws Exception {
        InetSocketAddress address = start();
        try (RawHttp stuck = RawHttp.connect(address)) {
            stuck.send(RawHttp.post(SLOW));
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            Thread closer = closeInBackground(listener);
            closer.join(HttpControlListener.DRAIN_MILLIS + TimeUnit.SECONDS.toMillis(20));
            assertThat(closer.isAlive()).as("close() still waiting after the drain bound").isFalse();
            assertThat(stuck.closedByServer()).isTrue();
        }
    }

    @Test
    void shutdownOverHttpAnswersBeforeTheListenerGoes() throws Exception {
        for (int round = 0; round < 20; round++) {
            ControlService[] holder = new ControlService[1];
            ControlService control = ControlService.builder()
                    .shutdown(exitValue -> closeInBackground(holder[0]))
                    .build();
            holder[0] = control;
            try {
                HttpControlListener http = control.openHttp(
                        HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0), ControlLimits.DEFAULTS);
                InetSocketAddress address = http.localAddress();
                try (RawHttp client = RawHttp.connect(address)) {
                    RawHttp.Response response = client.exchange(RawHttp.post("{\"command\": \"shutdown\"}"));
                    assertThat(response.status()).as("round %d", round).isEqualTo(200);
                    assertThat(response.body()).as("round %d", round)
                            .isEqualTo("[{\"result\":0,\"text\":\"Shutting down.\"}]");
                    assertThat(client.closedByServer()).as("round %d", round).isTrue();
                }
                awaitRefused(address);
            } finally {
                control.close();
            }
        }
    }

    @Test
    void anIdleTlsConnectionIsClosedToo() throws Exception {
        java.util.function.Function<String, Path> tls = name -> {
            try {
                return Path.of(HttpListenerDrainTest.class.getResource("/tls/" + name).toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        };
        listener = HttpControlListener.start(HttpListenerSettings.plain(InetAddress.getLoopbackAddress(), 0)
                        .withTls(PemTls.context(tls.apply("ca.pem"), tls.apply("server-cert.pem"), tls.apply("server-key.pem")), false),
                ControlLimits.DEFAULTS, Clock.systemUTC(), this::handle);
        InetSocketAddress address = listener.localAddress();
        Socket secure = PemTls.context(tls.apply("ca.pem"), null, null).getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
        try (RawHttp client = new RawHttp(secure)) {
            assertThat(client.exchange(RawHttp.post(QUICK)).body()).isEqualTo("[{\"result\":0,\"text\":\"quick\"}]");
            Thread closer = closeInBackground(listener);
            assertThat(client.closedByServer()).isTrue();
            closer.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(closer.isAlive()).isFalse();
        }
    }
}

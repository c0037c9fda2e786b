package dev.nestor.ha.runtime;

import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.PeerMessageException;
import dev.nestor.ha.message.Service;
import dev.nestor.ha.service.PartnerClient;
import dev.nestor.ha.service.PeerReply;
import dev.nestor.json.JsonWriter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Sends peer commands to the partner over HTTP/1.1 (ha-protocol.md §12.1): {@code POST} of the command's JSON
 * (with {@code "service": ["dhcp4"]}) to the partner's URL (HTTPS when the peer has TLS files), keep-alive
 * connections, an optional basic-auth header.
 * Asynchronous sends (lease updates, heartbeats) are limited to {@link #MAX_IN_FLIGHT} at a time, the rest queued in
 * order, each exchange blocking a virtual thread on a {@link KeepAliveConnections} connection; every reply is handed
 * to the HA thread's executor. Synchronous calls (sync pages, maintenance) use {@code java.net.http.HttpClient}.
 *
 * <p>{@link #send} must be called on the HA thread (its queue is not synchronised); {@link #call} blocks the caller.
 */
final class HttpPartnerClient implements PartnerClient, AutoCloseable {

    /** Requests on the wire at once; Kea's HA client also bounds its connections per peer. */
    static final int MAX_IN_FLIGHT = 8;

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final URI uri;
    private final Optional<String> authorization;
    private final Executor haThread;
    private final HttpClient client;
    private final KeepAliveConnections connections;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param uri           the partner's URL
     * @param user          basic-auth user, if any
     * @param password      basic-auth password (used only with a user)
     * @param tls           TLS context for an {@code https} URL: verifies the partner, presents our certificate
     * @param haThread      where replies are delivered
     */
    HttpPartnerClient(URI uri, Optional<String> user, String password, Optional<javax.net.ssl.SSLContext> tls,
                      Executor haThread) {
        this.uri = uri;
        this.authorization = user.map(name -> "Basic " + Base64.getEncoder()
                .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8)));
        this.haThread = haThread;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(SEND_TIMEOUT);
        tls.ifPresent(builder::sslContext);
        this.client = builder.build();
        this.connections = new KeepAliveConnections(uri, authorization, tls, SEND_TIMEOUT);
    }

    private HttpRequest request(PeerCommand command, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.compact(command.toJson(Service.DHCP4))));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    @Override
    public void send(PeerCommand command, Consumer<PeerReply> onReply) {
        waiting.add(() -> start(command, onReply));
        pump();
    }

    private void pump() {
        while (inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            inFlight++;
            waiting.poll().run();
        }
    }

    private void start(PeerCommand command, Consumer<PeerReply> onReply) {
        byte[] body = JsonWriter.compact(command.toJson(Service.DHCP4)).getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().name("ha-partner-send").start(() -> {
            PeerReply reply;
            try {
                KeepAliveConnections.Response response = connections.post(body, SEND_TIMEOUT);
                reply = toReply(response.status(), new String(response.body(), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                reply = new PeerReply.Failed(describe(e));
            }
            PeerReply answer = reply;
            try {
                haThread.execute(() -> {
                    inFlight--;
                    pump();
                    onReply.accept(answer);
                });
            } catch (RejectedExecutionException e) {
                // the HA service is shutting down: nobody waits for this reply
                return;
            }
        });
    }

    @Override
    public PeerReply call(PeerCommand command, Duration timeout) {
        try {
            return toReply(client.send(request(command, timeout), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return new PeerReply.Failed(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PeerReply.Failed("interrupted");
        }
    }

    private static PeerReply toReply(HttpResponse<String> response) {
        return toReply(response.statusCode(), response.body());
    }

    private static PeerReply toReply(int status, String body) {
        if (status != 200) {
            return new PeerReply.Failed("HTTP status " + status + " returned by the partner");
        }
        try {
            return new PeerReply.Answered(PeerAnswer.parseResponseBody(body));
        } catch (PeerMessageException e) {
            return new PeerReply.Failed(e.getMessage());
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        // HttpClient's ConnectException carries no text; its cause says "Connection refused"
        String message = null;
        for (Throwable current = cause; current != null && message == null; current = current.getCause()) {
            message = current.getMessage();
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        connections.close();
        client.shutdownNow();
    }
}

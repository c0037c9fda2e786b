package dev.nestor.control.transport;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 control listener with Kea's behaviour: {@code POST} (any path) with
 * {@code Content-Type: application/json} and {@code Content-Length} (no chunked bodies), persistent
 * connections unless the client asks otherwise, answers with {@code Content-Length},
 * {@code Content-Type: application/json} and {@code Date}. Serves kea-shell style clients, Kea HA
 * partners and kea-exporter.
 *
 * <p>Refusals, each with a bare map body {@code {"result": <status>, "text": "<reason>"}}: malformed
 * request, wrong method, missing or bad {@code Content-Length} or {@code Content-Type}, chunked body,
 * oversized headers → 400 and close; body over the size limit → 413 and close; request not complete
 * within the request timeout → 408 and close; failed basic authentication → 401 with
 * {@code WWW-Authenticate: Basic realm="..."} (connection kept). An idle keep-alive connection is
 * closed after the idle timeout; connections beyond the limit are closed on accept; a client that
 * does not read its answer is cut off after the request timeout. Each connection runs on its own
 * virtual thread, so many slow clients cost memory, not threads.
 *
 * <p>TLS is layered on each accepted connection (the listening socket is plain), so
 * {@link #reconfigure} can change TLS, authentication and headers on the same port. {@link #close()}
 * drains: idle connections close at once, requests in progress are answered within
 * {@link #DRAIN_MILLIS} ms.
 */
public final class HttpControlListener implements AutoCloseable {

    /** Turns a request body into the reply (a JSON list for commands). Called concurrently. */
    @FunctionalInterface
    public interface Handler {
        HttpReply handle(byte[] body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpControlListener.class);
    /** How long {@link #close()} lets requests in progress finish their answers. */
    static final long DRAIN_MILLIS = 2_000;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /** Read once per connection; replaced by {@link #reconfigure}. */
    private volatile HttpListenerSettings settings;
    private final ControlLimits limits;
    private final Clock clock;
    private final Handler handler;
    private final ServerSocket server;
    private final Semaphore connections;
    private final ConnectionTimers timers = new ConnectionTimers("control-http-timer");
    /** Open connections; the value is true while the connection waits idle between requests. */
    private final Map<Socket, AtomicBoolean> open = new ConcurrentHashMap<>();
    private final Thread acceptor;
    private volatile boolean closed;
    // the Date header changes once a second; HA partners send thousands of requests in that time
    private volatile CachedDate cachedDate = new CachedDate(Long.MIN_VALUE, "");

    private record CachedDate(long epochSecond, String text) {
    }

    private HttpControlListener(HttpListenerSettings settings, ControlLimits limits, Clock clock, Handler handler,
            ServerSocket server) {
        this.settings = settings;
        this.limits = limits;
        this.clock = clock;
        this.handler = handler;
        this.server = server;
        this.connections = new Semaphore(limits.maxConnections());
        this.acceptor = Thread.ofVirtual().name("control-http-accept").unstarted(this::acceptLoop);
    }

    /** Binds and starts accepting. */
    public static HttpControlListener start(HttpListenerSettings settings, ControlLimits limits, Clock clock,
            Handler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(clock, "clock");
        // TLS is layered on each accepted connection, so a reconfiguration can switch it on the same port
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.address(), settings.port()), 256);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot bind HTTP control listener to " + settings.address().getHostAddress() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        HttpControlListener listener = new HttpControlListener(settings, limits, clock, handler, server);
        listener.acceptor.start();
        return listener;
    }

    /** The settings new connections are served with. */
    public HttpListenerSettings settings() {
        return settings;
    }

    /**
     * Serves new connections with {@code next} (authentication, TLS, headers) on the same bound socket.
     * Connections idle between requests are closed at once; a request in progress is answered under the
     * settings its connection started with, and its connection is closed after that answer.
     *
     * @throws IllegalArgumentException if {@code next} names another address or port
     */
    public void reconfigure(HttpListenerSettings next) {
        HttpListenerSettings previous = settings;
        if (!next.address().equals(previous.address()) || next.port() != previous.port()) {
            throw new IllegalArgumentException("a listener on " + previous.address().getHostAddress() + ":" + previous.port()
                    + " cannot move to " + next.address().getHostAddress() + ":" + next.port());
        }
        settings = next;
        closeIdle();
    }

    private void closeIdle() {
        open.forEach((socket, idle) -> {
            if (idle.get()) {
                closeQuietly(socket);
            }
        });
    }

    /** The bound address and port (useful when port 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("HTTP_CONNECTION_ACCEPT_FAILED accepting on {} failed: {}", localAddress(), e.toString());
                continue;
            }
            if (!connections.tryAcquire()) {
                LOG.warn("HTTP_CONNECTION_LIMIT {} refused a connection: {} already open", localAddress(),
                        limits.maxConnections());
                closeQuietly(socket);
                continue;
            }
            AtomicBoolean idle = new AtomicBoolean();
            open.put(socket, idle);
            Thread.ofVirtual().name("control-http-conn").start(() -> {
                try {
                    serve(socket, idle);
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                    connections.release();
                }
            });
        }
    }

    /** A refusal detected while reading a request; the connection is closed after it. */
    private static final class RequestError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String version;

        RequestError(int status, String reason) {
            this(status, reason, null);
        }

        RequestError(int status, String reason, String version) {
            super(reason, null, false, false);
            this.status = status;
            this.version = version;
        }
    }

    private record Request(String version, Map<String, String> headers, byte[] body, boolean keepAlive) {
    }

    private void serve(Socket connection, AtomicBoolean idle) {
        // Kea answers a request whose version it could not read in HTTP/1.0
        String version = "HTTP/1.0";
        HttpListenerSettings served = settings;
        Socket socket = connection;
        try {
            socket.setTcpNoDelay(true);
            if (served.tls().isPresent()) {
                SSLSocket secure = (SSLSocket) served.tls().get().getSocketFactory().createSocket(connection,
                        connection.getInetAddress().getHostAddress(), connection.getPort(), true);
                secure.setUseClientMode(false);
                if (served.certificateRequired()) {
                    secure.setNeedClientAuth(true);
                } else {
                    secure.setWantClientAuth(true);
                }
                secure.setSoTimeout(millis(limits.requestTimeout().toNanos()));
                secure.startHandshake();
                socket = secure;
            }
            Input in = new Input(socket, socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                // idle is published before closed is read, close() sets closed before reading idle:
                // one of the two always sees the other, so no idle connection outlives close()
                idle.set(true);
                if (closed || settings != served || !in.awaitRequest(limits.idleTimeout().toMillis())) {
                    return;
                }
                idle.set(false);
                long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
                Request request;
                try {
                    request = readRequest(in, deadline, out);
                } catch (RequestError e) {
                    version = e.version == null ? version : e.version;
                    LOG.debug("HTTP_BAD_CLIENT_REQUEST_RECEIVED from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
                    send(socket, served, out, version, HttpReply.error(e.status), false, Map.of());
                    return;
                } catch (SocketTimeoutException e) {
                    LOG.debug("HTTP_CLIENT_REQUEST_TIMEOUT_OCCURRED from {}", socket.getRemoteSocketAddress());
                    send(socket, served, out, version, HttpReply.error(408), false, Map.of());
                    return;
                }
                version = request.version();
                boolean keepAlive = request.keepAlive();
                if (served.authentication().isPresent()
                        && !served.authentication().get().accepts(request.headers().get("authorization"))) {
                    send(socket, served, out, version, HttpReply.error(401), request.keepAlive(),
                            Map.of("WWW-Authenticate", "Basic realm=\"" + served.authentication().get().realm() + "\""));
                } else {
                    HttpReply reply = execute(request.body());
                    // an answer completed while the listener closes or changes settings is the connection's last
                    keepAlive = request.keepAlive() && !closed && settings == served;
                    send(socket, served, out, version, reply, keepAlive, Map.of());
                }
                if (!keepAlive) {
                    return;
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            LOG.debug("HTTP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (IOException e) {
            // includes TLS handshake failures and peers resetting the connection
            LOG.debug("HTTP connection from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    private HttpReply execute(byte[] body) {
        try {
            return handler.handle(body);
        } catch (RuntimeException e) {
            LOG.error("COMMAND_PROCESS_ERROR1 HTTP command handler failed", e);
            return HttpReply.error(500);
        }
    }

    private Request readRequest(Input in, long deadline, OutputStream out) throws IOException, RequestError {
        int[] headerBudget = {limits.maxHeaderBytes()};
        String requestLine = in.readLine(deadline, headerBudget);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new RequestError(400, "malformed request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new RequestError(400, "unsupported HTTP version " + version);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = in.readLine(deadline, headerBudget);
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t'
                    || line.substring(0, colon).indexOf(' ') >= 0) {
                throw new RequestError(400, "malformed header line", version);
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            String previous = headers.putIfAbsent(name, value);
            if (previous != null) {
                if (name.equals("content-length") && !previous.equals(value)) {
                    throw new RequestError(400, "conflicting Content-Length headers", version);
                }
                headers.put(name, previous + ", " + value);
            }
        }
        if (!parts[0].equals("POST")) {
            throw new RequestError(400, "method " + parts[0] + " not allowed", version);
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new RequestError(400, "Transfer-Encoding not supported", version);
        }
        String lengthText = headers.get("content-length");
        if (lengthText == null || lengthText.isEmpty() || lengthText.length() > 10 || !lengthText.chars().allMatch(Character::isDigit)) {
            throw new RequestError(400, "missing or malformed Content-Length", version);
        }
        long length = Long.parseLong(lengthText);
        if (length > limits.maxRequestBytes()) {
            throw new RequestError(413, "body of " + length + " bytes over the limit", version);
        }
        String contentType = headers.get("content-type");
        if (contentType == null || !mediaType(contentType).equals("application/json")) {
            throw new RequestError(400, "Content-Type must be application/json", version);
        }
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = version.equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        if (headers.getOrDefault("expect", "").equalsIgnoreCase("100-continue")) {
            out.write((version + " 100 Continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body = in.readBody((int) length, deadline);
        return new Request(version, headers, body, keepAlive);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip().toLowerCase(Locale.ROOT);
    }

    private void send(Socket socket, HttpListenerSettings served, OutputStream out, String version, HttpReply reply, boolean keepAlive,
            Map<String, String> extra) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160)
                .append(version).append(' ').append(reply.status()).append(' ')
                .append(HttpReply.reasonPhrase(reply.status())).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Date: ").append(date()).append("\r\n");
        extra.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        served.extraHeaders().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        } else if (version.equals("HTTP/1.0")) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        // a client that stops reading would block this write forever: cut it off after the request timeout
        ScheduledFuture<?> watchdog = timers.schedule(limits.requestTimeout(), () -> closeQuietly(socket));
        try {
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    private String date() {
        java.time.Instant now = clock.instant();
        CachedDate cached = cachedDate;
        if (cached.epochSecond() != now.getEpochSecond()) {
            cached = new CachedDate(now.getEpochSecond(), HTTP_DATE.format(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)));
            cachedDate = cached;
        }
        return cached.text();
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }

    /** Buffered socket input whose every read honours the current request's deadline. */
    private static final class Input {
        private final Socket socket;
        private final InputStream stream;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Input(Socket socket, InputStream stream) {
            this.socket = socket;
            this.stream = stream;
        }

        /** Waits up to the idle timeout for the first byte of a request; false on EOF or idle expiry. */
        boolean awaitRequest(long idleMillis) throws IOException {
            if (position < limit) {
                return true;
            }
            socket.setSoTimeout(millis(idleMillis * 1_000_000));
            try {
                return fill();
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return false;
            }
        }

        private boolean fill() throws IOException {
            int count = stream.read(buffer, 0, buffer.length);
            if (count <= 0) {
                return false;
            }
            position = 0;
            limit = count;
            return true;
        }

        private void fillBefore(long deadline) throws IOException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("request timeout");
            }
            socket.setSoTimeout(millis(remaining));
            if (!fill()) {
                throw new EOFException("connection closed mid-request");
            }
        }

        /** One header line without its CR LF (a bare LF is accepted too), charged to the budget. */
        String readLine(long deadline, int[] budget) throws IOException, RequestError {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    fillBefore(deadline);
                }
                byte b = buffer[position++];
                if (--budget[0] < 0) {
                    throw new RequestError(400, "request headers too large");
                }
                if (b == '\n') {
                    int length = line.length();
                    if (length > 0 && line.charAt(length - 1) == '\r') {
                        line.setLength(length - 1);
                    }
                    return line.toString();
                }
                line.append((char) (b & 0xff));
            }
        }

        byte[] readBody(int length, long deadline) throws IOException {
            byte[] body = new byte[length];
            int filled = 0;
            while (filled < length) {
                if (position == limit) {
                    fillBefore(deadline);
                }
                int count = Math.min(length - filled, limit - position);
                System.arraycopy(buffer, position, body, filled, count);
                position += count;
                filled += count;
            }
            return body;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /**
     * The first step of {@link #close()}, returning at once: no new connections, idle ones closed, and each
     * request in progress (even one running this call) answered with {@code Connection: close}.
     */
    public void stopAccepting() {
        closed = true;
        closeQuietly(server);
        closeIdle();
    }

    /**
     * Stops accepting, closes connections idle between requests at once, lets requests in progress finish
     * their answers (for at most {@link #DRAIN_MILLIS} ms: the answer to {@code shutdown} itself is one of
     * them; each is sent with {@code Connection: close}), then closes whatever is still open.
     */
    @Override
    public void close() {
        stopAccepting();
        ConnectionTimers.awaitDrained(connections, limits.maxConnections(), DRAIN_MILLIS);
        for (Socket socket : open.keySet()) {
            closeQuietly(socket);
        }
        timers.close();
    }
}

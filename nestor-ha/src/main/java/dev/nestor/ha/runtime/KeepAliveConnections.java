package dev.nestor.ha.runtime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 POSTs to one peer URL over persistent connections, one blocking exchange per connection at a time, as
 * Kea's HA client talks to its partner (ha-protocol.md §12.1): {@code POST} with {@code Host} (the URL's host, no
 * port), {@code Content-Type: application/json}, {@code Content-Length} and an optional {@code Authorization}; the
 * answer is read by its {@code Content-Length} (to the end of the stream without one). Idle connections are kept for
 * the next request; a reused connection the peer closed meanwhile is replaced and the request sent once more (lease
 * updates and the other peer commands may be repeated). Thread-safe: callers bound the concurrency themselves (the
 * partner client's in-flight limit), each concurrent exchange uses its own connection.
 *
 * <p>Lease updates go this way rather than through {@code java.net.http.HttpClient}: the profile of a primary under
 * load showed the JDK client's asynchronous machinery (completion stages, its selector and executor threads) taking
 * about a third of the primary's samples, against a write and a read per update here.
 */
final class KeepAliveConnections implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 16 << 10;
    private static final int MAX_BODY_BYTES = 64 << 20;

    /** A response: status code and body. */
    record Response(int status, byte[] body) {
    }

    private final String host;
    private final int port;
    private final byte[] head;
    private final Optional<SSLContext> tls;
    private final Duration connectTimeout;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Connection> open = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    /**
     * @param uri           the peer's URL (host an IP literal, as Kea requires)
     * @param authorization the {@code Authorization} header value, if any
     * @param tls           TLS for the connections, when the peer has TLS files
     */
    KeepAliveConnections(URI uri, Optional<String> authorization, Optional<SSLContext> tls, Duration connectTimeout) {
        String uriHost = uri.getHost();
        this.host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
        this.port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder text = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nContent-Type: application/json\r\n");
        authorization.ifPresent(value -> text.append("Authorization: ").append(value).append("\r\n"));
        text.append("Content-Length: ");
        this.head = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.tls = tls;
        this.connectTimeout = connectTimeout;
    }

    /** POSTs {@code body} and returns the answer; fails after {@code timeout} without one. */
    Response post(byte[] body, Duration timeout) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection reused = idle.pollFirst();
        if (reused != null) {
            try {
                return exchange(reused, body, deadline);
            } catch (StaleConnection stale) {
                // the peer closed this idle connection before reading our request: a new one gets it
            }
        }
        Connection fresh = connect(deadline);
        try {
            return exchange(fresh, body, deadline);
        } catch (StaleConnection stale) {
            throw new IOException("connection closed by the partner before answering", stale);
        }
    }

    private Connection connect(long deadline) throws IOException {
        // a direct socket: no SOCKS layer looked up per write (peer URLs are never proxied)
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.setTcpNoDelay(true);
            int wait = (int) Math.max(1, Math.min(connectTimeout.toMillis(), millisLeft(deadline)));
            socket.connect(new InetSocketAddress(host, port), wait);
            if (tls.isPresent()) {
                SSLSocket secure = (SSLSocket) tls.get().getSocketFactory().createSocket(socket, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                // as java.net.http.HttpClient does: the partner's certificate must name its URL's host
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.setSoTimeout((int) Math.max(1, millisLeft(deadline)));
                secure.startHandshake();
                socket = secure;
            }
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        Connection connection = new Connection(socket);
        open.add(connection);
        if (closed) {
            connection.close();
            throw new IOException("closed");
        }
        return connection;
    }

    private Response exchange(Connection connection, byte[] body, long deadline) throws IOException {
        boolean keep = false;
        try {
            Response response = connection.exchange(head, body, deadline);
            keep = connection.reusable && !closed;
            return response;
        } finally {
            if (keep) {
                idle.addFirst(connection);
            } else {
                connection.close();
            }
        }
    }

    private static long millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("request timed out");
        }
        return left;
    }

    /** Thrown when a reused connection turns out closed before any byte of the answer came. */
    private static final class StaleConnection extends IOException {
        StaleConnection(Throwable cause) {
            super(cause);
        }
    }

    /** One persistent connection. */
    private final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private boolean used;
        private boolean reusable = true;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        Response exchange(byte[] head, byte[] body, long deadline) throws IOException {
            boolean wasUsed = used;
            used = true;
            int status;
            try {
                socket.setSoTimeout((int) millisLeft(deadline));
                out.write(head);
                out.write(Integer.toString(body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write('\r');
                out.write('\n');
                out.write('\r');
                out.write('\n');
                out.write(body);
                out.flush();
                status = statusLine();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (wasUsed) {
                    throw new StaleConnection(e);
                }
                throw e;
            }
            long length = -1;
            while (true) {
                socket.setSoTimeout((int) millisLeft(deadline));
                String line = line();
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length in the partner's answer: " + value);
                    }
                } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                    reusable = false;
                } else if (name.equals("transfer-encoding")) {
                    throw new IOException("the partner's answer uses Transfer-Encoding " + value
                            + " (Kea peers send Content-Length)");
                }
            }
            if (length > MAX_BODY_BYTES) {
                throw new IOException("the partner's answer is too large: " + length + " bytes");
            }
            byte[] content;
            if (length >= 0) {
                content = new byte[(int) length];
                int filled = 0;
                while (filled < length) {
                    socket.setSoTimeout((int) millisLeft(deadline));
                    int count = in.read(content, filled, (int) length - filled);
                    if (count < 0) {
                        throw new EOFException("the partner closed the connection in the middle of its answer");
                    }
                    filled += count;
                }
            } else {
                reusable = false;
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                int count;
                while (true) {
                    socket.setSoTimeout((int) millisLeft(deadline));
                    count = in.read(buffer);
                    if (count < 0) {
                        break;
                    }
                    all.write(buffer, 0, count);
                    if (all.size() > MAX_BODY_BYTES) {
                        throw new IOException("the partner's answer is too large");
                    }
                }
                content = all.toByteArray();
            }
            return new Response(status, content);
        }

        private int statusLine() throws IOException {
            String line = line();
            // "HTTP/1.1 200 OK"
            if (!line.startsWith("HTTP/1.") || line.length() < 12) {
                throw new IOException("not an HTTP/1.x status line from the partner: " + line);
            }
            try {
                return Integer.parseInt(line.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("bad HTTP status line from the partner: " + line);
            }
        }

        /** One header line without its CRLF; EOF before any byte is reported as such. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int next = in.read();
                if (next < 0) {
                    throw new EOFException("the partner closed the connection");
                }
                if (next == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) next);
                if (line.length() > MAX_HEADER_BYTES) {
                    throw new IOException("header line of the partner's answer too long");
                }
            }
        }

        void close() {
            open.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Closes every connection, idle or in use (a blocked exchange then fails at once). */
    @Override
    public void close() {
        closed = true;
        for (Connection connection : open) {
            connection.close();
        }
        idle.clear();
    }
}

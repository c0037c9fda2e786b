package dev.nestor.control.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kea's UNIX control socket: a client connects, writes one JSON command, reads one JSON answer
 * until the server closes. Works with {@code socat} and kea-shell style clients.
 *
 * <p>Guarantees: each connection is served on its own virtual thread; at most
 * {@link ControlLimits#maxConnections()} at once (the rest are closed on accept); a document larger
 * than {@link ControlLimits#maxRequestBytes()} is refused with a result-1 answer; a client silent for
 * {@link ControlLimits#requestTimeout()} gets Kea's "timed out" answer; a client that stops reading
 * its answer is cut off after the same time. A handler that throws yields a result-1 answer. Bytes
 * after the first document are ignored, as in Kea.
 */
public final class UnixControlListener implements AutoCloseable {

    /** Turns one command document into the answer text (a JSON map). Called concurrently. */
    @FunctionalInterface
    public interface Handler {
        String answer(byte[] document);
    }

    /** Linux {@code sun_path} is 108 bytes including the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;

    private static final Logger LOG = LoggerFactory.getLogger(UnixControlListener.class);
    private static final int READ_CHUNK = 32 * 1024;

    private final Path path;
    private final ControlLimits limits;
    private final Handler handler;
    private final ServerSocketChannel server;
    /** How long {@link #close()} waits for connections in progress to finish. */
    static final long DRAIN_MILLIS = 2_000;

    private final Semaphore connections;
    private final ConnectionTimers timers;
    private final Thread acceptor;
    private final java.util.Set<SocketChannel> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Identity of the socket file this listener bound, so close never removes a successor's file. */
    private Object fileKey;

    private UnixControlListener(Path path, ControlLimits limits, Handler handler, ServerSocketChannel server) {
        this.path = path;
        this.limits = limits;
        this.handler = handler;
        this.server = server;
        this.connections = new Semaphore(limits.maxConnections());
        this.timers = new ConnectionTimers("control-unix-timer");
        this.acceptor = Thread.ofVirtual().name("control-unix-accept").unstarted(this::acceptLoop);
    }

    /**
     * Binds the socket (removing a stale file at the path, as Kea does) and starts accepting.
     *
     * @throws IOException if the path is too long or cannot be bound
     */
    public static UnixControlListener start(Path path, ControlLimits limits, Handler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(limits, "limits");
        int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new IOException("control socket path is " + length + " bytes, longer than the "
                    + MAX_PATH_BYTES + " a UNIX socket allows: " + path);
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            // Kea's text: it fails on the lock file it creates next to the socket first
            throw new IOException("cannot create socket lockfile, " + path + ".lock, : No such file or directory");
        }
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 128);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot bind control socket " + path + ": " + e.getMessage(), e);
        }
        UnixControlListener listener = new UnixControlListener(path, limits, handler, server);
        listener.fileKey = fileKey(path);
        listener.acceptor.start();
        return listener;
    }

    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The socket file. */
    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("COMMAND_ACCEPTOR_FAILED accepting on control socket {} failed: {}", path, e.toString());
                continue;
            }
            if (!connections.tryAcquire()) {
                LOG.warn("COMMAND_SOCKET_LIMIT control socket {} refused a connection: {} already open",
                        path, limits.maxConnections());
                closeQuietly(channel);
                continue;
            }
            open.add(channel);
            Thread.ofVirtual().name("control-unix-conn").start(() -> {
                try {
                    new Connection(channel).serve();
                } finally {
                    open.remove(channel);
                    connections.release();
                }
            });
        }
    }

    /** One client connection; its phase decides who (reader or timer) may answer and close it. */
    private final class Connection {
        private static final int READING = 0;
        private static final int PROCESSING = 1;
        private static final int WRITING = 2;
        private static final int DONE = 3;

        private final SocketChannel channel;
        private final AtomicInteger phase = new AtomicInteger(READING);
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private ScheduledFuture<?> timer;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void serve() {
            try {
                readAndAnswer();
            } catch (IOException e) {
                // the timer closed the channel, or the peer vanished: nothing left to tell anyone
                LOG.debug("control socket connection ended: {}", e.toString());
            } finally {
                cancelTimer();
                phase.set(DONE);
                closeQuietly(channel);
            }
        }

        private void readAndAnswer() throws IOException {
            JsonDocumentScanner scanner = new JsonDocumentScanner();
            ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
            armReadTimer();
            while (true) {
                buffer.clear();
                int count = channel.read(buffer);
                if (count < 0) {
                    // closed by the client before a full command: Kea discards the partial data
                    return;
                }
                if (count == 0) {
                    continue;
                }
                JsonDocumentScanner.Status status = scanner.feed(buffer.array(), 0, count);
                int keep = status == JsonDocumentScanner.Status.COMPLETE
                        ? (int) (scanner.documentLength() - received.size()) : count;
                if ((long) received.size() + keep > limits.maxRequestBytes()) {
                    answerIfStillReading(AnswerText.error(1, "Command of more than " + limits.maxRequestBytes()
                            + " bytes refused: the control socket's size limit"));
                    return;
                }
                received.write(buffer.array(), 0, keep);
                switch (status) {
                    case INVALID -> {
                        answerIfStillReading(AnswerText.error(1, scanner.error()));
                        return;
                    }
                    case COMPLETE -> {
                        if (!phase.compareAndSet(READING, PROCESSING)) {
                            return;
                        }
                        cancelTimer();
                        write(execute(received.toByteArray()));
                        return;
                    }
                    case INCOMPLETE -> armReadTimer();
                }
            }
        }

        private String execute(byte[] document) {
            try {
                return handler.answer(document);
            } catch (RuntimeException e) {
                LOG.error("COMMAND_PROCESS_ERROR1 command handler failed", e);
                return AnswerText.error(1, "Error during command processing: " + e);
            }
        }

        private void answerIfStillReading(String answer) throws IOException {
            if (phase.compareAndSet(READING, PROCESSING)) {
                cancelTimer();
                write(answer);
            }
        }

        private void write(String answer) throws IOException {
            phase.set(WRITING);
            // a client that does not read its answer is cut off, so its thread and permit come back
            timer = timers.schedule(limits.requestTimeout(), () -> {
                if (phase.compareAndSet(WRITING, DONE)) {
                    closeQuietly(channel);
                }
            });
            ByteBuffer out = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
        }

        private void armReadTimer() {
            cancelTimer();
            timer = timers.schedule(limits.requestTimeout(), this::timedOut);
        }

        private void timedOut() {
            if (!phase.compareAndSet(READING, WRITING)) {
                return;
            }
            int partial = received.size();
            String text = "Connection over control channel timed out"
                    + (partial > 0 ? ", discarded partial command of " + partial + " bytes" : "");
            try {
                ByteBuffer out = ByteBuffer.wrap(AnswerText.error(1, text).getBytes(StandardCharsets.UTF_8));
                // small enough for an empty socket buffer, so this write does not block
                channel.write(out);
                channel.shutdownOutput();
            } catch (IOException | RuntimeException e) {
                LOG.debug("timeout answer not delivered: {}", e.toString());
            } finally {
                phase.set(DONE);
                closeQuietly(channel);
            }
        }

        private void cancelTimer() {
            ScheduledFuture<?> current = timer;
            if (current != null) {
                current.cancel(false);
            }
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    /** The first step of {@link #close()}, returning at once: no new connections; those open carry on. */
    public void stopAccepting() {
        closed = true;
        closeQuietly(server);
    }

    /**
     * Stops accepting, lets commands already received finish their answers (for at most
     * {@link #DRAIN_MILLIS} ms: the answer to {@code shutdown} itself is one of them), then closes every open
     * connection and removes the socket file (unless another listener has bound the path since).
     */
    @Override
    public void close() {
        stopAccepting();
        ConnectionTimers.awaitDrained(connections, limits.maxConnections(), DRAIN_MILLIS);
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
        timers.close();
        try {
            // a listener that replaced this one on the same path owns the file now
            if (fileKey == null || fileKey.equals(fileKey(path))) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debug("cannot remove control socket file {}: {}", path, e.toString());
        }
    }
}

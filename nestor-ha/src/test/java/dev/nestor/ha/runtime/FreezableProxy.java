package dev.nestor.ha.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an HA peer's URL that can freeze: while frozen it accepts connections and reads nothing
 * on, forwards nothing back, as a partner stopped by SIGSTOP looks from the outside (connections open, no answer);
 * after {@link Gate#thaw()} the bytes held are delivered and traffic flows again. Several relays may share one
 * {@link Gate}, so both directions of a pair freeze together. A relay can close its gate by itself when it sees the
 * n-th request naming a command, to freeze a partner in the middle of a lease sync.
 */
final class FreezableProxy implements AutoCloseable {

    /** Whether traffic flows; shared by the relays of one frozen peer. */
    static final class Gate {
        private boolean frozen;

        synchronized void freeze() {
            frozen = true;
        }

        synchronized void thaw() {
            frozen = false;
            notifyAll();
        }

        synchronized boolean frozen() {
            return frozen;
        }

        private synchronized void awaitOpen() throws InterruptedException {
            while (frozen) {
                wait();
            }
        }
    }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Gate gate;
    private final String trigger;
    private final int triggerCount;
    private final AtomicInteger seen = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * @param target       where to relay to
     * @param gate         the gate this relay obeys
     * @param trigger      a command name; the relay freezes the gate before forwarding the {@code triggerCount}-th
     *                     chunk naming it (null: never by itself)
     */
    FreezableProxy(InetSocketAddress target, Gate gate, String trigger, int triggerCount) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.gate = gate;
        this.trigger = trigger;
        this.triggerCount = triggerCount;
        this.acceptor = Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many chunks naming the trigger command went through or were held so far. */
    int triggerSeen() {
        return seen.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, true));
                Thread.ofVirtual().start(() -> pump(server, client, false));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                if (request && trigger != null
                        && new String(buffer, 0, count, StandardCharsets.ISO_8859_1).contains(trigger)
                        && seen.incrementAndGet() == triggerCount) {
                    gate.freeze();
                }
                gate.awaitOpen();
                out.write(buffer, 0, count);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // one side closed (a timed-out request, the end of the test): the other side follows
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        gate.thaw();
        listener.close();
        sockets.forEach(FreezableProxy::close);
        acceptor.interrupt();
    }
}

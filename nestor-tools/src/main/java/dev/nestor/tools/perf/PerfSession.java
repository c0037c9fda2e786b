package dev.nestor.tools.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One load run driven by a program (the lab) rather than a command line: the same engine as
 * {@code nestor perf}, with targets that may share an address and differ by port, a local address used as
 * given (the relay address written to giaddr), counters readable while the run goes on, and every DHCPv4 ACK
 * reported as a {@link Ack}. Runs are bounded by the options' limits ({@code -p}, {@code -n}) and by
 * {@link #requestStop()}.
 *
 * <p>{@link #run()} blocks; {@link #progress()} and {@link #requestStop()} may be called from other threads.
 */
public final class PerfSession implements AutoCloseable {

    /**
     * A DHCPv4 ACK the client received.
     *
     * @param hwaddr  the client's hardware address as Kea's lease file writes it ({@code 00:0c:01:02:03:04})
     * @param address the leased address
     * @param server  index of the target that answered, -1 for an unknown source
     */
    public record Ack(String hwaddr, Inet4Address address, int server) {
        public Ack {
            Objects.requireNonNull(hwaddr);
            Objects.requireNonNull(address);
        }
    }

    /**
     * Counters so far.
     *
     * @param firstSent     DISCOVERs (SOLICITs) sent
     * @param firstReplies  OFFERs matched
     * @param secondSent    REQUESTs sent
     * @param secondReplies ACKs matched
     * @param drops         requests still unanswered (sent minus matched replies, both exchanges)
     */
    public record Progress(long firstSent, long firstReplies, long secondSent, long secondReplies, long drops) {
    }

    private final PerfEngine engine;

    private PerfSession(PerfEngine engine) {
        this.engine = engine;
    }

    /**
     * Opens the socket on {@code local} (port: the options' {@code -L}, else the protocol's client port).
     *
     * @param options  the run's settings, as {@link PerfOptionsParser#parseRun} gives them; its servers and
     *                 remote port are ignored in favour of {@code targets}
     * @param local    the address to bind and to write in giaddr
     * @param targets  where every packet goes (each gets each packet, as from a relay with several helpers)
     * @param acks     hears of every ACK on the receiver thread; must be quick and thread-safe
     * @param out      where the engine prints what perfdhcp prints during a run (periodic reports, if asked)
     * @throws IOException when the socket cannot be bound
     */
    public static PerfSession open(PerfOptions options, InetAddress local, List<InetSocketAddress> targets,
                                   Consumer<Ack> acks, PrintStream out) throws IOException {
        Objects.requireNonNull(acks);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target");
        }
        PerfEngine.AckListener listener = (chaddr, yiaddr, server) -> acks.accept(
                new Ack(hardwareAddress(chaddr), address(yiaddr), server));
        return new PerfSession(PerfEngine.open(options, out, local, List.copyOf(targets), listener));
    }

    /** Runs to the end of the options' limits or until {@link #requestStop()}, and returns perfdhcp's report. */
    public PerfReport run() throws IOException {
        return engine.run();
    }

    /** The counters so far. */
    public Progress progress() {
        long[] counters = engine.liveCounters();
        return new Progress(counters[0], counters[1], counters[2], counters[3], counters[4]);
    }

    /** Ends a running test as if its period had elapsed. */
    public void requestStop() {
        engine.requestStop();
    }

    @Override
    public void close() {
        engine.close();
    }

    static String hardwareAddress(byte[] chaddr) {
        return HexFormat.ofDelimiter(":").formatHex(chaddr, 0, 6);
    }

    private static Inet4Address address(int value) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16),
                    (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

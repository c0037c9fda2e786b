package dev.nestor.tools.perf;

import java.net.InetAddress;
import java.util.List;

/**
 * The outcome of one {@code nestor perf} run: what perfdhcp's final report prints, plus the
 * per-server counters of a multi-server run. Immutable; rendered by {@link PerfReportFormatter}.
 *
 * @param options         the run's options
 * @param durationSeconds test duration (start to end, including the {@code -W} wait)
 * @param malformed       received datagrams that were not usable replies
 * @param exchanges       one entry per exchange in use, in perfdhcp's order
 * @param servers         per-server counters, in the order of {@link PerfOptions#servers()}
 * @param unknownSource   replies from addresses that are not in the server list
 * @param exitReason      perfdhcp's exit-reason text ({@code -x e}), or null when none applied
 * @param exitCode        0 or 3 (1 is never reported: errors end the run earlier)
 * @param serverId        the first server identifier seen, as hex, or null
 * @param shortWaits      how often the sender waited for the next packet to be due
 * @param avalanche       avalanche totals, or null in the basic scenario
 */
public record PerfReport(
        PerfOptions options,
        double durationSeconds,
        long malformed,
        List<Exchange> exchanges,
        List<Server> servers,
        long unknownSource,
        String exitReason,
        int exitCode,
        String serverId,
        long shortWaits,
        Avalanche avalanche) {

    public PerfReport {
        exchanges = List.copyOf(exchanges);
        servers = List.copyOf(servers);
    }

    /**
     * Counters of one exchange type. Delays are in milliseconds and null when no reply matched.
     */
    public record Exchange(String name, long sent, long received, long drops, long orphans, long rejected,
                           long nonUnique, long collected, Double minimumDelay, Double averageDelay,
                           Double maximumDelay, Double standardDeviation, List<Timestamp> timestamps,
                           List<String> leases) {
        public Exchange {
            timestamps = List.copyOf(timestamps);
            leases = List.copyOf(leases);
        }

        /** 100 × drops ÷ sent; NaN when nothing was sent. */
        public double dropsRatio() {
            return sent == 0 ? Double.NaN : 100.0 * drops / sent;
        }
    }

    /** Send and receive times of one matched request, in seconds since the test started. */
    public record Timestamp(double sentSeconds, double receivedSeconds) {
    }

    /** What one server of the list was sent and answered, per exchange (same order as {@link #exchanges()}). */
    public record Server(InetAddress address, List<ServerExchange> exchanges) {
        public Server {
            exchanges = List.copyOf(exchanges);
        }
    }

    /** Packets sent to and replies received from one server for one exchange type. */
    public record ServerExchange(String name, long sent, long received) {
    }

    /** Avalanche totals: time to serve every client and the retransmissions needed. */
    public record Avalanche(long durationNanos, int clients, long sentAndResent, long resent, long received) {
    }

    /** Replies counted for the rate: the last exchange of the sequence. */
    public double rate() {
        if (durationSeconds <= 0 || exchanges.isEmpty()) {
            return 0;
        }
        return exchanges.getLast().received() / durationSeconds;
    }

    /** perfdhcp's name for what the rate counts. */
    public String rateName() {
        if (!options.initialOnly()) {
            return "4-way exchanges";
        }
        if (options.ipVersion() == 4) {
            return "DISCOVER-OFFER";
        }
        return options.rapidCommit() ? "Solicit-Reply" : "Solicit-Advertise";
    }
}

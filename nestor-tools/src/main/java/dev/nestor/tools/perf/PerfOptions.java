package dev.nestor.tools.perf;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one {@code nestor perf} run, parsed from perfdhcp-style arguments by
 * {@link PerfOptionsParser}. Every field keeps perfdhcp 2.2's meaning (see spec/perfdhcp.md);
 * the two additions are {@link #servers()} with more than one address and {@link #jsonReport()}.
 *
 * <p>Immutable: the byte arrays are copied in and out (so record equality compares them by identity;
 * compare {@link #runningArguments()} instead).
 *
 * @param ipVersion          4 or 6 ({@code -4}/{@code -6}, 4 when neither)
 * @param rate               new exchanges per second ({@code -r}); 0 = as fast as possible
 * @param clientCount        simulated clients ({@code -R}); 0 or 1 = one client
 * @param testPeriodSeconds  {@code -p}; 0 = no period
 * @param requestLimits      {@code -n} values: [0] limits the first message, [1] the second
 * @param dropLimits         {@code -D} values, per exchange in the same order
 * @param dropTimeSeconds    {@code -d} values per exchange (default 1 s each)
 * @param localName          {@code -l} as given (address or interface name), or null
 * @param localPort          {@code -L}; 0 = the protocol default
 * @param remotePort         {@code -N}; 0 = the protocol default
 * @param baseMac            {@code -b mac=} (6 bytes; perfdhcp's default {@code 00:0c:01:02:03:04})
 * @param baseDuid           {@code -b duid=}, or null to build a DUID-LLT from the MAC
 * @param broadcast          {@code -B}: SO_BROADCAST on the socket
 * @param elapsedStart       {@code -Y} seconds, or -1 when absent
 * @param elapsedPeriod      {@code -y} seconds, or -1 when absent
 * @param seed               {@code -s}; 0 = time based
 * @param checkUniqueness    {@code -u}
 * @param initialOnly        {@code -i}: DISCOVER-OFFER / SOLICIT-ADVERTISE only
 * @param exitWaitMicros     {@code -W} microseconds
 * @param diagnostics        {@code -x} letters
 * @param preload            {@code -P}
 * @param scenario           {@code --scenario}
 * @param reportIntervalSeconds {@code -t}; 0 = no periodic report
 * @param reportSeparator    {@code -C}, or null
 * @param rapidCommit        {@code -c} (v6)
 * @param relayLevel         {@code -A} (v6): 0 or 1
 * @param useFirstServerId   {@code -1}
 * @param singleThread       {@code -g single}
 * @param extraOptions       {@code -o code,hex} options added to every client message
 * @param servers            the target addresses; more than one = each packet goes to all of them
 * @param serverName         the server argument as given (for the banner)
 * @param jsonReport         {@code --json FILE}, or null
 * @param runningArguments   the options as perfdhcp echoes them on its {@code Running:} line
 */
public record PerfOptions(
        int ipVersion,
        int rate,
        int clientCount,
        int testPeriodSeconds,
        List<Long> requestLimits,
        List<DropLimit> dropLimits,
        List<Double> dropTimeSeconds,
        String localName,
        int localPort,
        int remotePort,
        byte[] baseMac,
        byte[] baseDuid,
        boolean broadcast,
        int elapsedStart,
        int elapsedPeriod,
        long seed,
        boolean checkUniqueness,
        boolean initialOnly,
        long exitWaitMicros,
        String diagnostics,
        int preload,
        Scenario scenario,
        int reportIntervalSeconds,
        String reportSeparator,
        boolean rapidCommit,
        int relayLevel,
        boolean useFirstServerId,
        boolean singleThread,
        List<ExtraOption> extraOptions,
        List<InetAddress> servers,
        String serverName,
        Path jsonReport,
        String runningArguments) {

    /** perfdhcp's default base MAC address. */
    static final byte[] DEFAULT_MAC = {0x00, 0x0c, 0x01, 0x02, 0x03, 0x04};

    public PerfOptions {
        requestLimits = List.copyOf(requestLimits);
        dropLimits = List.copyOf(dropLimits);
        dropTimeSeconds = List.copyOf(dropTimeSeconds);
        baseMac = baseMac.clone();
        baseDuid = baseDuid == null ? null : baseDuid.clone();
        diagnostics = Objects.requireNonNullElse(diagnostics, "");
        extraOptions = List.copyOf(extraOptions);
        servers = List.copyOf(servers);
        Objects.requireNonNull(scenario);
    }

    /** Which load pattern runs. */
    public enum Scenario {
        /** perfdhcp's default: new exchanges at a rate, until a limit. */
        BASIC("basic"),
        /** Every client at once, then retries with back-off until all are served. */
        AVALANCHE("avalanche");

        private final String label;

        Scenario(String label) {
            this.label = label;
        }

        /** The name perfdhcp prints and accepts. */
        public String label() {
            return label;
        }
    }

    /**
     * One {@code -D} value: abort when drops reach {@code count}, or, when {@code percent} is
     * set, when more than 10 packets were sent and the drop percentage reaches it.
     */
    public record DropLimit(long count, double percent, boolean isPercent) {
        /** Whether this limit is reached with the given counters. */
        public boolean reached(long sent, long drops) {
            if (isPercent) {
                return sent > 10 && 100.0 * drops / sent >= percent;
            }
            return drops >= count;
        }
    }

    /** A {@code -o code,hexstring} option added to every DISCOVER/REQUEST (SOLICIT/REQUEST). */
    public record ExtraOption(int code, byte[] data) {
        public ExtraOption {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExtraOption o && o.code == code && java.util.Arrays.equals(o.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * code + java.util.Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return code + "," + HexFormat.of().formatHex(data);
        }
    }

    @Override
    public byte[] baseMac() {
        return baseMac.clone();
    }

    @Override
    public byte[] baseDuid() {
        return baseDuid == null ? null : baseDuid.clone();
    }

    /** Whether the exchange sequence stops after the first reply (DO or SA). */
    public boolean twoWayOnly() {
        return initialOnly || (ipVersion == 6 && rapidCommit);
    }

    /** Whether {@code -x} selected the diagnostic letter. */
    public boolean diagnostic(char letter) {
        return diagnostics.indexOf(letter) >= 0;
    }

    /** The local port actually bound: {@code -L}, else 67 (v4), 547 (v6 relayed) or 546 (v6). */
    public int effectiveLocalPort() {
        if (localPort != 0) {
            return localPort;
        }
        if (ipVersion == 4) {
            return 67;
        }
        return relayLevel > 0 ? 547 : 546;
    }

    /** The server port: {@code -N}, else 67 (v4) or 547 (v6). */
    public int effectiveRemotePort() {
        if (remotePort != 0) {
            return remotePort;
        }
        return ipVersion == 4 ? 67 : 547;
    }

    /** The {@code -n} limit for exchange {@code index}, or 0 when none. */
    public long requestLimit(int index) {
        return index < requestLimits.size() ? requestLimits.get(index) : 0;
    }

    /** The {@code -D} limit for exchange {@code index}, or null when none. */
    public DropLimit dropLimit(int index) {
        return index < dropLimits.size() ? dropLimits.get(index) : null;
    }

    /** The drop time for exchange {@code index} in nanoseconds. */
    public long dropTimeNanos(int index) {
        double seconds = index < dropTimeSeconds.size() ? dropTimeSeconds.get(index)
                : (dropTimeSeconds.isEmpty() ? 1.0 : dropTimeSeconds.getLast());
        return (long) (seconds * 1_000_000_000L);
    }
}

package dev.nestor.tools.lab;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one lab run saw, measured and checked; {@link Verdict#judge} decides pass or fail from it alone.
 *
 * @param scenario        the scenario's name ({@code hot-standby})
 * @param started         when the run began (the machine's local time, as the servers' logs write it)
 * @param directory       the run directory (configs, logs, lease files, control sockets)
 * @param setup           header lines: where the configs came from and what the lab rewrote in its copies
 * @param servers         each server's HA state transitions, final state and lease count
 * @param phases          each phase's load figures, in order
 * @param failover        from the primary's stop to the standby being partner-down and answering; null when it
 *                        never was
 * @param recovery        from the primary's restart to both servers in hot-standby; null when they never were
 * @param standbyMessages how often the standby logged each failure-detection message ID the plan expects
 * @param ackedLeases     distinct addresses the client was ACKed
 * @param leasedTwice     addresses held by two clients (must be empty), see {@link LeaseCheck#leasedTwice}
 * @param missing         ACKed leases missing from a lease file (must be empty), see {@link LeaseCheck#missing}
 * @param problems        what went wrong during the run (a phase that timed out, a server that died)
 */
public record LabReport(
        String scenario,
        LocalDateTime started,
        String directory,
        List<String> setup,
        List<Server> servers,
        List<Phase> phases,
        Duration failover,
        Duration recovery,
        Map<String, Integer> standbyMessages,
        int ackedLeases,
        List<String> leasedTwice,
        List<String> missing,
        List<String> problems) {

    /** The message IDs the standby must log while the primary is away (the guide's phase 2). */
    public static final List<String> FAILOVER_MESSAGES = List.of("HA_HEARTBEAT_COMMUNICATIONS_FAILED",
            "HA_COMMUNICATION_INTERRUPTED", "HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED");

    public LabReport {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(started);
        setup = List.copyOf(setup);
        servers = List.copyOf(servers);
        phases = List.copyOf(phases);
        standbyMessages = Map.copyOf(standbyMessages);
        leasedTwice = List.copyOf(leasedTwice);
        missing = List.copyOf(missing);
        problems = List.copyOf(problems);
    }

    /**
     * One server of the pair.
     *
     * @param name        {@code primary} or {@code standby}
     * @param transitions its HA_STATE_TRANSITION lines, in order (across restarts)
     * @param finalState  its HA state at the end, as status-get said ({@code "down"} when not running)
     * @param leases      active leases in its lease file at the end
     */
    public record Server(String name, List<Transition> transitions, String finalState, int leases) {
        public Server {
            transitions = List.copyOf(transitions);
        }
    }

    /** A logged state change: {@code at} is the log line's time stamp; states in lower case as status-get says. */
    public record Transition(LocalDateTime at, String from, String to) {
    }

    /**
     * One phase of the plan.
     *
     * @param name          {@code hot-standby}, {@code failover}, {@code recovery}
     * @param seconds       how long the phase's load ran
     * @param sent          DISCOVERs sent (each to both servers)
     * @param acks          ACKs received
     * @param acksByServer  ACKs by answering server name ({@code primary}, {@code standby})
     * @param drops         requests left unanswered (DISCOVER and REQUEST)
     */
    public record Phase(String name, double seconds, long sent, long acks, Map<String, Long> acksByServer,
                        long drops) {
        public Phase {
            acksByServer = Map.copyOf(acksByServer);
        }

        /** ACKs from {@code server} (0 when none). */
        public long acksFrom(String server) {
            return acksByServer.getOrDefault(server, 0L);
        }
    }

    /** The server named {@code name}, if the report has it. */
    public java.util.Optional<Server> server(String name) {
        return servers.stream().filter(server -> server.name().equals(name)).findFirst();
    }

    /** The phase named {@code name}, if it ran. */
    public java.util.Optional<Phase> phase(String name) {
        return phases.stream().filter(phase -> phase.name().equals(name)).findFirst();
    }
}

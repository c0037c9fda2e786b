package dev.nestor.config.ha;

import java.util.List;
import java.util.Map;

/**
 * One HA relationship (one element of {@code high-availability}), validated as Kea 2.2 validates it
 * (ha-protocol.md §2) with Kea's defaults applied.
 *
 * @param thisServerName          this server's peer name
 * @param mode                    mode
 * @param heartbeatDelayMs        0..65535, default 10000; 0 = no heartbeats
 * @param maxResponseDelayMs      0..65535, default 60000
 * @param maxAckDelayMs           0..65535, default 10000
 * @param maxUnackedClients       default 10; 0 = no unacked-client analysis
 * @param maxRejectedLeaseUpdates default 10 (Kea 2.4+ semantics; parsed for forward compatibility)
 * @param delayedUpdatesLimit     default 100 in load-balancing, else 0
 * @param sendLeaseUpdates        default true
 * @param syncLeases              default true
 * @param syncTimeoutMs           default 60000
 * @param syncPageLimit           default 10000
 * @param waitBackupAck           default false
 * @param requireClientCerts      default true
 * @param restrictCommands        default false (Kea 2.2)
 * @param tls                     relationship-level TLS, or {@code null}
 * @param multiThreading          HA+MT settings
 * @param statePauses             state name to pause policy ({@code always}, {@code never}, {@code once})
 * @param peers                   all peers, in file order
 */
public record HaRelationship(String thisServerName, HaMode mode, int heartbeatDelayMs, int maxResponseDelayMs,
                             int maxAckDelayMs, long maxUnackedClients, long maxRejectedLeaseUpdates,
                             long delayedUpdatesLimit, boolean sendLeaseUpdates, boolean syncLeases,
                             long syncTimeoutMs, long syncPageLimit, boolean waitBackupAck,
                             boolean requireClientCerts, boolean restrictCommands, HaTls tls,
                             MultiThreading multiThreading, Map<String, String> statePauses, List<HaPeer> peers) {

    /** Copies the collections. */
    public HaRelationship {
        statePauses = Map.copyOf(statePauses);
        peers = List.copyOf(peers);
    }

    /** The states a state-machine entry may name. */
    public static final List<String> STATES = List.of("backup", "communication-recovery", "hot-standby",
            "load-balancing", "in-maintenance", "partner-down", "partner-in-maintenance", "passive-backup",
            "ready", "syncing", "terminated", "waiting");

    /** This server's own peer entry. */
    public HaPeer thisPeer() {
        for (HaPeer p : peers) {
            if (p.name().equals(thisServerName)) return p;
        }
        throw new IllegalStateException("validated relationship lacks its own peer");
    }

    /** Pause policy for {@code state}: {@code never} unless configured. */
    public String pauseFor(String state) {
        return statePauses.getOrDefault(state, "never");
    }

    /**
     * HA multi-threading.
     *
     * @param enabled               {@code enable-multi-threading} (Kea 2.2 default false)
     * @param httpDedicatedListener {@code http-dedicated-listener} (default false)
     * @param httpListenerThreads   0 = as many as DHCP threads
     * @param httpClientThreads     0 = as many as DHCP threads
     */
    public record MultiThreading(boolean enabled, boolean httpDedicatedListener, int httpListenerThreads,
                                 int httpClientThreads) {
    }
}

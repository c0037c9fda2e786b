package dev.nestor.ha;

import dev.nestor.config.ha.HaPeer;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.ha.state.HaMode;
import dev.nestor.ha.state.HaRole;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.state.PausePolicy;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The checked HA parameters of one relationship, as the HA service needs them (Kea's {@code high-availability}
 * map, ha-protocol.md §2). Times in milliseconds, as in Kea's configuration.
 *
 * <p>This is the HA module's own view; the configuration module's model is mapped onto it when the service is
 * built, so the state machine and the failure detector can be tested without a configuration file.
 *
 * @param thisServerName          this server's peer name (also its scope name)
 * @param mode                    the relationship's mode
 * @param role                    this server's role
 * @param primaryName             the primary's peer name
 * @param secondaryName           the secondary's name (load-balancing only)
 * @param standbyName             the standby's name (hot-standby only)
 * @param heartbeatDelayMillis    delay between the end of a heartbeat and the next; 0 = no heartbeats
 * @param maxResponseDelayMillis  no successful heartbeat for longer than this = communication interrupted
 * @param maxAckDelayMillis       a client waiting longer than this counts as unacked
 * @param maxUnackedClients       partner is down when more clients than this are unacked; 0 = at once
 * @param maxRejectedLeaseUpdates clients with rejected (conflict) updates before terminated; 0 = never
 * @param delayedUpdatesLimit     backlog size in communication-recovery; 0 disables that state
 * @param sendLeaseUpdates        whether lease updates are sent at all
 * @param syncLeases              whether {@code syncing} pulls the partner's leases (false: waiting -> ready)
 * @param syncTimeoutMillis       timeout of each lease page request; sets the dhcp-disable max-period
 * @param syncPageLimit           leases per page requested during sync
 * @param autoFailover            false: in partner-down keep serving only this server's own scope
 * @param pauses                  state-machine pause policy per state (absent = never)
 */
public record HaSettings(String thisServerName, HaMode mode, HaRole role, String primaryName,
                         Optional<String> secondaryName, Optional<String> standbyName,
                         long heartbeatDelayMillis, long maxResponseDelayMillis, long maxAckDelayMillis,
                         long maxUnackedClients, long maxRejectedLeaseUpdates, long delayedUpdatesLimit,
                         boolean sendLeaseUpdates, boolean syncLeases, long syncTimeoutMillis, long syncPageLimit,
                         boolean autoFailover, Map<HaState, PausePolicy> pauses) {

    public HaSettings {
        Objects.requireNonNull(thisServerName, "thisServerName");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(primaryName, "primaryName");
        Objects.requireNonNull(secondaryName, "secondaryName");
        Objects.requireNonNull(standbyName, "standbyName");
        pauses = pauses.isEmpty() ? Map.of() : Map.copyOf(pauses);
        switch (mode) {
            case LOAD_BALANCING -> {
                if (secondaryName.isEmpty() || standbyName.isPresent()) {
                    throw new IllegalArgumentException("load-balancing needs a primary and a secondary, no standby");
                }
            }
            case HOT_STANDBY -> {
                if (standbyName.isEmpty() || secondaryName.isPresent()) {
                    throw new IllegalArgumentException("hot-standby needs a primary and a standby, no secondary");
                }
                if (delayedUpdatesLimit != 0) {
                    throw new IllegalArgumentException(
                            "'delayed-updates-limit' must be set to 0 in the hot standby configuration");
                }
            }
            case PASSIVE_BACKUP -> {
                if (secondaryName.isPresent() || standbyName.isPresent()) {
                    throw new IllegalArgumentException("passive-backup has only a primary and backups");
                }
            }
        }
    }

    /**
     * The settings of a relationship as nestor-config validated it (Kea's checks and defaults already applied).
     *
     * @throws IllegalArgumentException if the relationship lacks a peer its mode needs (the configuration parser
     *                                  refuses such files, so this only guards against hand-built values)
     */
    public static HaSettings from(HaRelationship relationship) {
        HaMode mode = HaMode.fromKeaName(relationship.mode().keaName()).orElseThrow();
        String primary = null;
        String secondary = null;
        String standby = null;
        for (HaPeer peer : relationship.peers()) {
            switch (peer.role().keaName()) {
                case "primary" -> primary = peer.name();
                case "secondary" -> secondary = peer.name();
                case "standby" -> standby = peer.name();
                default -> { }
            }
        }
        if (primary == null) {
            throw new IllegalArgumentException("primary server required in the " + relationship.mode().prose()
                    + " configuration");
        }
        HaPeer self = relationship.thisPeer();
        Map<HaState, PausePolicy> pauses = new EnumMap<>(HaState.class);
        relationship.statePauses().forEach((stateName, policy) -> HaState.fromKeaName(stateName).ifPresent(
                state -> pauses.put(state, PausePolicy.valueOf(policy.toUpperCase(java.util.Locale.ROOT)))));
        return new HaSettings(relationship.thisServerName(), mode,
                HaRole.fromKeaName(self.role().keaName()).orElseThrow(), primary, Optional.ofNullable(secondary),
                Optional.ofNullable(standby), relationship.heartbeatDelayMs(), relationship.maxResponseDelayMs(),
                relationship.maxAckDelayMs(), relationship.maxUnackedClients(),
                relationship.maxRejectedLeaseUpdates(), relationship.delayedUpdatesLimit(),
                relationship.sendLeaseUpdates(), relationship.syncLeases(), relationship.syncTimeoutMs(),
                relationship.syncPageLimit(), self.autoFailover(), pauses);
    }

    /** Kea's defaults for a hot-standby pair (§2.1), seen from {@code thisServerName}. */
    public static HaSettings hotStandby(String thisServerName, String primaryName, String standbyName) {
        HaRole role = thisServerName.equals(primaryName) ? HaRole.PRIMARY
                : thisServerName.equals(standbyName) ? HaRole.STANDBY : HaRole.BACKUP;
        return new HaSettings(thisServerName, HaMode.HOT_STANDBY, role, primaryName, Optional.empty(),
                Optional.of(standbyName), 10_000, 60_000, 10_000, 10, 10, 0, true, true, 60_000, 10_000, true,
                Map.of());
    }

    /** Kea's defaults for a load-balancing pair (§2.1), seen from {@code thisServerName}. */
    public static HaSettings loadBalancing(String thisServerName, String primaryName, String secondaryName) {
        HaRole role = thisServerName.equals(primaryName) ? HaRole.PRIMARY
                : thisServerName.equals(secondaryName) ? HaRole.SECONDARY : HaRole.BACKUP;
        return new HaSettings(thisServerName, HaMode.LOAD_BALANCING, role, primaryName, Optional.of(secondaryName),
                Optional.empty(), 10_000, 60_000, 10_000, 10, 10, 100, true, true, 60_000, 10_000, true, Map.of());
    }

    /** Kea's defaults for passive-backup (§2.1), seen from {@code thisServerName}. */
    public static HaSettings passiveBackup(String thisServerName, String primaryName) {
        HaRole role = thisServerName.equals(primaryName) ? HaRole.PRIMARY : HaRole.BACKUP;
        return new HaSettings(thisServerName, HaMode.PASSIVE_BACKUP, role, primaryName, Optional.empty(),
                Optional.empty(), 10_000, 60_000, 10_000, 10, 10, 0, true, true, 60_000, 10_000, true, Map.of());
    }

    /** The failover partner (the other active server), or empty for backups and in passive-backup mode. */
    public Optional<String> partnerName() {
        if (role == HaRole.BACKUP || mode == HaMode.PASSIVE_BACKUP) {
            return Optional.empty();
        }
        String other = mode == HaMode.LOAD_BALANCING ? secondaryName.orElseThrow() : standbyName.orElseThrow();
        return Optional.of(thisServerName.equals(primaryName) ? other : primaryName);
    }

    /** The scopes this server serves in its normal state: its own name for primary/secondary, none otherwise. */
    public Set<String> defaultScopes() {
        return role == HaRole.PRIMARY || role == HaRole.SECONDARY ? Set.of(thisServerName) : Set.of();
    }

    /** The scopes served when the partner is down or in maintenance: the primary's and the secondary's names. */
    public Set<String> failoverScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(primaryName);
        secondaryName.ifPresent(scopes::add);
        return Set.copyOf(scopes);
    }

    /** The pause policy configured for a state ({@code never} when not configured). */
    public PausePolicy pausePolicy(HaState state) {
        return pauses.getOrDefault(state, PausePolicy.NEVER);
    }

    public HaSettings withTimers(long heartbeatDelay, long maxResponseDelay, long maxAckDelay) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName, heartbeatDelay,
                maxResponseDelay, maxAckDelay, maxUnackedClients, maxRejectedLeaseUpdates, delayedUpdatesLimit,
                sendLeaseUpdates, syncLeases, syncTimeoutMillis, syncPageLimit, autoFailover, pauses);
    }

    public HaSettings withMaxUnackedClients(long value) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, value, maxRejectedLeaseUpdates,
                delayedUpdatesLimit, sendLeaseUpdates, syncLeases, syncTimeoutMillis, syncPageLimit, autoFailover,
                pauses);
    }

    public HaSettings withMaxRejectedLeaseUpdates(long value) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients, value,
                delayedUpdatesLimit, sendLeaseUpdates, syncLeases, syncTimeoutMillis, syncPageLimit, autoFailover,
                pauses);
    }

    public HaSettings withDelayedUpdatesLimit(long value) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients,
                maxRejectedLeaseUpdates, value, sendLeaseUpdates, syncLeases, syncTimeoutMillis, syncPageLimit,
                autoFailover, pauses);
    }

    public HaSettings withSync(boolean sync, long timeoutMillis) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients,
                maxRejectedLeaseUpdates, delayedUpdatesLimit, sendLeaseUpdates, sync, timeoutMillis, syncPageLimit,
                autoFailover, pauses);
    }

    public HaSettings withSendLeaseUpdates(boolean value) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients,
                maxRejectedLeaseUpdates, delayedUpdatesLimit, value, syncLeases, syncTimeoutMillis, syncPageLimit,
                autoFailover, pauses);
    }

    public HaSettings withAutoFailover(boolean value) {
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients,
                maxRejectedLeaseUpdates, delayedUpdatesLimit, sendLeaseUpdates, syncLeases, syncTimeoutMillis,
                syncPageLimit, value, pauses);
    }

    public HaSettings withPause(HaState state, PausePolicy policy) {
        Map<HaState, PausePolicy> copy = new EnumMap<>(HaState.class);
        copy.putAll(pauses);
        copy.put(state, policy);
        return new HaSettings(thisServerName, mode, role, primaryName, secondaryName, standbyName,
                heartbeatDelayMillis, maxResponseDelayMillis, maxAckDelayMillis, maxUnackedClients,
                maxRejectedLeaseUpdates, delayedUpdatesLimit, sendLeaseUpdates, syncLeases, syncTimeoutMillis,
                syncPageLimit, autoFailover, copy);
    }
}

package dev.nestor.ha.state;

import java.util.Locale;
import java.util.Optional;

/**
 * The states of Kea's HA state machine, spelled on the wire exactly as Kea spells them ({@link #keaName()}).
 *
 * <p>{@link #UNAVAILABLE} is a pseudo-state: what a server records for a partner it cannot reach. It is never
 * a local state. A partner that was never contacted has no state at all (an empty {@code Optional}).
 */
public enum HaState {
    BACKUP("backup"),
    COMMUNICATION_RECOVERY("communication-recovery"),
    HOT_STANDBY("hot-standby"),
    LOAD_BALANCING("load-balancing"),
    IN_MAINTENANCE("in-maintenance"),
    PARTNER_DOWN("partner-down"),
    PARTNER_IN_MAINTENANCE("partner-in-maintenance"),
    PASSIVE_BACKUP("passive-backup"),
    READY("ready"),
    SYNCING("syncing"),
    TERMINATED("terminated"),
    WAITING("waiting"),
    UNAVAILABLE("unavailable");

    private final String keaName;

    HaState(String keaName) {
        this.keaName = keaName;
    }

    /** The name Kea uses in heartbeats, status-get and configuration ({@code "hot-standby"}). */
    public String keaName() {
        return keaName;
    }

    /** The upper-case form Kea prints in {@code HA_STATE_TRANSITION} ({@code "HOT-STANDBY"}). */
    public String logName() {
        return keaName.toUpperCase(Locale.ROOT);
    }

    /** Whether Kea runs the DHCP service (local network state enabled) while in this state (§5). */
    public boolean dhcpServiceEnabled() {
        return switch (this) {
            case COMMUNICATION_RECOVERY, LOAD_BALANCING, HOT_STANDBY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE,
                 PASSIVE_BACKUP, TERMINATED -> true;
            case WAITING, SYNCING, READY, IN_MAINTENANCE, BACKUP, UNAVAILABLE -> false;
        };
    }

    /** The state with this Kea name, or empty for an unknown name (a heartbeat with it fails). */
    public static Optional<HaState> fromKeaName(String name) {
        for (HaState state : values()) {
            if (state.keaName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}

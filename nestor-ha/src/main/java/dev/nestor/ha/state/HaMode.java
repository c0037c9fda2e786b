package dev.nestor.ha.state;

import java.util.Optional;

/** The HA mode of a relationship, spelled as in Kea's {@code mode} parameter. */
public enum HaMode {
    LOAD_BALANCING("load-balancing"),
    HOT_STANDBY("hot-standby"),
    PASSIVE_BACKUP("passive-backup");

    private final String keaName;

    HaMode(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    /** The state both active servers are in when all is well ({@code load-balancing}, {@code hot-standby}...). */
    public HaState normalState() {
        return switch (this) {
            case LOAD_BALANCING -> HaState.LOAD_BALANCING;
            case HOT_STANDBY -> HaState.HOT_STANDBY;
            case PASSIVE_BACKUP -> HaState.PASSIVE_BACKUP;
        };
    }

    public static Optional<HaMode> fromKeaName(String name) {
        for (HaMode mode : values()) {
            if (mode.keaName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}

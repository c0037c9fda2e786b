package dev.nestor.ha.state;

import java.util.Optional;

/** The role of a peer, spelled as in Kea's peer {@code role} parameter. */
public enum HaRole {
    PRIMARY("primary"),
    SECONDARY("secondary"),
    STANDBY("standby"),
    BACKUP("backup");

    private final String keaName;

    HaRole(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }

    public static Optional<HaRole> fromKeaName(String name) {
        for (HaRole role : values()) {
            if (role.keaName.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return keaName;
    }
}

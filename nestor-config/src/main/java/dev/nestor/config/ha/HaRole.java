package dev.nestor.config.ha;

/** Role of a peer, with Kea's spelling. */
public enum HaRole {
    /** Active server (every mode). */
    PRIMARY("primary"),
    /** Second active server (load-balancing). */
    SECONDARY("secondary"),
    /** Takes over from the primary (hot-standby). */
    STANDBY("standby"),
    /** Receives lease updates only (any mode). */
    BACKUP("backup");

    private final String keaName;

    HaRole(String keaName) {
        this.keaName = keaName;
    }

    /** The config spelling. */
    public String keaName() { return keaName; }

    /** The role spelled {@code name}, or {@code null}. */
    public static HaRole of(String name) {
        for (HaRole r : values()) {
            if (r.keaName.equals(name)) return r;
        }
        return null;
    }
}

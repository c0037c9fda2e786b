package dev.nestor.config.ha;

/** HA mode of a relationship, with Kea's spelling. */
public enum HaMode {
    /** Two active servers sharing clients by hash. */
    LOAD_BALANCING("load-balancing", "load balancing"),
    /** Primary serves, standby takes over. */
    HOT_STANDBY("hot-standby", "hot standby"),
    /** Primary serves and replicates to backups only. */
    PASSIVE_BACKUP("passive-backup", "passive backup");

    private final String keaName;
    private final String prose;

    HaMode(String keaName, String prose) {
        this.keaName = keaName;
        this.prose = prose;
    }

    /** The config spelling. */
    public String keaName() { return keaName; }

    /** The words Kea uses in messages ("hot standby"). */
    public String prose() { return prose; }

    /** The mode spelled {@code name}, or {@code null}. */
    public static HaMode of(String name) {
        for (HaMode m : values()) {
            if (m.keaName.equals(name)) return m;
        }
        return null;
    }
}

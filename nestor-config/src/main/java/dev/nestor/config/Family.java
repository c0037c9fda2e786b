package dev.nestor.config;

/** Which server a configuration is for: {@code kea-dhcp4} ({@code Dhcp4} object) or {@code kea-dhcp6} ({@code Dhcp6}). */
public enum Family {
    /** DHCPv4: top-level key {@code Dhcp4}, option space {@code dhcp4}. */
    V4("Dhcp4", "dhcp4"),
    /** DHCPv6: top-level key {@code Dhcp6}, option space {@code dhcp6}. */
    V6("Dhcp6", "dhcp6");

    private final String topLevelKey;
    private final String optionSpace;

    Family(String topLevelKey, String optionSpace) {
        this.topLevelKey = topLevelKey;
        this.optionSpace = optionSpace;
    }

    /** {@code Dhcp4} or {@code Dhcp6}. */
    public String topLevelKey() { return topLevelKey; }

    /** {@code dhcp4} or {@code dhcp6}. */
    public String optionSpace() { return optionSpace; }

    /** Kea's log prefix for this family ({@code DHCP4} or {@code DHCP6}). */
    public String logPrefix() { return this == V4 ? "DHCP4" : "DHCP6"; }
}

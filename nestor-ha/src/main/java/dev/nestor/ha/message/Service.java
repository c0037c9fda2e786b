package dev.nestor.ha.message;

/** The {@code service} a peer command is addressed to, as Kea's control agent routes it. */
public enum Service {
    DHCP4("dhcp4"),
    DHCP6("dhcp6");

    private final String keaName;

    Service(String keaName) {
        this.keaName = keaName;
    }

    public String keaName() {
        return keaName;
    }
}

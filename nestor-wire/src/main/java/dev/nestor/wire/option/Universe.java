package dev.nestor.wire.option;

/**
 * DHCPv4 or DHCPv6: decides option header sizes (1 or 2 byte code and length) and tuple length fields.
 */
public enum Universe {
    V4,
    V6;

    /** V6 for {@code dhcp6} and spaces only DHCPv6 predefines; V4 otherwise (custom spaces default to V4). */
    public static Universe ofSpace(String space) {
        if ("dhcp6".equals(space)) {
            return V6;
        }
        if (StandardOptions.v6SpaceNames().contains(space) && !StandardOptions.v4SpaceNames().contains(space)) {
            return V6;
        }
        return V4;
    }
}

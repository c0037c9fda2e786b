package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.net.Inet6Address;
import java.util.List;

/**
 * A DHCPv6 host reservation.
 *
 * @param identifier    the one identifier the host is found by
 * @param ipAddresses   reserved addresses
 * @param prefixes      reserved delegated prefixes
 * @param hostname      reserved hostname, or empty
 * @param options       host-level option-data
 * @param clientClasses classes the host is put in
 * @param userContext   user context or {@code null}
 */
public record Reservation6(HostIdentifier identifier, List<Inet6Address> ipAddresses, List<Prefix6> prefixes,
                           String hostname, List<OptionData> options, List<String> clientClasses,
                           JsonObject userContext) {
    /** Copies the lists. */
    public Reservation6 {
        ipAddresses = List.copyOf(ipAddresses);
        prefixes = List.copyOf(prefixes);
        options = List.copyOf(options);
        clientClasses = List.copyOf(clientClasses);
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A DHCPv4 host reservation (global, or inside a subnet).
 *
 * @param identifier     the one identifier the host is found by
 * @param ipAddress      reserved address as an unsigned int, or empty
 * @param hostname       reserved hostname, or empty string
 * @param options        host-level option-data (highest precedence)
 * @param nextServer     siaddr override, or empty
 * @param serverHostname sname override, or empty
 * @param bootFileName   file override, or empty
 * @param clientClasses  classes the host is put in
 * @param userContext    user context or {@code null}
 */
public record Reservation4(HostIdentifier identifier, Optional<Integer> ipAddress, String hostname,
                           List<OptionData> options, Optional<Integer> nextServer, Optional<String> serverHostname,
                           Optional<String> bootFileName, List<String> clientClasses, JsonObject userContext) {
    /** Copies the lists. */
    public Reservation4 {
        options = List.copyOf(options);
        clientClasses = List.copyOf(clientClasses);
    }
}

package dev.nestor.server.engine;

import dev.nestor.lease.Identifier;

/**
 * One host reservation of a subnet, as the engine uses it.
 *
 * @param identifierType  Kea's identifier name: {@code hw-address} or {@code client-id}
 * @param identifier      the identifier bytes (chaddr, or the full option 61 payload)
 * @param address         the reserved address, 0 when the reservation holds none
 * @param hostname        reserved host name bytes (option 12), empty when none
 * @param options         host-level options (highest precedence)
 * @param nextServer      siaddr override, -1 when none
 * @param serverHostname  sname override, null when none
 * @param bootFileName    file override, null when none
 */
public record HostPlan(String identifierType, Identifier identifier, int address, byte[] hostname, OptionSet options,
                       long nextServer, byte[] serverHostname, byte[] bootFileName) {
    /** Whether this reservation names {@code client}. */
    public boolean matches(ClientIdentity client) {
        return switch (identifierType) {
            case "hw-address" -> identifier.equals(client.hardwareAddress());
            case "client-id" -> identifier.equals(client.clientId());
            default -> false;
        };
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import dev.nestor.wire.option.OptionDefinition;
import java.util.List;
import java.util.Optional;

/**
 * A validated, immutable {@code Dhcp6} configuration with Kea 2.2's defaults applied and inheritance resolved
 * into each {@link Subnet6}. Fields mean what the same fields of {@link Dhcp4Config} mean; DHCPv6 adds:
 *
 * @param interfacesConfig        where to listen (existence checked at server start)
 * @param leaseDatabase           memfile settings
 * @param multiThreading          multi-threading settings
 * @param expiredLeasesProcessing reclamation settings
 * @param subnets                 all subnets, sorted by ID
 * @param sharedNetworks          shared networks in file order
 * @param globalReservations      global reservations
 * @param clientClasses           client classes in file order
 * @param options                 global option-data
 * @param optionDefinitions       custom option definitions
 * @param controlSockets          control channel listeners
 * @param loggers                 logger configuration
 * @param hooks                   natively provided hook libraries
 * @param preferredLifetime       global preferred-lifetime triplet (default 3600)
 * @param validLifetime           global valid-lifetime triplet (default 7200)
 * @param declineProbationPeriod  seconds (default 86400)
 * @param hostReservationIdentifiers lookup order (default hw-address, duid)
 * @param macSources              MAC address sources (default {@code any})
 * @param relaySuppliedOptions    option codes accepted from relays (RFC 6422; option 65 is always allowed)
 * @param dataDirectory           {@code data-directory}, or empty for the build default
 * @param serverId                server DUID settings, or empty for Kea's default (generated DUID-LLT)
 * @param ipReservationsUnique    default true
 * @param earlyGlobalReservationsLookup default false
 * @param reservationsLookupFirst default false
 * @param statisticDefaultSampleCount default 20
 * @param statisticDefaultSampleAge   default 0
 * @param parkedPacketLimit       default 256
 * @param leaseChecks             sanity-checks lease-checks (default warn)
 * @param serverTag               server-tag
 * @param userContext             global user context or {@code null}
 */
public record Dhcp6Config(InterfacesConfig interfacesConfig, LeaseDatabase leaseDatabase, MultiThreading multiThreading,
                          ExpiredLeasesProcessing expiredLeasesProcessing, List<Subnet6> subnets,
                          List<SharedNetwork6> sharedNetworks, List<Reservation6> globalReservations,
                          List<ClientClass> clientClasses, List<OptionData> options,
                          List<OptionDefinition> optionDefinitions, List<ControlSocket> controlSockets,
                          List<LoggerConfig> loggers, HooksConfig hooks, Triplet preferredLifetime,
                          Triplet validLifetime, long declineProbationPeriod, List<String> hostReservationIdentifiers,
                          List<String> macSources, List<Integer> relaySuppliedOptions, Optional<String> dataDirectory,
                          Optional<ServerId> serverId, boolean ipReservationsUnique,
                          boolean earlyGlobalReservationsLookup, boolean reservationsLookupFirst,
                          long statisticDefaultSampleCount, long statisticDefaultSampleAge, long parkedPacketLimit,
                          String leaseChecks, String serverTag, JsonObject userContext)
        implements FamilyConfig<Subnet6> {
    /** Copies the lists. */
    public Dhcp6Config {
        subnets = List.copyOf(subnets);
        sharedNetworks = List.copyOf(sharedNetworks);
        globalReservations = List.copyOf(globalReservations);
        clientClasses = List.copyOf(clientClasses);
        options = List.copyOf(options);
        optionDefinitions = List.copyOf(optionDefinitions);
        controlSockets = List.copyOf(controlSockets);
        loggers = List.copyOf(loggers);
        hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        macSources = List.copyOf(macSources);
        relaySuppliedOptions = List.copyOf(relaySuppliedOptions);
    }
}

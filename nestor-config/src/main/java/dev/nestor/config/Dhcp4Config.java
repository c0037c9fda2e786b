package dev.nestor.config;

import dev.nestor.json.JsonObject;
import dev.nestor.wire.option.OptionDefinition;
import java.util.List;

/**
 * A validated, immutable {@code Dhcp4} configuration with Kea 2.2's defaults applied and inheritance resolved into
 * each {@link Subnet4}. Built only by {@link ConfigLoader}; the server sees nothing else of the file.
 *
 * @param interfacesConfig        where to listen (existence of interfaces is checked at server start, not here)
 * @param leaseDatabase           memfile settings
 * @param multiThreading          multi-threading settings
 * @param expiredLeasesProcessing reclamation settings
 * @param subnets                 all subnets (top-level and in shared networks), sorted by ID as Kea iterates them
 * @param sharedNetworks          shared networks in file order
 * @param globalReservations      reservations at global level
 * @param clientClasses           client classes in file order (evaluation order)
 * @param options                 global option-data (lowest precedence)
 * @param optionDefinitions       custom option definitions (global and from classes)
 * @param controlSockets          control channel listeners (empty: none)
 * @param loggers                 logger configuration (empty: Kea's default, INFO to stdout)
 * @param hooks                   natively provided hook libraries and their parameters
 * @param validLifetime           global valid-lifetime triplet (default 7200)
 * @param declineProbationPeriod  seconds (default 86400)
 * @param echoClientId            RFC 6842 (default true)
 * @param matchClientId           global default (default true)
 * @param authoritative           global default (default false)
 * @param hostReservationIdentifiers lookup order of identifier types
 * @param earlyGlobalReservationsLookup default false
 * @param ipReservationsUnique    default true
 * @param reservationsLookupFirst default false
 * @param statisticDefaultSampleCount default 20
 * @param statisticDefaultSampleAge   default 0
 * @param parkedPacketLimit       default 256
 * @param leaseChecks             sanity-checks lease-checks (default {@code warn})
 * @param serverTag               server-tag (default empty)
 * @param userContext             global user context or {@code null}
 */
public record Dhcp4Config(InterfacesConfig interfacesConfig, LeaseDatabase leaseDatabase, MultiThreading multiThreading,
                          ExpiredLeasesProcessing expiredLeasesProcessing, List<Subnet4> subnets,
                          List<SharedNetwork4> sharedNetworks, List<Reservation4> globalReservations,
                          List<ClientClass> clientClasses, List<OptionData> options,
                          List<OptionDefinition> optionDefinitions, List<ControlSocket> controlSockets,
                          List<LoggerConfig> loggers, HooksConfig hooks, Triplet validLifetime,
                          long declineProbationPeriod, boolean echoClientId, boolean matchClientId,
                          boolean authoritative, List<String> hostReservationIdentifiers,
                          boolean earlyGlobalReservationsLookup, boolean ipReservationsUnique,
                          boolean reservationsLookupFirst, long statisticDefaultSampleCount,
                          long statisticDefaultSampleAge, long parkedPacketLimit, String leaseChecks,
                          String serverTag, JsonObject userContext)
        implements FamilyConfig<Subnet4> {
    /** Copies the lists. */
    public Dhcp4Config {
        subnets = List.copyOf(subnets);
        sharedNetworks = List.copyOf(sharedNetworks);
        globalReservations = List.copyOf(globalReservations);
        clientClasses = List.copyOf(clientClasses);
        options = List.copyOf(options);
        optionDefinitions = List.copyOf(optionDefinitions);
        controlSockets = List.copyOf(controlSockets);
        loggers = List.copyOf(loggers);
        hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
    }
}

package dev.nestor.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link Dhcp4Config} from the {@code Dhcp4} map, with Kea 2.2's rules, defaults and messages. */
final class Dhcp4Parser {
    private static final Set<String> SCOPE_KEYS = Set.of("valid-lifetime", "min-valid-lifetime", "max-valid-lifetime",
            "renew-timer", "rebind-timer", "calculate-tee-times", "t1-percent", "t2-percent", "cache-threshold",
            "cache-max-age", "match-client-id", "authoritative", "next-server", "server-hostname", "boot-file-name",
            "store-extended-info", "reservation-mode", "reservations-global", "reservations-in-subnet",
            "reservations-out-of-pool", "option-data", "user-context", "comment");
    private static final Set<String> GLOBAL_KEYS = union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of(
            "decline-probation-period", "echo-client-id", "early-global-reservations-lookup", "ip-reservations-unique",
            "reservations-lookup-first", "host-reservation-identifiers", "reservations", "option-def",
            "client-classes", "subnet4", "shared-networks", "interfaces-config", "lease-database", "hosts-database",
            "hosts-databases", "expired-leases-processing", "control-socket", "control-sockets", "multi-threading",
            "dhcp-queue-control", "hooks-libraries", "loggers", "sanity-checks", "dhcp4o6-port", "server-tag",
            "config-control", "statistic-default-sample-count", "statistic-default-sample-age", "parked-packet-limit",
            "dhcp-ddns", "compatibility"));
    private static final Set<String> NETWORK_KEYS = union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of("name", "subnet4",
            "interface", "relay", "client-class", "require-client-classes"));
    private static final Set<String> SUBNET_KEYS = union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of("subnet", "id",
            "pools", "reservations", "relay", "interface", "client-class", "require-client-classes", "4o6-interface",
            "4o6-interface-id", "4o6-subnet"));
    private static final Set<String> POOL_KEYS = Set.of("pool", "client-class", "client-classes", "require-client-classes", "option-data",
            "user-context", "comment");
    private static final Set<String> RESERVATION_KEYS = Set.of("hw-address", "duid", "client-id", "circuit-id",
            "flex-id", "ip-address", "hostname", "option-data", "next-server", "server-hostname", "boot-file-name",
            "client-classes", "user-context", "comment");
    private static final List<String> IDENTIFIER_TYPES = List.of("hw-address", "duid", "circuit-id", "client-id",
            "flex-id");

    private final CommonParser common;
    private final List<ConfigWarning> warnings;
    private final ScopeWalker.SubnetIds subnetIds = new ScopeWalker.SubnetIds();
    private boolean ipReservationsUnique;

    Dhcp4Parser(List<ConfigWarning> warnings, List<String> notActedOn) {
        this.warnings = warnings;
        this.common = new CommonParser(Family.V4, warnings, notActedOn);
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> out = new HashSet<>();
        for (Set<String> s : sets) out.addAll(s);
        return Set.copyOf(out);
    }

    Dhcp4Config parse(Obj g) throws ConfigException {
        ScopeWalker.GlobalSections sections = ScopeWalker.globalSections(common, g, GLOBAL_KEYS);
        List<String> identifiers = ScopeWalker.hostIdentifiers(g, List.of("hw-address", "duid", "circuit-id",
                "client-id"), IDENTIFIER_TYPES);
        ipReservationsUnique = g.bool("ip-reservations-unique", true);
        Triplet globalValid = common.triplet("valid-lifetime", 7200, List.of(g), g);
        if (g.has("next-server")) CommonParser.nextServer(g, g.stringOrNull("next-server"));
        g.checkTypes("constant string", "server-hostname", "boot-file-name");
        g.checkTypes("boolean", "calculate-tee-times", "match-client-id", "authoritative", "store-extended-info");
        CommonParser.checkGlobalScalars(g);

        List<Reservation4> globalReservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<Integer, Obj> seenAddresses = new HashMap<>();
        for (Obj r : g.maps("reservations", "reservations")) {
            globalReservations.add(reservation(r, seenIdentifiers, seenAddresses));
        }

        ScopeWalker.Walk<Subnet4, SharedNetwork4> walk = ScopeWalker.walk(common, g, sections.hooks(), scopes());
        List<Subnet4> subnets = walk.subnets();
        common.serviceWarnings(g, sections.interfaces(), sections.leaseDatabase(), subnets.size());
        warnOverlaps(subnets, g);

        if (g.has("reservations-lookup-first") && sections.multiThreading().enabled()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_IGNORED_PARAMETER", g.pos("reservations-lookup-first"),
                    g.path("reservations-lookup-first"), "reservations-lookup-first has no effect with multi-threading"
                    + " enabled: reservations are always looked up first"));
        }
        return new Dhcp4Config(sections.interfaces(), sections.leaseDatabase(), sections.multiThreading(),
                sections.expiredLeases(), subnets, walk.networks(), globalReservations, sections.classes(),
                sections.options(), common.catalog.custom(), sections.controlSockets(), sections.loggers(),
                sections.hooks(), globalValid,
                g.integer("decline-probation-period", 86400, 0, 0xFFFF_FFFFL), g.bool("echo-client-id", true),
                g.bool("match-client-id", true), g.bool("authoritative", false), identifiers,
                g.bool("early-global-reservations-lookup", false), ipReservationsUnique,
                g.bool("reservations-lookup-first", false),
                g.integer("statistic-default-sample-count", 20, 0, 0xFFFF_FFFFL),
                g.integer("statistic-default-sample-age", 0, 0, 0xFFFF_FFFFL),
                g.integer("parked-packet-limit", 256, 0, 0xFFFF_FFFFL), sections.leaseChecks(),
                g.string("server-tag", ""), g.userContext());
    }

    /** The DHCPv4 part of the shared-network and subnet walk. */
    private ScopeWalker.Family<Subnet4, SharedNetwork4, Integer> scopes() {
        return new ScopeWalker.Family<>("subnet4", NETWORK_KEYS, ScopeWalker.IPV4, (n, networkInterface) -> { },
                this::checkNetwork, this::subnet, this::checkMember, Subnet4::prefixText, Dhcp4Parser::network);
    }

    private void checkNetwork(ScopeWalker.Network<Integer> network, Obj g) throws ConfigException {
        checkScopeStrings(network.obj());
        bool(List.of(network.obj(), g), "authoritative", false);
    }

    private void checkMember(Subnet4 subnet, Obj s, ScopeWalker.Network<Integer> network, Obj g)
            throws ConfigException {
        boolean networkAuthoritative = bool(List.of(network.obj(), g), "authoritative", false);
        if (subnet.authoritative() != networkAuthoritative) {
            throw s.error("Subnet " + subnet.prefixText() + " has different authoritative setting "
                    + subnet.authoritative() + " than the shared-network itself: " + networkAuthoritative);
        }
    }

    private static SharedNetwork4 network(ScopeWalker.Network<Integer> network, List<Long> memberIds)
            throws ConfigException {
        return new SharedNetwork4(network.name(), memberIds, Optional.ofNullable(network.interfaceName()),
                network.relay(), Optional.ofNullable(network.clientClass()), network.obj().userContext());
    }

    /**
     * Kea accepts overlapping subnets (only the same prefix twice is an error) and then always selects the one with
     * the lower ID by address, so the other is reachable only through relay or interface selection.
     */
    private void warnOverlaps(List<Subnet4> subnets, Obj g) {
        List<Subnet4> byLength = new ArrayList<>(subnets);
        byLength.sort(Comparator.comparingInt(Subnet4::prefixLength));
        for (int i = 0; i < byLength.size(); i++) {
            Subnet4 wide = byLength.get(i);
            for (int j = i + 1; j < byLength.size(); j++) {
                Subnet4 narrow = byLength.get(j);
                if (wide.contains(narrow.prefix())) {
                    warnings.add(new ConfigWarning("NESTOR_CONFIG_SUBNETS_OVERLAP", g.pos("subnet4") != null
                            ? g.pos("subnet4") : g.position(), g.path("subnet4"),
                            "subnets " + wide.id() + " (" + wide.prefixText() + ") and " + narrow.id() + " ("
                                    + narrow.prefixText() + ") overlap: selection by address always picks subnet "
                                    + Math.min(wide.id(), narrow.id())));
                }
            }
        }
    }

    private void checkScopeStrings(Obj o) throws ConfigException {
        String hostname = o.stringOrNull("server-hostname");
        if (hostname != null) CommonParser.checkServerHostname(o, hostname);
        String file = o.stringOrNull("boot-file-name");
        if (file != null) CommonParser.checkBootFileName(o, file, 128);
        String ns = o.stringOrNull("next-server");
        if (ns != null) CommonParser.nextServer(o, ns);
    }

    private Subnet4 subnet(Obj s, ScopeWalker.Network<Integer> network, Obj g) throws ConfigException {
        s.allow(SUBNET_KEYS);
        for (String key : List.of("4o6-interface", "4o6-interface-id", "4o6-subnet")) {
            if (s.has(key)) throw s.error(key, "'" + key + "' (DHCPv4-over-DHCPv6) is not supported by Nestor");
        }
        s.require("subnet");
        String text = s.stringOrNull("subnet");
        ScopeWalker.Prefix<Integer> parsed = ScopeWalker.prefix(s, "subnet", text, "subnet configuration failed: ",
                ScopeWalker.IPV4);
        int prefix = parsed.address();
        int length = parsed.length();
        int mask = length == 0 ? 0 : -1 << (32 - length);
        String prefixText = Addresses.v4ToString(prefix) + "/" + length;
        long id = subnetIds.register(s, text, "IPv4");

        List<Obj> scopes = ScopeWalker.scopes(s, network.obj(), g);
        CommonParser.checkReservationMode(s);
        common.ddnsKeys(s);
        checkScopeStrings(s);

        Triplet valid = common.triplet("valid-lifetime", 7200, scopes, s);
        ScopeWalker.Timers timers = ScopeWalker.timers(scopes, s);
        Long rebind = timers.rebind();
        if (rebind != null && rebind >= valid.value()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_REBIND_NOT_BELOW_LIFETIME", s.position(), s.path,
                    "subnet " + prefixText + ": rebind-timer (" + rebind + ") is not below valid-lifetime ("
                            + valid.value() + "); clients will not rebind before their lease expires"));
        }
        ScopeWalker.TeeAndCache tee = ScopeWalker.teeAndCache(scopes, s, false, 0.875);

        int nextServer = 0;
        String nextServerText = nonEmpty(scopes, "next-server");
        if (nextServerText != null) nextServer = CommonParser.nextServer(CommonParser.where(scopes, "next-server", s), nextServerText);
        String serverHostname = nonEmpty(scopes, "server-hostname");
        String bootFileName = nonEmpty(scopes, "boot-file-name");
        boolean[] flags = CommonParser.reservationFlags(scopes);

        List<Integer> relay = s.has("relay") ? ScopeWalker.relay(s, ScopeWalker.IPV4) : network.relay();
        String iface = ScopeWalker.emptyToNull(s.stringOrNull("interface"));
        if (iface == null) iface = network.interfaceName();
        List<String> required = ScopeWalker.requiredClasses(s, network);

        List<OptionData> options = CommonParser.merge(common.optionData(s, false), network.options());

        List<Pool4> pools = ScopeWalker.pools(s, "pools", "pool", p -> pool(p, prefix, mask, prefixText),
                (pool, other) -> Integer.compareUnsigned(pool.first(), other.last()) <= 0
                        && Integer.compareUnsigned(other.first(), pool.last()) <= 0
                        ? "a pool of type V4, with the following address range: "
                                + Addresses.v4ToString(pool.first()) + "-" + Addresses.v4ToString(pool.last())
                                + " overlaps with an existing pool in the subnet: " + prefixText
                                + " to which it is being added"
                        : null);

        List<Reservation4> reservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<Integer, Obj> seenAddresses = new HashMap<>();
        for (Obj r : s.maps("reservations", "reservations")) {
            Reservation4 reservation = reservation(r, seenIdentifiers, seenAddresses);
            if (reservation.ipAddress().isPresent() && (reservation.ipAddress().get() & mask) != prefix) {
                throw r.error("ip-address", "specified reservation '" + Addresses.v4ToString(reservation.ipAddress().get())
                        + "' is not within the IPv4 subnet '" + prefixText + "'");
            }
            reservations.add(reservation);
        }

        return new Subnet4(id, prefix, length, pools, reservations, relay, Optional.ofNullable(iface),
                Optional.ofNullable(network.name()),
                Optional.ofNullable(ScopeWalker.emptyToNull(s.stringOrNull("client-class"))),
                Optional.ofNullable(network.clientClass()), required, valid, timers.renewTimer(),
                timers.rebindTimer(), tee.calculate(), tee.t1Percent(), tee.t2Percent(), tee.cacheThreshold(),
                tee.cacheMaxAge(), bool(scopes, "match-client-id", true), bool(scopes, "authoritative", false),
                nextServer, serverHostname == null ? "" : serverHostname, bootFileName == null ? "" : bootFileName,
                flags[0], flags[1], flags[2], bool(scopes, "store-extended-info", false), options, s.userContext());
    }

    private Pool4 pool(Obj p, int prefix, int mask, String prefixText) throws ConfigException {
        p.allow(POOL_KEYS);
        ScopeWalker.Range<Integer> range = ScopeWalker.poolRange(p, ScopeWalker.IPV4);
        int first = range.first();
        int last = range.last();
        if ((first & mask) != prefix || (last & mask) != prefix) {
            throw p.error("pool", "a pool of type V4, with the following address range: " + Addresses.v4ToString(first)
                    + "-" + Addresses.v4ToString(last) + " does not match the prefix of a subnet: " + prefixText
                    + " to which it is being added");
        }
        return new Pool4(first, last, CommonParser.poolClasses(p), p.strings("require-client-classes"),
                common.optionData(p, false), p.userContext());
    }

    private Reservation4 reservation(Obj r, Map<String, Obj> seenIdentifiers, Map<Integer, Obj> seenAddresses)
            throws ConfigException {
        r.allow(RESERVATION_KEYS);
        HostIdentifier identifier = ScopeWalker.uniqueIdentifier(r, IDENTIFIER_TYPES, seenIdentifiers, "IPv4");
        Optional<Integer> ip = Optional.empty();
        String ipText = r.stringOrNull("ip-address");
        if (ipText != null && !ipText.isEmpty()) {
            int address;
            try {
                address = Addresses.parseV4(ipText);
            } catch (IllegalArgumentException e) {
                throw r.error("ip-address", "invalid reservation address '" + ipText + "': it must be an IPv4 address");
            }
            if (address == 0) throw r.error("ip-address", "reserved address must not be 0.0.0.0");
            if (ipReservationsUnique && seenAddresses.putIfAbsent(address, r) != null) {
                throw r.error("ip-address", "failed to add new host using the address '" + ipText
                        + "' to the IPv4 subnet. There's already a reservation for this address");
            }
            ip = Optional.of(address);
        }
        String ns = r.stringOrNull("next-server");
        String hostname = r.string("hostname", "");
        String serverHostname = r.stringOrNull("server-hostname");
        if (serverHostname != null) CommonParser.checkServerHostname(r, serverHostname);
        String file = r.stringOrNull("boot-file-name");
        if (file != null) CommonParser.checkBootFileName(r, file, 127);
        return new Reservation4(identifier, ip, hostname, common.optionData(r, false),
                ns == null || ns.isEmpty() ? Optional.empty() : Optional.of(CommonParser.nextServer(r, ns)),
                Optional.ofNullable(serverHostname), Optional.ofNullable(file), r.strings("client-classes"),
                r.userContext());
    }

    private static boolean bool(List<Obj> scopes, String key, boolean builtIn) throws ConfigException {
        Boolean b = CommonParser.firstBool(scopes, key);
        return b == null ? builtIn : b;
    }

    /** First non-empty string among the scopes ("" at subnet or network level means "inherit"). */
    private static String nonEmpty(List<Obj> scopes, String key) throws ConfigException {
        for (Obj s : scopes) {
            String v = s.stringOrNull(key);
            if (v != null && !v.isEmpty()) return v;
        }
        return null;
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonValue;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds a {@link Dhcp6Config} from the {@code Dhcp6} map, with Kea 2.2's rules, defaults and messages. */
final class Dhcp6Parser {
    private static final Set<String> SCOPE_KEYS = Set.of("preferred-lifetime", "min-preferred-lifetime",
            "max-preferred-lifetime", "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer",
            "rebind-timer", "calculate-tee-times", "t1-percent", "t2-percent", "cache-threshold", "cache-max-age",
            "store-extended-info", "reservation-mode", "reservations-global", "reservations-in-subnet",
            "reservations-out-of-pool", "option-data", "user-context", "comment");
    private static final Set<String> GLOBAL_KEYS = Dhcp4Parser.union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of(
            "decline-probation-period", "early-global-reservations-lookup", "ip-reservations-unique",
            "reservations-lookup-first", "host-reservation-identifiers", "reservations", "option-def",
            "client-classes", "subnet6", "shared-networks", "interfaces-config", "lease-database", "hosts-database",
            "hosts-databases", "expired-leases-processing", "control-socket", "control-sockets", "multi-threading",
            "dhcp-queue-control", "hooks-libraries", "loggers", "sanity-checks", "dhcp4o6-port", "server-tag",
            "config-control", "statistic-default-sample-count", "statistic-default-sample-age", "parked-packet-limit",
            "dhcp-ddns", "compatibility", "mac-sources", "relay-supplied-options", "data-directory", "server-id"));
    private static final Set<String> NETWORK_KEYS = Dhcp4Parser.union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of(
            "name", "subnet6", "interface", "interface-id", "relay", "client-class", "require-client-classes",
            "rapid-commit"));
    private static final Set<String> SUBNET_KEYS = Dhcp4Parser.union(SCOPE_KEYS, CommonParser.DDNS_KEYS, Set.of(
            "subnet", "id", "pools", "pd-pools", "reservations", "relay", "interface", "interface-id", "client-class",
            "require-client-classes", "rapid-commit"));
    private static final Set<String> POOL_KEYS = Set.of("pool", "client-class", "client-classes", "require-client-classes", "option-data",
            "user-context", "comment");
    private static final Set<String> PD_POOL_KEYS = Set.of("prefix", "prefix-len", "delegated-len", "excluded-prefix",
            "excluded-prefix-len", "client-class", "client-classes", "require-client-classes", "option-data", "user-context", "comment");
    private static final Set<String> RESERVATION_KEYS = Set.of("hw-address", "duid", "flex-id", "ip-addresses",
            "prefixes", "hostname", "option-data", "client-classes", "user-context", "comment");
    private static final List<String> IDENTIFIER_TYPES = List.of("hw-address", "duid", "flex-id");

    private final CommonParser common;
    private final List<ConfigWarning> warnings;
    private final ScopeWalker.SubnetIds subnetIds = new ScopeWalker.SubnetIds();
    private boolean ipReservationsUnique;

    Dhcp6Parser(List<ConfigWarning> warnings, List<String> notActedOn) {
        this.warnings = warnings;
        this.common = new CommonParser(Family.V6, warnings, notActedOn);
    }

    Dhcp6Config parse(Obj g) throws ConfigException {
        ScopeWalker.GlobalSections sections = ScopeWalker.globalSections(common, g, GLOBAL_KEYS);
        List<String> identifiers = ScopeWalker.hostIdentifiers(g, List.of("hw-address", "duid"), IDENTIFIER_TYPES);
        List<String> macSources = g.has("mac-sources") ? g.strings("mac-sources") : List.of("any");
        Set<String> knownSources = Set.of("any", "raw", "duid", "ipv6-link-local", "client-link-addr-option",
                "rfc6939", "remote-id", "rfc4649", "subscriber-id", "rfc4580", "docsis-cmts", "docsis-modem");
        for (String source : macSources) {
            if (!knownSources.contains(source)) throw g.error("mac-sources", "unknown MAC address source: " + source);
        }
        common.noted(g, "mac-sources");
        List<Integer> rsoo = new ArrayList<>();
        for (JsonValue v : g.list("relay-supplied-options")) {
            String text = v instanceof dev.nestor.json.JsonString s ? s.value() : null;
            if (text == null) throw Obj.typeError(v, g.path("relay-supplied-options"), "constant string");
            Integer code = null;
            try {
                code = Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                var def = common.catalog.byName("dhcp6", text.strip());
                if (def != null) code = def.code();
            }
            if (code == null || code < 1 || code > 65535) {
                throw ConfigException.semantic(v.position(), g.path("relay-supplied-options"),
                        "unknown option '" + text + "' in relay-supplied-options");
            }
            rsoo.add(code);
        }
        Optional<ServerId> serverId = Optional.empty();
        Obj sid = g.map("server-id", "server-id");
        if (sid != null) {
            sid.allow(Set.of("type", "identifier", "time", "htype", "enterprise-id", "persist", "user-context", "comment"));
            sid.require("type");
            String type = sid.enumeration("type", "LLT", "LLT", "EN", "LL");
            String identifier = sid.string("identifier", "");
            if (!identifier.isEmpty() && CommonParser.identifierBytes(identifier) == null) {
                throw sid.error("identifier", "invalid server-id identifier '" + identifier + "': hex digits expected");
            }
            serverId = Optional.of(new ServerId(type, identifier, sid.integer("time", 0, 0, 0xFFFF_FFFFL),
                    (int) sid.integer("htype", 1, 0, 65535), sid.integer("enterprise-id", 2495, 0, 0xFFFF_FFFFL),
                    sid.bool("persist", true)));
        }
        ipReservationsUnique = g.bool("ip-reservations-unique", true);
        Triplet globalPreferred = common.triplet("preferred-lifetime", 3600, List.of(g), g);
        Triplet globalValid = common.triplet("valid-lifetime", 7200, List.of(g), g);
        g.checkTypes("boolean", "calculate-tee-times", "store-extended-info");
        CommonParser.checkGlobalScalars(g);

        List<Reservation6> globalReservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<String, Obj> seenResources = new HashMap<>();
        for (Obj r : g.maps("reservations", "reservations")) {
            globalReservations.add(reservation(r, null, seenIdentifiers, seenResources));
        }

        ScopeWalker.Walk<Subnet6, SharedNetwork6> walk = ScopeWalker.walk(common, g, sections.hooks(), scopes());
        List<Subnet6> subnets = walk.subnets();
        common.serviceWarnings(g, sections.interfaces(), sections.leaseDatabase(), subnets.size());

        return new Dhcp6Config(sections.interfaces(), sections.leaseDatabase(), sections.multiThreading(),
                sections.expiredLeases(), subnets, walk.networks(), globalReservations, sections.classes(),
                sections.options(), common.catalog.custom(), sections.controlSockets(), sections.loggers(),
                sections.hooks(), globalPreferred, globalValid,
                g.integer("decline-probation-period", 86400, 0, 0xFFFF_FFFFL), identifiers, macSources, rsoo,
                Optional.ofNullable(ScopeWalker.emptyToNull(g.stringOrNull("data-directory"))), serverId,
                ipReservationsUnique, g.bool("early-global-reservations-lookup", false),
                g.bool("reservations-lookup-first", false),
                g.integer("statistic-default-sample-count", 20, 0, 0xFFFF_FFFFL),
                g.integer("statistic-default-sample-age", 0, 0, 0xFFFF_FFFFL),
                g.integer("parked-packet-limit", 256, 0, 0xFFFF_FFFFL), sections.leaseChecks(),
                g.string("server-tag", ""), g.userContext());
    }

    /** The DHCPv6 part of the shared-network and subnet walk. */
    private ScopeWalker.Family<Subnet6, SharedNetwork6, Inet6Address> scopes() {
        return new ScopeWalker.Family<>("subnet6", NETWORK_KEYS, ScopeWalker.IPV6, Dhcp6Parser::checkInterfaceId,
                (network, g) -> { }, this::subnet, (subnet, s, network, g) -> { }, subnet -> subnet.prefix().toString(),
                Dhcp6Parser::network);
    }

    /** A shared network names either an interface or an interface-id, not both. */
    private static void checkInterfaceId(Obj n, String networkInterface) throws ConfigException {
        String networkInterfaceId = ScopeWalker.emptyToNull(n.stringOrNull("interface-id"));
        if (networkInterface != null && networkInterfaceId != null) {
            throw n.error("interface-id", "parameters 'interface' and 'interface-id' are mutually exclusive");
        }
    }

    private static SharedNetwork6 network(ScopeWalker.Network<Inet6Address> network, List<Long> memberIds)
            throws ConfigException {
        return new SharedNetwork6(network.name(), memberIds, Optional.ofNullable(network.interfaceName()),
                Optional.ofNullable(interfaceId(network)), network.relay(), Optional.ofNullable(network.clientClass()),
                network.obj().userContext());
    }

    /** The network's interface-id, or {@code null} (also outside any network). */
    private static String interfaceId(ScopeWalker.Network<Inet6Address> network) throws ConfigException {
        return network.obj() == null ? null : ScopeWalker.emptyToNull(network.obj().stringOrNull("interface-id"));
    }

    private static Prefix6 prefix(Obj o, String key, String text, String failurePrefix) throws ConfigException {
        ScopeWalker.Prefix<Inet6Address> prefix = ScopeWalker.prefix(o, key, text, failurePrefix, ScopeWalker.IPV6);
        return new Prefix6(prefix.address(), prefix.length());
    }

    private Subnet6 subnet(Obj s, ScopeWalker.Network<Inet6Address> network, Obj g) throws ConfigException {
        s.allow(SUBNET_KEYS);
        s.require("subnet");
        String text = s.stringOrNull("subnet");
        Prefix6 prefix = prefix(s, "subnet", text, "subnet configuration failed: ");
        long id = subnetIds.register(s, text, "IPv6");
        List<Obj> scopes = ScopeWalker.scopes(s, network.obj(), g);
        CommonParser.checkReservationMode(s);
        common.ddnsKeys(s);

        Triplet preferred = common.triplet("preferred-lifetime", 3600, scopes, s);
        Triplet valid = common.triplet("valid-lifetime", 7200, scopes, s);
        if (preferred.value() > valid.value()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_PREFERRED_ABOVE_VALID", s.position(), s.path,
                    "subnet " + prefix + ": preferred-lifetime (" + preferred.value() + ") is greater than valid-lifetime ("
                            + valid.value() + "); clients will be given preferred = valid"));
        }
        ScopeWalker.Timers timers = ScopeWalker.timers(scopes, s);
        ScopeWalker.TeeAndCache tee = ScopeWalker.teeAndCache(scopes, s, true, 0.8);
        boolean[] flags = CommonParser.reservationFlags(scopes);
        Boolean rapid = CommonParser.firstBool(scopes.subList(0, scopes.size() - 1), "rapid-commit");

        List<Inet6Address> relay = s.has("relay") ? ScopeWalker.relay(s, ScopeWalker.IPV6) : network.relay();
        String iface = ScopeWalker.emptyToNull(s.stringOrNull("interface"));
        String interfaceId = ScopeWalker.emptyToNull(s.stringOrNull("interface-id"));
        if (iface != null && interfaceId != null) {
            throw s.error("interface-id", "subnet configuration failed: parser error: interface (defined for locally"
                    + " reachable subnets) and interface-id (defined for subnets reachable via relays) cannot be defined"
                    + " at the same time for subnet " + prefix);
        }
        if (iface == null) iface = network.interfaceName();
        if (interfaceId == null) interfaceId = interfaceId(network);
        List<String> required = ScopeWalker.requiredClasses(s, network);
        List<OptionData> options = CommonParser.merge(common.optionData(s, false), network.options());

        List<Pool6> pools = ScopeWalker.pools(s, "pools", "pool", p -> pool(p, prefix),
                (pool, other) -> Addresses.compareV6(pool.first().getAddress(), other.last().getAddress()) <= 0
                        && Addresses.compareV6(other.first().getAddress(), pool.last().getAddress()) <= 0
                        ? "subnet configuration failed: a pool of type IA_NA, with the following address range: "
                                + Addresses.v6ToString(pool.first()) + "-" + Addresses.v6ToString(pool.last())
                                + " overlaps with an existing pool in the subnet: " + prefix
                                + " to which it is being added"
                        : null);
        List<PdPool6> pdPools = ScopeWalker.pools(s, "pd-pools", "prefix", this::pdPool, (pool, other) -> {
            int shorter = Math.min(pool.prefix().length(), other.prefix().length());
            return Addresses.v6InPrefix(pool.prefix().address().getAddress(), other.prefix().address().getAddress(),
                    shorter) ? "a pool of type IA_PD, with the following prefix: " + pool.prefix()
                    + " overlaps with an existing pool in the subnet: " + prefix + " to which it is being added" : null;
        });
        List<Reservation6> reservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<String, Obj> seenResources = new HashMap<>();
        for (Obj r : s.maps("reservations", "reservations")) {
            reservations.add(reservation(r, prefix, seenIdentifiers, seenResources));
        }
        return new Subnet6(id, prefix, pools, pdPools, reservations, relay, Optional.ofNullable(iface),
                Optional.ofNullable(interfaceId), Optional.ofNullable(network.name()),
                Optional.ofNullable(ScopeWalker.emptyToNull(s.stringOrNull("client-class"))),
                Optional.ofNullable(network.clientClass()), required, preferred, valid, timers.renewTimer(),
                timers.rebindTimer(), tee.calculate(), tee.t1Percent(), tee.t2Percent(), tee.cacheThreshold(),
                tee.cacheMaxAge(), rapid != null && rapid, flags[0], flags[1], flags[2],
                Boolean.TRUE.equals(CommonParser.firstBool(scopes, "store-extended-info")), options, s.userContext());
    }

    private Pool6 pool(Obj p, Prefix6 subnet) throws ConfigException {
        p.allow(POOL_KEYS);
        ScopeWalker.Range<Inet6Address> range = ScopeWalker.poolRange(p, ScopeWalker.IPV6);
        Inet6Address firstAddress = range.first();
        Inet6Address lastAddress = range.last();
        if (!subnet.contains(firstAddress) || !subnet.contains(lastAddress)) {
            throw p.error("pool", "subnet configuration failed: a pool of type IA_NA, with the following address range: "
                    + Addresses.v6ToString(firstAddress) + "-" + Addresses.v6ToString(lastAddress)
                    + " does not match the prefix of a subnet: " + subnet + " to which it is being added");
        }
        return new Pool6(firstAddress, lastAddress, CommonParser.poolClasses(p), p.strings("require-client-classes"),
                common.optionData(p, false), p.userContext());
    }

    private PdPool6 pdPool(Obj p) throws ConfigException {
        p.allow(PD_POOL_KEYS);
        p.require("prefix");
        p.require("prefix-len");
        p.require("delegated-len");
        String prefixText = p.stringOrNull("prefix");
        long prefixLength = p.integer("prefix-len", 0, 0, 128);
        long delegated = p.integer("delegated-len", 0, 0, 128);
        Prefix6 prefix = prefix(p, "prefix", prefixText + "/" + prefixLength, "");
        if (delegated < prefixLength) {
            throw p.error("delegated-len", "Delegated length (" + delegated + ") must be longer than or equal to prefix"
                    + " length (" + prefixLength + ")");
        }
        Optional<Prefix6> excluded = Optional.empty();
        if (p.has("excluded-prefix") || p.has("excluded-prefix-len")) {
            String exText = p.string("excluded-prefix", "");
            long exLength = p.integer("excluded-prefix-len", 0, 0, 128);
            if (!exText.isEmpty() || exLength != 0) {
                Prefix6 ex = prefix(p, "excluded-prefix", exText + "/" + exLength, "");
                if (exLength <= delegated) {
                    throw p.error("excluded-prefix-len", "excluded prefix length " + exLength
                            + " must be longer than the delegated prefix length " + delegated);
                }
                if (!Addresses.v6InPrefix(ex.address().getAddress(), prefix.address().getAddress(), (int) prefixLength)) {
                    throw p.error("excluded-prefix", "excluded prefix " + ex + " must lie inside the pool prefix " + prefix);
                }
                excluded = Optional.of(ex);
            }
        }
        return new PdPool6(prefix, (int) delegated, excluded, CommonParser.poolClasses(p),
                p.strings("require-client-classes"), common.optionData(p, false), p.userContext());
    }

    private Reservation6 reservation(Obj r, Prefix6 subnet, Map<String, Obj> seenIdentifiers,
                                     Map<String, Obj> seenResources) throws ConfigException {
        r.allow(RESERVATION_KEYS);
        HostIdentifier identifier = ScopeWalker.uniqueIdentifier(r, IDENTIFIER_TYPES, seenIdentifiers, "IPv6");
        List<Inet6Address> addresses = new ArrayList<>();
        for (String text : r.strings("ip-addresses")) {
            Inet6Address address;
            try {
                address = Addresses.parseV6(text);
            } catch (IllegalArgumentException e) {
                throw r.error("ip-addresses", "invalid reservation address '" + text + "': it must be an IPv6 address");
            }
            if (subnet != null && !subnet.contains(address)) {
                throw r.error("ip-addresses", "specified reservation '" + text + "' is not within the IPv6 subnet '"
                        + subnet + "'");
            }
            if (ipReservationsUnique && seenResources.putIfAbsent(Addresses.v6ToString(address), r) != null) {
                throw r.error("ip-addresses", "failed to add new host using the address '" + text
                        + "' to the IPv6 subnet. There's already a reservation for this address");
            }
            addresses.add(address);
        }
        List<Prefix6> prefixes = new ArrayList<>();
        for (String text : r.strings("prefixes")) {
            Prefix6 p = prefix(r, "prefixes", text, "invalid reserved prefix: ");
            if (ipReservationsUnique && seenResources.putIfAbsent(p.toString(), r) != null) {
                throw r.error("prefixes", "failed to add new host using the prefix '" + text
                        + "'. There's already a reservation for this prefix");
            }
            prefixes.add(p);
        }
        return new Reservation6(identifier, addresses, prefixes, r.string("hostname", ""), common.optionData(r, false),
                r.strings("client-classes"), r.userContext());
    }
}

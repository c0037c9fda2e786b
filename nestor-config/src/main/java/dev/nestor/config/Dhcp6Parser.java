package dev.nestor.config;

import dev.nestor.json.JsonValue;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
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
    private long nextAutoId = 1;
    private boolean ipReservationsUnique;

    Dhcp6Parser(List<ConfigWarning> warnings, List<String> notActedOn) {
        this.warnings = warnings;
        this.common = new CommonParser(Family.V6, warnings, notActedOn);
    }

    Dhcp6Config parse(Obj g) throws ConfigException {
        g.allow(GLOBAL_KEYS);
        common.refuseUnsupported(g);
        common.optionDefinitions(g);
        List<ClientClass> classes = common.clientClasses(g);
        List<OptionData> globalOptions = common.optionData(g, true);
        InterfacesConfig interfaces = common.interfaces(g);
        LeaseDatabase leaseDatabase = common.leaseDatabase(g);
        MultiThreading mt = common.multiThreading(g);
        ExpiredLeasesProcessing elp = common.expiredLeases(g);
        List<ControlSocket> sockets = common.controlSockets(g);
        List<LoggerConfig> loggers = common.loggers(g);
        HooksConfig hooks = common.hooks(g, mt.enabled());
        String leaseChecks = common.leaseChecks(g);
        common.sanityAndQueue(g);
        common.ddnsKeys(g);
        CommonParser.checkReservationMode(g);
        g.userContext();

        List<String> identifiers = g.has("host-reservation-identifiers") ? g.strings("host-reservation-identifiers")
                : List.of("hw-address", "duid");
        for (int i = 0; i < identifiers.size(); i++) {
            if (!IDENTIFIER_TYPES.contains(identifiers.get(i))) {
                JsonValue at = g.list("host-reservation-identifiers").get(i);
                throw ConfigException.semantic(at.position(), g.path("host-reservation-identifiers") + "[" + i + "]",
                        "invalid host identifier type '" + identifiers.get(i) + "' (expected one of "
                                + String.join(", ", IDENTIFIER_TYPES) + ")");
            }
        }
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

        List<Subnet6> subnets = new ArrayList<>();
        List<SharedNetwork6> networks = new ArrayList<>();
        Map<Long, Obj> ids = new HashMap<>();
        Map<String, Obj> prefixes = new HashMap<>();
        Set<String> networkNames = new HashSet<>();
        List<Obj> subnetObjs = new ArrayList<>();
        List<Obj> networkObjs = new ArrayList<>();
        for (Obj n : g.maps("shared-networks", "shared-networks")) {
            String name = common.sharedNetworkHeader(n, NETWORK_KEYS, networkNames);
            List<OptionData> networkOptions = common.optionData(n, false);
            List<Inet6Address> networkRelay = relay(n);
            String networkInterface = emptyToNull(n.stringOrNull("interface"));
            String networkInterfaceId = emptyToNull(n.stringOrNull("interface-id"));
            if (networkInterface != null && networkInterfaceId != null) {
                throw n.error("interface-id", "parameters 'interface' and 'interface-id' are mutually exclusive");
            }
            String networkClass = emptyToNull(n.stringOrNull("client-class"));
            List<String> networkRequired = n.strings("require-client-classes");
            String agreedInterface = networkInterface;
            List<Long> memberIds = new ArrayList<>();
            for (Obj s : n.maps("subnet6", "subnet6")) {
                subnetObjs.add(s);
                networkObjs.add(n);
                Subnet6 subnet = subnet(s, n, g, name, networkOptions, networkRelay, networkInterface,
                        networkInterfaceId, networkClass, networkRequired, ids, prefixes);
                String own = emptyToNull(s.stringOrNull("interface"));
                if (own != null) {
                    if (agreedInterface != null && !agreedInterface.equals(own)) {
                        throw s.error("interface", "Subnet " + subnet.prefix() + " has specified interface " + own
                                + ", but earlier subnet in the same shared-network or the shared-network itself used "
                                + agreedInterface);
                    }
                    agreedInterface = own;
                }
                subnets.add(subnet);
                memberIds.add(subnet.id());
            }
            memberIds.sort(Comparator.naturalOrder());
            networks.add(new SharedNetwork6(name, memberIds, Optional.ofNullable(networkInterface),
                    Optional.ofNullable(networkInterfaceId), networkRelay, Optional.ofNullable(networkClass),
                    n.userContext()));
        }
        for (Obj s : g.maps("subnet6", "subnet6")) {
            subnetObjs.add(s);
            networkObjs.add(null);
            subnets.add(subnet(s, null, g, null, List.of(), List.of(), null, null, null, List.of(), ids, prefixes));
        }
        subnets.sort(Comparator.comparingLong(Subnet6::id));
        common.haBindings(hooks, subnetObjs, networkObjs);
        common.serviceWarnings(g, interfaces, leaseDatabase, subnets.size());

        return new Dhcp6Config(interfaces, leaseDatabase, mt, elp, subnets, networks, globalReservations, classes,
                globalOptions, common.catalog.custom(), sockets, loggers, hooks, globalPreferred, globalValid,
                g.integer("decline-probation-period", 86400, 0, 0xFFFF_FFFFL), identifiers, macSources, rsoo,
                Optional.ofNullable(emptyToNull(g.stringOrNull("data-directory"))), serverId, ipReservationsUnique,
                g.bool("early-global-reservations-lookup", false), g.bool("reservations-lookup-first", false),
                g.integer("statistic-default-sample-count", 20, 0, 0xFFFF_FFFFL),
                g.integer("statistic-default-sample-age", 0, 0, 0xFFFF_FFFFL),
                g.integer("parked-packet-limit", 256, 0, 0xFFFF_FFFFL), leaseChecks, g.string("server-tag", ""),
                g.userContext());
    }

    private static Prefix6 prefix(Obj o, String key, String text, String failurePrefix) throws ConfigException {
        int slash = text.indexOf('/');
        if (slash < 0) throw o.error(key, failurePrefix + "Invalid subnet syntax (prefix/len expected):" + text);
        Inet6Address address;
        try {
            address = Addresses.parseV6(text.substring(0, slash).strip());
        } catch (IllegalArgumentException e) {
            throw o.error(key, failurePrefix + "Failed to convert string to address '" + text.substring(0, slash)
                    + "': Invalid argument");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > 128) {
            throw o.error(key, failurePrefix + "Invalid prefix length specified for subnet: " + text.substring(slash + 1));
        }
        return new Prefix6(Addresses.v6(Addresses.v6Mask(address.getAddress(), length, false)), length);
    }

    private Subnet6 subnet(Obj s, Obj n, Obj g, String networkName, List<OptionData> networkOptions,
                           List<Inet6Address> networkRelay, String networkInterface, String networkInterfaceId,
                           String networkClass, List<String> networkRequired, Map<Long, Obj> ids,
                           Map<String, Obj> prefixes) throws ConfigException {
        s.allow(SUBNET_KEYS);
        s.require("subnet");
        String text = s.stringOrNull("subnet");
        Prefix6 prefix = prefix(s, "subnet", text, "subnet configuration failed: ");
        if (prefixes.putIfAbsent(text, s) != null) {
            throw s.error("subnet", "subnet with the prefix of '" + text + "' already exists");
        }
        long id = s.integer("id", 0, 0, 4294967294L);
        if (id == 0) id = nextAutoId++;
        if (ids.putIfAbsent(id, s) != null) {
            throw s.error(s.has("id") ? "id" : "subnet", "ID of the new IPv6 subnet '" + id + "' is already in use");
        }
        List<Obj> scopes = new ArrayList<>();
        scopes.add(s);
        if (n != null) scopes.add(n);
        scopes.add(g);
        CommonParser.checkReservationMode(s);
        common.ddnsKeys(s);

        Triplet preferred = common.triplet("preferred-lifetime", 3600, scopes, s);
        Triplet valid = common.triplet("valid-lifetime", 7200, scopes, s);
        if (preferred.value() > valid.value()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_PREFERRED_ABOVE_VALID", s.position(), s.path,
                    "subnet " + prefix + ": preferred-lifetime (" + preferred.value() + ") is greater than valid-lifetime ("
                            + valid.value() + "); clients will be given preferred = valid"));
        }
        Long renew = CommonParser.first(scopes, "renew-timer");
        Long rebind = CommonParser.first(scopes, "rebind-timer");
        if (renew != null && rebind != null && renew > rebind) {
            throw CommonParser.where(scopes, "renew-timer", s).error("renew-timer", "subnet configuration failed: the value"
                    + " of renew-timer (" + renew + ") is greater than the value of rebind-timer (" + rebind + ")");
        }
        Boolean calculateValue = CommonParser.firstBool(scopes, "calculate-tee-times");
        boolean calculate = calculateValue == null || calculateValue;
        Double t1 = CommonParser.firstReal(scopes, "t1-percent");
        Double t2 = CommonParser.firstReal(scopes, "t2-percent");
        double t1Percent = t1 == null ? 0.5 : t1;
        double t2Percent = t2 == null ? 0.8 : t2;
        if (calculate) {
            Obj at1 = CommonParser.where(scopes, "t1-percent", s);
            Obj at2 = CommonParser.where(scopes, "t2-percent", s);
            if (t1Percent <= 0 || t1Percent >= 1) {
                throw at1.error("t1-percent", "subnet configuration failed: t1-percent:  " + t1Percent
                        + " is invalid, it must be greater than 0.0 and less than 1.0");
            }
            if (t2Percent <= 0 || t2Percent >= 1) {
                throw at2.error("t2-percent", "subnet configuration failed: t2-percent:  " + t2Percent
                        + " is invalid, it must be greater than 0.0 and less than 1.0");
            }
            if (t1Percent >= t2Percent) {
                throw at1.error("t1-percent", "subnet configuration failed: t1-percent:  " + t1Percent
                        + " is invalid, it must be less than t2-percent: " + t2Percent);
            }
        }
        Double cacheThreshold = CommonParser.firstReal(scopes, "cache-threshold");
        if (cacheThreshold != null && (cacheThreshold <= 0 || cacheThreshold >= 1)) {
            throw CommonParser.where(scopes, "cache-threshold", s).error("cache-threshold", "subnet configuration failed:"
                    + " cache-threshold: " + cacheThreshold + " is invalid, it must be greater than 0.0 and less than 1.0");
        }
        Long cacheMaxAge = CommonParser.first(scopes, "cache-max-age");
        boolean[] flags = CommonParser.reservationFlags(scopes);
        Boolean rapid = CommonParser.firstBool(scopes.subList(0, scopes.size() - 1), "rapid-commit");

        List<Inet6Address> relay = s.has("relay") ? relay(s) : networkRelay;
        String iface = emptyToNull(s.stringOrNull("interface"));
        String interfaceId = emptyToNull(s.stringOrNull("interface-id"));
        if (iface != null && interfaceId != null) {
            throw s.error("interface-id", "subnet configuration failed: parser error: interface (defined for locally"
                    + " reachable subnets) and interface-id (defined for subnets reachable via relays) cannot be defined"
                    + " at the same time for subnet " + prefix);
        }
        if (iface == null) iface = networkInterface;
        if (interfaceId == null) interfaceId = networkInterfaceId;
        List<String> required = new ArrayList<>(s.strings("require-client-classes"));
        for (String r : networkRequired) {
            if (!required.contains(r)) required.add(r);
        }
        List<OptionData> options = CommonParser.merge(common.optionData(s, false), networkOptions);

        List<Pool6> pools = new ArrayList<>();
        for (Obj p : s.maps("pools", "pools")) {
            Pool6 pool = pool(p, prefix);
            for (Pool6 other : pools) {
                if (Addresses.compareV6(pool.first().getAddress(), other.last().getAddress()) <= 0
                        && Addresses.compareV6(other.first().getAddress(), pool.last().getAddress()) <= 0) {
                    throw p.error("pool", "subnet configuration failed: a pool of type IA_NA, with the following address range: "
                            + Addresses.v6ToString(pool.first()) + "-" + Addresses.v6ToString(pool.last())
                            + " overlaps with an existing pool in the subnet: " + prefix + " to which it is being added");
                }
            }
            pools.add(pool);
        }
        List<PdPool6> pdPools = new ArrayList<>();
        for (Obj p : s.maps("pd-pools", "pd-pools")) {
            PdPool6 pool = pdPool(p);
            for (PdPool6 other : pdPools) {
                int shorter = Math.min(pool.prefix().length(), other.prefix().length());
                if (Addresses.v6InPrefix(pool.prefix().address().getAddress(), other.prefix().address().getAddress(), shorter)) {
                    throw p.error("prefix", "a pool of type IA_PD, with the following prefix: " + pool.prefix()
                            + " overlaps with an existing pool in the subnet: " + prefix + " to which it is being added");
                }
            }
            pdPools.add(pool);
        }
        List<Reservation6> reservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<String, Obj> seenResources = new HashMap<>();
        for (Obj r : s.maps("reservations", "reservations")) {
            Reservation6 reservation = reservation(r, prefix, seenIdentifiers, seenResources);
            reservations.add(reservation);
        }
        return new Subnet6(id, prefix, pools, pdPools, reservations, relay, Optional.ofNullable(iface),
                Optional.ofNullable(interfaceId), Optional.ofNullable(networkName),
                Optional.ofNullable(emptyToNull(s.stringOrNull("client-class"))), Optional.ofNullable(networkClass),
                required, preferred, valid, renew == null ? OptionalLong.empty() : OptionalLong.of(renew),
                rebind == null ? OptionalLong.empty() : OptionalLong.of(rebind), calculate, t1Percent, t2Percent,
                cacheThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(cacheThreshold),
                cacheMaxAge == null ? OptionalLong.empty() : OptionalLong.of(cacheMaxAge),
                rapid != null && rapid, flags[0], flags[1], flags[2],
                Boolean.TRUE.equals(CommonParser.firstBool(scopes, "store-extended-info")), options, s.userContext());
    }

    private Pool6 pool(Obj p, Prefix6 subnet) throws ConfigException {
        p.allow(POOL_KEYS);
        p.require("pool");
        String raw = p.stringOrNull("pool");
        String text = raw.replace(" ", "").replace("\t", "");
        byte[] first;
        byte[] last;
        try {
            if (text.indexOf('/') >= 0) {
                int slash = text.indexOf('/');
                byte[] address = Addresses.parseV6(text.substring(0, slash)).getAddress();
                int length = Integer.parseInt(text.substring(slash + 1));
                if (length < 0 || length > 128) throw new IllegalArgumentException();
                first = Addresses.v6Mask(address, length, false);
                last = Addresses.v6Mask(address, length, true);
            } else if (text.indexOf('-') >= 0) {
                int dash = text.indexOf('-');
                first = Addresses.parseV6(text.substring(0, dash)).getAddress();
                last = Addresses.parseV6(text.substring(dash + 1)).getAddress();
                if (Addresses.compareV6(first, last) > 0) {
                    throw p.error("pool", "Failed to create pool defined by: " + text);
                }
            } else {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw p.error("pool", "invalid pool definition: " + raw + ". There are two acceptable formats"
                    + " <min address-max address> or <prefix/len>");
        }
        Inet6Address firstAddress = Addresses.v6(first);
        Inet6Address lastAddress = Addresses.v6(last);
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
        HostIdentifier identifier = CommonParser.identifier(r, IDENTIFIER_TYPES);
        if (seenIdentifiers.putIfAbsent(identifier.toString(), r) != null) {
            throw r.error(identifier.type(), "failed to add new host using the identifier '" + identifier
                    + "' to the IPv6 subnet because a host with this identifier already exists");
        }
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

    private List<Inet6Address> relay(Obj o) throws ConfigException {
        Obj relay = o.map("relay", "relay");
        if (relay == null) return List.of();
        relay.allow(Set.of("ip-addresses", "ip-address"));
        if (relay.has("ip-address") && relay.has("ip-addresses")) {
            throw relay.error("specify either ip-address or ip-addresses, not both");
        }
        List<String> texts;
        String key;
        if (relay.has("ip-address")) {
            key = "ip-address";
            texts = List.of(relay.stringOrNull("ip-address"));
        } else if (relay.has("ip-addresses")) {
            key = "ip-addresses";
            texts = relay.strings("ip-addresses");
        } else {
            throw relay.error("relay must have ip-addresses");
        }
        List<Inet6Address> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(Addresses.parseV6(t));
            } catch (IllegalArgumentException e) {
                throw relay.error(key, "address is not IPv6: " + t);
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonValue;
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
    private long nextAutoId = 1;
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
                : List.of("hw-address", "duid", "circuit-id", "client-id");
        for (int i = 0; i < identifiers.size(); i++) {
            if (!IDENTIFIER_TYPES.contains(identifiers.get(i))) {
                JsonValue at = g.list("host-reservation-identifiers").get(i);
                throw ConfigException.semantic(at.position(), g.path("host-reservation-identifiers") + "[" + i + "]",
                        "invalid host identifier type '" + identifiers.get(i) + "' (expected one of "
                                + String.join(", ", IDENTIFIER_TYPES) + ")");
            }
        }
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
            globalReservations.add(reservation(r, null, seenIdentifiers, seenAddresses));
        }

        List<Subnet4> subnets = new ArrayList<>();
        List<SharedNetwork4> networks = new ArrayList<>();
        Map<Long, Obj> ids = new HashMap<>();
        Map<String, Obj> prefixes = new HashMap<>();
        Set<String> networkNames = new HashSet<>();
        List<Obj> subnetObjs = new ArrayList<>();
        List<Obj> networkObjs = new ArrayList<>();
        for (Obj n : g.maps("shared-networks", "shared-networks")) {
            String name = common.sharedNetworkHeader(n, NETWORK_KEYS, networkNames);
            List<OptionData> networkOptions = common.optionData(n, false);
            List<Integer> networkRelay = relay(n);
            String networkInterface = emptyToNull(n.stringOrNull("interface"));
            String networkClass = emptyToNull(n.stringOrNull("client-class"));
            List<String> networkRequired = n.strings("require-client-classes");
            checkScopeStrings(n);
            boolean networkAuthoritative = bool(List.of(n, g), "authoritative", false);
            String agreedInterface = networkInterface;
            List<Long> memberIds = new ArrayList<>();
            for (Obj s : n.maps("subnet4", "subnet4")) {
                subnetObjs.add(s);
                networkObjs.add(n);
                Subnet4 subnet = subnet(s, n, g, name, networkOptions, networkRelay, networkInterface, networkClass,
                        networkRequired, ids, prefixes);
                if (subnet.authoritative() != networkAuthoritative) {
                    throw s.error("Subnet " + subnet.prefixText() + " has different authoritative setting "
                            + subnet.authoritative() + " than the shared-network itself: " + networkAuthoritative);
                }
                String own = emptyToNull(s.stringOrNull("interface"));
                if (own != null) {
                    if (agreedInterface != null && !agreedInterface.equals(own)) {
                        throw s.error("interface", "Subnet " + subnet.prefixText() + " has specified interface " + own
                                + ", but earlier subnet in the same shared-network or the shared-network itself used "
                                + agreedInterface);
                    }
                    agreedInterface = own;
                }
                subnets.add(subnet);
                memberIds.add(subnet.id());
            }
            memberIds.sort(Comparator.naturalOrder());
            networks.add(new SharedNetwork4(name, memberIds, Optional.ofNullable(networkInterface), networkRelay,
                    Optional.ofNullable(networkClass), n.userContext()));
        }
        for (Obj s : g.maps("subnet4", "subnet4")) {
            subnetObjs.add(s);
            networkObjs.add(null);
            subnets.add(subnet(s, null, g, null, List.of(), List.of(), null, null, List.of(), ids, prefixes));
        }
        subnets.sort(Comparator.comparingLong(Subnet4::id));
        common.haBindings(hooks, subnetObjs, networkObjs);
        common.serviceWarnings(g, interfaces, leaseDatabase, subnets.size());
        warnOverlaps(subnets, g);

        if (g.has("reservations-lookup-first") && mt.enabled()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_IGNORED_PARAMETER", g.pos("reservations-lookup-first"),
                    g.path("reservations-lookup-first"), "reservations-lookup-first has no effect with multi-threading"
                    + " enabled: reservations are always looked up first"));
        }
        return new Dhcp4Config(interfaces, leaseDatabase, mt, elp, subnets, networks, globalReservations, classes,
                globalOptions, common.catalog.custom(), sockets, loggers, hooks, globalValid,
                g.integer("decline-probation-period", 86400, 0, 0xFFFF_FFFFL), g.bool("echo-client-id", true),
                g.bool("match-client-id", true), g.bool("authoritative", false), identifiers,
                g.bool("early-global-reservations-lookup", false), ipReservationsUnique,
                g.bool("reservations-lookup-first", false),
                g.integer("statistic-default-sample-count", 20, 0, 0xFFFF_FFFFL),
                g.integer("statistic-default-sample-age", 0, 0, 0xFFFF_FFFFL),
                g.integer("parked-packet-limit", 256, 0, 0xFFFF_FFFFL), leaseChecks, g.string("server-tag", ""),
                g.userContext());
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

    private Subnet4 subnet(Obj s, Obj n, Obj g, String networkName, List<OptionData> networkOptions,
                           List<Integer> networkRelay, String networkInterface, String networkClass,
                           List<String> networkRequired, Map<Long, Obj> ids, Map<String, Obj> prefixes)
            throws ConfigException {
        s.allow(SUBNET_KEYS);
        for (String key : List.of("4o6-interface", "4o6-interface-id", "4o6-subnet")) {
            if (s.has(key)) throw s.error(key, "'" + key + "' (DHCPv4-over-DHCPv6) is not supported by Nestor");
        }
        s.require("subnet");
        String text = s.stringOrNull("subnet");
        int slash = text.indexOf('/');
        if (slash < 0) throw s.error("subnet", "subnet configuration failed: Invalid subnet syntax (prefix/len expected):" + text);
        int address;
        try {
            address = Addresses.parseV4(text.substring(0, slash).strip());
        } catch (IllegalArgumentException e) {
            throw s.error("subnet", "subnet configuration failed: Failed to convert string to address '"
                    + text.substring(0, slash) + "': Invalid argument");
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > 32) {
            throw s.error("subnet", "subnet configuration failed: Invalid prefix length specified for subnet: "
                    + text.substring(slash + 1));
        }
        int mask = length == 0 ? 0 : -1 << (32 - length);
        int prefix = address & mask;
        String prefixText = Addresses.v4ToString(prefix) + "/" + length;
        Obj earlier = prefixes.putIfAbsent(text, s);
        if (earlier != null) throw s.error("subnet", "subnet with the prefix of '" + text + "' already exists");

        long id = s.integer("id", 0, 0, 4294967294L);
        if (id == 0) id = nextAutoId++;
        if (ids.putIfAbsent(id, s) != null) {
            throw s.error(s.has("id") ? "id" : "subnet", "ID of the new IPv4 subnet '" + id + "' is already in use");
        }

        List<Obj> scopes = new ArrayList<>();
        scopes.add(s);
        if (n != null) scopes.add(n);
        scopes.add(g);
        CommonParser.checkReservationMode(s);
        common.ddnsKeys(s);
        checkScopeStrings(s);

        Triplet valid = common.triplet("valid-lifetime", 7200, scopes, s);
        Long renew = CommonParser.first(scopes, "renew-timer");
        Long rebind = CommonParser.first(scopes, "rebind-timer");
        if (renew != null && rebind != null && renew > rebind) {
            throw CommonParser.where(scopes, "renew-timer", s).error("renew-timer", "subnet configuration failed: the value"
                    + " of renew-timer (" + renew + ") is greater than the value of rebind-timer (" + rebind + ")");
        }
        if (rebind != null && rebind >= valid.value()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_REBIND_NOT_BELOW_LIFETIME", s.position(), s.path,
                    "subnet " + prefixText + ": rebind-timer (" + rebind + ") is not below valid-lifetime ("
                            + valid.value() + "); clients will not rebind before their lease expires"));
        }
        boolean calculate = bool(scopes, "calculate-tee-times", false);
        Double t1 = CommonParser.firstReal(scopes, "t1-percent");
        Double t2 = CommonParser.firstReal(scopes, "t2-percent");
        double t1Percent = t1 == null ? 0.5 : t1;
        double t2Percent = t2 == null ? 0.875 : t2;
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

        int nextServer = 0;
        String nextServerText = nonEmpty(scopes, "next-server");
        if (nextServerText != null) nextServer = CommonParser.nextServer(CommonParser.where(scopes, "next-server", s), nextServerText);
        String serverHostname = nonEmpty(scopes, "server-hostname");
        String bootFileName = nonEmpty(scopes, "boot-file-name");
        boolean[] flags = CommonParser.reservationFlags(scopes);

        List<Integer> relay = s.has("relay") ? relay(s) : networkRelay;
        String iface = emptyToNull(s.stringOrNull("interface"));
        if (iface == null) iface = networkInterface;
        List<String> required = new ArrayList<>(s.strings("require-client-classes"));
        for (String r : networkRequired) {
            if (!required.contains(r)) required.add(r);
        }

        List<OptionData> options = CommonParser.merge(common.optionData(s, false), networkOptions);

        List<Pool4> pools = new ArrayList<>();
        for (Obj p : s.maps("pools", "pools")) {
            Pool4 pool = pool(p, prefix, mask, prefixText);
            for (Pool4 other : pools) {
                if (Integer.compareUnsigned(pool.first(), other.last()) <= 0
                        && Integer.compareUnsigned(other.first(), pool.last()) <= 0) {
                    throw p.error("pool", "a pool of type V4, with the following address range: "
                            + Addresses.v4ToString(pool.first()) + "-" + Addresses.v4ToString(pool.last())
                            + " overlaps with an existing pool in the subnet: " + prefixText + " to which it is being added");
                }
            }
            pools.add(pool);
        }

        List<Reservation4> reservations = new ArrayList<>();
        Map<String, Obj> seenIdentifiers = new HashMap<>();
        Map<Integer, Obj> seenAddresses = new HashMap<>();
        for (Obj r : s.maps("reservations", "reservations")) {
            Reservation4 reservation = reservation(r, new int[] {prefix, mask}, seenIdentifiers, seenAddresses);
            if (reservation.ipAddress().isPresent() && (reservation.ipAddress().get() & mask) != prefix) {
                throw r.error("ip-address", "specified reservation '" + Addresses.v4ToString(reservation.ipAddress().get())
                        + "' is not within the IPv4 subnet '" + prefixText + "'");
            }
            reservations.add(reservation);
        }

        return new Subnet4(id, prefix, length, pools, reservations, relay, Optional.ofNullable(iface),
                Optional.ofNullable(networkName), Optional.ofNullable(emptyToNull(s.stringOrNull("client-class"))),
                Optional.ofNullable(networkClass), required, valid,
                renew == null ? OptionalLong.empty() : OptionalLong.of(renew),
                rebind == null ? OptionalLong.empty() : OptionalLong.of(rebind), calculate, t1Percent, t2Percent,
                cacheThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(cacheThreshold),
                cacheMaxAge == null ? OptionalLong.empty() : OptionalLong.of(cacheMaxAge),
                bool(scopes, "match-client-id", true), bool(scopes, "authoritative", false), nextServer,
                serverHostname == null ? "" : serverHostname, bootFileName == null ? "" : bootFileName,
                flags[0], flags[1], flags[2], bool(scopes, "store-extended-info", false), options, s.userContext());
    }

    private Pool4 pool(Obj p, int prefix, int mask, String prefixText) throws ConfigException {
        p.allow(POOL_KEYS);
        p.require("pool");
        String raw = p.stringOrNull("pool");
        String text = raw.replace(" ", "").replace("\t", "");
        int first;
        int last;
        try {
            if (text.indexOf('/') >= 0) {
                int slash = text.indexOf('/');
                int address = Addresses.parseV4(text.substring(0, slash));
                int length = Integer.parseInt(text.substring(slash + 1));
                if (length < 0 || length > 32) throw new IllegalArgumentException();
                int poolMask = length == 0 ? 0 : -1 << (32 - length);
                first = address & poolMask;
                last = first | ~poolMask;
            } else if (text.indexOf('-') >= 0) {
                int dash = text.indexOf('-');
                first = Addresses.parseV4(text.substring(0, dash));
                last = Addresses.parseV4(text.substring(dash + 1));
                if (Integer.compareUnsigned(first, last) > 0) {
                    throw p.error("pool", "Failed to create pool defined by: " + text);
                }
            } else {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw p.error("pool", "invalid pool definition: " + raw + ". There are two acceptable formats"
                    + " <min address-max address> or <prefix/len>");
        }
        if ((first & mask) != prefix || (last & mask) != prefix) {
            throw p.error("pool", "a pool of type V4, with the following address range: " + Addresses.v4ToString(first)
                    + "-" + Addresses.v4ToString(last) + " does not match the prefix of a subnet: " + prefixText
                    + " to which it is being added");
        }
        return new Pool4(first, last, CommonParser.poolClasses(p), p.strings("require-client-classes"),
                common.optionData(p, false), p.userContext());
    }

    private Reservation4 reservation(Obj r, int[] subnet, Map<String, Obj> seenIdentifiers,
                                     Map<Integer, Obj> seenAddresses) throws ConfigException {
        r.allow(RESERVATION_KEYS);
        HostIdentifier identifier = CommonParser.identifier(r, IDENTIFIER_TYPES);
        if (seenIdentifiers.putIfAbsent(identifier.toString(), r) != null) {
            throw r.error(identifier.type(), "failed to add new host using the identifier '" + identifier
                    + "' to the IPv4 subnet because a host with this identifier already exists");
        }
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

    private List<Integer> relay(Obj o) throws ConfigException {
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
        List<Integer> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(Addresses.parseV4(t));
            } catch (IllegalArgumentException e) {
                throw relay.error(key, "address is not IPv4: " + t);
            }
        }
        return out;
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

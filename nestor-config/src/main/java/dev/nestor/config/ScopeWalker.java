package dev.nestor.config;

import dev.nestor.json.JsonValue;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The walk both families make over the scopes of a configuration, with the logic they share: the common global
 * sections, host reservation identifiers, shared networks and their member subnets, subnet IDs and prefixes, timers,
 * T1/T2 percentages, cache settings, relays, pools and duplicate hosts. A family parser keeps only what is its own
 * (address type, family keys, messages) and lends it through {@link Family} and {@link Arithmetic}.
 * Checks run in the same order as before the walk was shared, so the first error reported stays the same.
 */
final class ScopeWalker {
    private ScopeWalker() {
    }

    // ------------------------------------------------------------------ global

    /** The top-level sections both families read alike. */
    record GlobalSections(List<ClientClass> classes, List<OptionData> options, InterfacesConfig interfaces,
                          LeaseDatabase leaseDatabase, MultiThreading multiThreading,
                          ExpiredLeasesProcessing expiredLeases, List<ControlSocket> controlSockets,
                          List<LoggerConfig> loggers, HooksConfig hooks, String leaseChecks) {
    }

    /** Checks the global keys against {@code allowedKeys} and reads the sections both families share. */
    static GlobalSections globalSections(CommonParser common, Obj g, Set<String> allowedKeys) throws ConfigException {
        g.allow(allowedKeys);
        common.refuseUnsupported(g);
        common.optionDefinitions(g);
        List<ClientClass> classes = common.clientClasses(g);
        List<OptionData> options = common.optionData(g, true);
        InterfacesConfig interfaces = common.interfaces(g);
        LeaseDatabase leaseDatabase = common.leaseDatabase(g);
        MultiThreading multiThreading = common.multiThreading(g);
        ExpiredLeasesProcessing expiredLeases = common.expiredLeases(g);
        List<ControlSocket> sockets = common.controlSockets(g);
        List<LoggerConfig> loggers = common.loggers(g);
        HooksConfig hooks = common.hooks(g, multiThreading.enabled());
        String leaseChecks = common.leaseChecks(g);
        common.sanityAndQueue(g);
        common.ddnsKeys(g);
        CommonParser.checkReservationMode(g);
        g.userContext();
        return new GlobalSections(classes, options, interfaces, leaseDatabase, multiThreading, expiredLeases, sockets,
                loggers, hooks, leaseChecks);
    }

    /** {@code host-reservation-identifiers}, or {@code defaults}; each entry must be one of {@code allowed}. */
    static List<String> hostIdentifiers(Obj g, List<String> defaults, List<String> allowed) throws ConfigException {
        List<String> identifiers = g.has("host-reservation-identifiers") ? g.strings("host-reservation-identifiers")
                : defaults;
        for (int i = 0; i < identifiers.size(); i++) {
            if (!allowed.contains(identifiers.get(i))) {
                JsonValue at = g.list("host-reservation-identifiers").get(i);
                throw ConfigException.semantic(at.position(), g.path("host-reservation-identifiers") + "[" + i + "]",
                        "invalid host identifier type '" + identifiers.get(i) + "' (expected one of "
                                + String.join(", ", allowed) + ")");
            }
        }
        return identifiers;
    }

    // ------------------------------------------------------------------ addresses

    /**
     * The address arithmetic of one family, for the prefix, pool and relay rules the families share.
     *
     * @param parse   parses one address; {@link IllegalArgumentException} when it is not one of this family
     * @param bits    address width in bits
     * @param mask    the address with every bit after the first {@code length} cleared or ({@code set}) set
     * @param compare unsigned order of two addresses
     * @param name    "IPv4" or "IPv6", as messages name the family
     * @param <A>     the family's address value
     */
    record Arithmetic<A>(Function<String, A> parse, int bits, Mask<A> mask, Comparator<A> compare, String name) {
        /** Masks the host part of an address. */
        interface Mask<A> {
            A apply(A address, int length, boolean set);
        }
    }

    /** IPv4 addresses as unsigned ints. */
    static final Arithmetic<Integer> IPV4 = new Arithmetic<>(Addresses::parseV4, 32, (address, length, set) -> {
        int mask = length == 0 ? 0 : -1 << (32 - length);
        return set ? (address & mask) | ~mask : address & mask;
    }, Integer::compareUnsigned, "IPv4");

    /** IPv6 addresses. */
    static final Arithmetic<Inet6Address> IPV6 = new Arithmetic<>(Addresses::parseV6, 128,
            (address, length, set) -> Addresses.v6(Addresses.v6Mask(address.getAddress(), length, set)),
            (a, b) -> Addresses.compareV6(a.getAddress(), b.getAddress()), "IPv6");

    /** A masked prefix: the network address and its length. */
    record Prefix<A>(A address, int length) {
    }

    /** Parses {@code text} as address/length; errors at {@code key} start with {@code failurePrefix}. */
    static <A> Prefix<A> prefix(Obj o, String key, String text, String failurePrefix, Arithmetic<A> family)
            throws ConfigException {
        int slash = text.indexOf('/');
        if (slash < 0) throw o.error(key, failurePrefix + "Invalid subnet syntax (prefix/len expected):" + text);
        A address;
        try {
            address = family.parse().apply(text.substring(0, slash).strip());
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
        if (length < 0 || length > family.bits()) {
            throw o.error(key, failurePrefix + "Invalid prefix length specified for subnet: " + text.substring(slash + 1));
        }
        return new Prefix<>(family.mask().apply(address, length, false), length);
    }

    /** First and last address of a pool. */
    record Range<A>(A first, A last) {
    }

    /** The {@code pool} of one pool entry: {@code first-last} or {@code prefix/len}. */
    static <A> Range<A> poolRange(Obj p, Arithmetic<A> family) throws ConfigException {
        p.require("pool");
        String raw = p.stringOrNull("pool");
        String text = raw.replace(" ", "").replace("\t", "");
        try {
            if (text.indexOf('/') >= 0) {
                int slash = text.indexOf('/');
                A address = family.parse().apply(text.substring(0, slash));
                int length = Integer.parseInt(text.substring(slash + 1));
                if (length < 0 || length > family.bits()) throw new IllegalArgumentException();
                return new Range<>(family.mask().apply(address, length, false), family.mask().apply(address, length, true));
            } else if (text.indexOf('-') >= 0) {
                int dash = text.indexOf('-');
                A first = family.parse().apply(text.substring(0, dash));
                A last = family.parse().apply(text.substring(dash + 1));
                if (family.compare().compare(first, last) > 0) {
                    throw p.error("pool", "Failed to create pool defined by: " + text);
                }
                return new Range<>(first, last);
            } else {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw p.error("pool", "invalid pool definition: " + raw + ". There are two acceptable formats"
                    + " <min address-max address> or <prefix/len>");
        }
    }

    /** {@code relay}'s {@code ip-address} or {@code ip-addresses} of one scope, or none. */
    static <A> List<A> relay(Obj o, Arithmetic<A> family) throws ConfigException {
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
        List<A> out = new ArrayList<>();
        for (String t : texts) {
            try {
                out.add(family.parse().apply(t));
            } catch (IllegalArgumentException e) {
                throw relay.error(key, "address is not " + family.name() + ": " + t);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ shared networks and subnets

    /**
     * What a shared network hands its subnets (a subnet outside any network gets {@link #none()}).
     *
     * @param obj                  the network's map, or {@code null}
     * @param name                 its name, or {@code null}
     * @param options              its option-data
     * @param relay                its relay addresses
     * @param interfaceName        its interface, or {@code null}
     * @param clientClass          its client-class, or {@code null}
     * @param requireClientClasses its require-client-classes
     */
    record Network<A>(Obj obj, String name, List<OptionData> options, List<A> relay, String interfaceName,
                      String clientClass, List<String> requireClientClasses) {
        static <A> Network<A> none() {
            return new Network<>(null, null, List.of(), List.of(), null, null, List.of());
        }
    }

    /**
     * What the shared-network and subnet walk leaves to a family.
     *
     * @param subnetKey             {@code subnet4} or {@code subnet6}
     * @param networkKeys           keys a shared network may hold
     * @param arithmetic            the family's addresses
     * @param checkNetworkInterface checks of a shared network's map and interface, right after the interface was read
     * @param checkNetwork          checks of a shared network and the global map, after the shared parts were read
     *                              and before its subnets
     * @param subnet                one subnet, inside a network (or {@link Network#none()}), with the global map
     * @param checkMember           checks of a member subnet (parsed, and its map) against its network
     * @param prefixText            the subnet's prefix as messages show it
     * @param network               the family's shared network from what was read and its member IDs
     * @param <S>                   the family's subnet
     * @param <N>                   the family's shared network
     * @param <A>                   the family's address value
     */
    record Family<S extends FamilySubnet, N, A>(String subnetKey, Set<String> networkKeys, Arithmetic<A> arithmetic,
                                                Check<Obj, String> checkNetworkInterface,
                                                Check<Network<A>, Obj> checkNetwork, SubnetParser<S, A> subnet,
                                                MemberCheck<S, A> checkMember, Function<S, String> prefixText,
                                                NetworkBuilder<N, A> network) {
        /** A check of two values that may fail with a configuration error. */
        interface Check<X, Y> {
            void check(X first, Y second) throws ConfigException;
        }

        /** Parses one subnet map inside its network, with the global map. */
        interface SubnetParser<S, A> {
            S parse(Obj s, Network<A> network, Obj g) throws ConfigException;
        }

        /** Checks a parsed member subnet and its map against its network and the global map. */
        interface MemberCheck<S, A> {
            void check(S subnet, Obj s, Network<A> network, Obj g) throws ConfigException;
        }

        /** Builds the family's shared network from what was read and its member IDs. */
        interface NetworkBuilder<N, A> {
            N build(Network<A> network, List<Long> memberIds) throws ConfigException;
        }
    }

    /** Subnets (ascending ID) and shared networks (file order) of one configuration. */
    record Walk<S, N>(List<S> subnets, List<N> networks) {
    }

    /** Walks {@code shared-networks} and then the top-level subnets, and binds HA scopes to them. */
    static <S extends FamilySubnet, N, A> Walk<S, N> walk(CommonParser common, Obj g, HooksConfig hooks, Family<S, N, A> family)
            throws ConfigException {
        List<S> subnets = new ArrayList<>();
        List<N> networks = new ArrayList<>();
        Set<String> networkNames = new HashSet<>();
        List<Obj> subnetObjs = new ArrayList<>();
        List<Obj> networkObjs = new ArrayList<>();
        for (Obj n : g.maps("shared-networks", "shared-networks")) {
            String name = common.sharedNetworkHeader(n, family.networkKeys(), networkNames);
            List<OptionData> options = common.optionData(n, false);
            List<A> relay = relay(n, family.arithmetic());
            String networkInterface = emptyToNull(n.stringOrNull("interface"));
            family.checkNetworkInterface().check(n, networkInterface);
            String networkClass = emptyToNull(n.stringOrNull("client-class"));
            List<String> networkRequired = n.strings("require-client-classes");
            Network<A> network = new Network<>(n, name, options, relay, networkInterface, networkClass,
                    networkRequired);
            family.checkNetwork().check(network, g);
            String agreedInterface = networkInterface;
            List<Long> memberIds = new ArrayList<>();
            for (Obj s : n.maps(family.subnetKey(), family.subnetKey())) {
                subnetObjs.add(s);
                networkObjs.add(n);
                S subnet = family.subnet().parse(s, network, g);
                family.checkMember().check(subnet, s, network, g);
                String own = emptyToNull(s.stringOrNull("interface"));
                if (own != null) {
                    if (agreedInterface != null && !agreedInterface.equals(own)) {
                        throw s.error("interface", "Subnet " + family.prefixText().apply(subnet) + " has specified interface "
                                + own + ", but earlier subnet in the same shared-network or the shared-network itself"
                                + " used " + agreedInterface);
                    }
                    agreedInterface = own;
                }
                subnets.add(subnet);
                memberIds.add(subnet.id());
            }
            memberIds.sort(Comparator.naturalOrder());
            networks.add(family.network().build(network, memberIds));
        }
        for (Obj s : g.maps(family.subnetKey(), family.subnetKey())) {
            subnetObjs.add(s);
            networkObjs.add(null);
            subnets.add(family.subnet().parse(s, Network.none(), g));
        }
        subnets.sort(Comparator.comparingLong(FamilySubnet::id));
        common.haBindings(hooks, subnetObjs, networkObjs);
        return new Walk<>(subnets, networks);
    }

    /** Subnet IDs and prefixes seen so far in one configuration, and Kea's automatic ID numbering. */
    static final class SubnetIds {
        private final Map<Long, Obj> ids = new HashMap<>();
        private final Map<String, Obj> prefixes = new HashMap<>();
        private long nextAutoId = 1;

        /** Refuses a repeated prefix text or ID; returns the subnet's ID (explicit or the next automatic one). */
        long register(Obj s, String prefixText, String familyName) throws ConfigException {
            if (prefixes.putIfAbsent(prefixText, s) != null) {
                throw s.error("subnet", "subnet with the prefix of '" + prefixText + "' already exists");
            }
            long id = s.integer("id", 0, 0, 4294967294L);
            if (id == 0) id = nextAutoId++;
            if (ids.putIfAbsent(id, s) != null) {
                throw s.error(s.has("id") ? "id" : "subnet", "ID of the new " + familyName + " subnet '" + id
                        + "' is already in use");
            }
            return id;
        }
    }

    /** The scopes a subnet inherits from, most specific first: subnet, its network (if any), global. */
    static List<Obj> scopes(Obj s, Obj n, Obj g) {
        List<Obj> scopes = new ArrayList<>();
        scopes.add(s);
        if (n != null) scopes.add(n);
        scopes.add(g);
        return scopes;
    }

    /** Effective renew and rebind timers, each {@code null} when no scope sets it. */
    record Timers(Long renew, Long rebind) {
        OptionalLong renewTimer() {
            return renew == null ? OptionalLong.empty() : OptionalLong.of(renew);
        }

        OptionalLong rebindTimer() {
            return rebind == null ? OptionalLong.empty() : OptionalLong.of(rebind);
        }
    }

    /** renew-timer and rebind-timer from the scopes; renew must not exceed rebind. */
    static Timers timers(List<Obj> scopes, Obj s) throws ConfigException {
        Long renew = CommonParser.first(scopes, "renew-timer");
        Long rebind = CommonParser.first(scopes, "rebind-timer");
        if (renew != null && rebind != null && renew > rebind) {
            throw CommonParser.where(scopes, "renew-timer", s).error("renew-timer", "subnet configuration failed: the"
                    + " value of renew-timer (" + renew + ") is greater than the value of rebind-timer (" + rebind + ")");
        }
        return new Timers(renew, rebind);
    }

    /** Effective T1/T2 computation and lease cache settings of a subnet. */
    record TeeAndCache(boolean calculate, double t1Percent, double t2Percent, OptionalDouble cacheThreshold,
                       OptionalLong cacheMaxAge) {
    }

    /**
     * calculate-tee-times, t1-percent and t2-percent (checked only when calculating), cache-threshold and
     * cache-max-age; the defaults of calculate-tee-times and t2-percent differ by family.
     */
    static TeeAndCache teeAndCache(List<Obj> scopes, Obj s, boolean calculateDefault, double t2Default)
            throws ConfigException {
        Boolean calculateValue = CommonParser.firstBool(scopes, "calculate-tee-times");
        boolean calculate = calculateValue == null ? calculateDefault : calculateValue;
        Double t1 = CommonParser.firstReal(scopes, "t1-percent");
        Double t2 = CommonParser.firstReal(scopes, "t2-percent");
        double t1Percent = t1 == null ? 0.5 : t1;
        double t2Percent = t2 == null ? t2Default : t2;
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
            throw CommonParser.where(scopes, "cache-threshold", s).error("cache-threshold", "subnet configuration"
                    + " failed: cache-threshold: " + cacheThreshold + " is invalid, it must be greater than 0.0 and"
                    + " less than 1.0");
        }
        Long cacheMaxAge = CommonParser.first(scopes, "cache-max-age");
        return new TeeAndCache(calculate, t1Percent, t2Percent,
                cacheThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(cacheThreshold),
                cacheMaxAge == null ? OptionalLong.empty() : OptionalLong.of(cacheMaxAge));
    }

    /** The subnet's own require-client-classes followed by its network's (no repeats). */
    static List<String> requiredClasses(Obj s, Network<?> network) throws ConfigException {
        List<String> required = new ArrayList<>(s.strings("require-client-classes"));
        for (String r : network.requireClientClasses()) {
            if (!required.contains(r)) required.add(r);
        }
        return required;
    }

    /** Parses one entry of a subnet's pool list. */
    interface PoolParser<P> {
        P parse(Obj p) throws ConfigException;
    }

    /** Tells why a new pool clashes with an earlier one, or {@code null} when they do not overlap. */
    interface Clash<P> {
        String message(P added, P earlier);
    }

    /** The pools under {@code key}; a pool that clashes with an earlier one is an error at {@code errorKey}. */
    static <P> List<P> pools(Obj s, String key, String errorKey, PoolParser<P> parser, Clash<P> clash)
            throws ConfigException {
        List<P> pools = new ArrayList<>();
        for (Obj p : s.maps(key, key)) {
            P pool = parser.parse(p);
            for (P other : pools) {
                String message = clash.message(pool, other);
                if (message != null) throw p.error(errorKey, message);
            }
            pools.add(pool);
        }
        return pools;
    }

    /** A reservation's identifier, refused when another reservation of the same scope already uses it. */
    static HostIdentifier uniqueIdentifier(Obj r, List<String> types, Map<String, Obj> seen, String familyName)
            throws ConfigException {
        HostIdentifier identifier = CommonParser.identifier(r, types);
        if (seen.putIfAbsent(identifier.toString(), r) != null) {
            throw r.error(identifier.type(), "failed to add new host using the identifier '" + identifier
                    + "' to the " + familyName + " subnet because a host with this identifier already exists");
        }
        return identifier;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}

package dev.nestor.config;

import dev.nestor.config.ha.HaConfig;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.wire.option.OptionDataEncoder;
import dev.nestor.wire.option.OptionDataException;
import dev.nestor.wire.option.OptionDataType;
import dev.nestor.wire.option.OptionDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of {@code Dhcp4} and {@code Dhcp6} that are the same for both families (or differ only in names):
 * interfaces, databases, multi-threading, reclamation, control sockets, loggers, hooks, options, classes.
 */
final class CommonParser {
    static final Set<String> DDNS_KEYS = Set.of("ddns-send-updates", "ddns-override-no-update",
            "ddns-override-client-update", "ddns-replace-client-name", "ddns-generated-prefix",
            "ddns-qualifying-suffix", "ddns-update-on-renew", "ddns-use-conflict-resolution",
            "hostname-char-set", "hostname-char-replacement");
    private static final Set<String> DATABASE_KEYS = Set.of("type", "persist", "name", "lfc-interval",
            "max-row-errors", "host", "port", "user", "password", "connect-timeout", "max-reconnect-tries",
            "reconnect-wait-time", "on-fail", "readonly", "trust-anchor", "cert-file", "key-file", "cipher-list",
            "user-context", "comment");

    final Family family;
    final List<ConfigWarning> warnings;
    final OptionCatalog catalog;
    /** Keys accepted with type checks but not acted on by Nestor (reported by {@code ConfigLoader}). */
    final List<String> notActedOn;

    CommonParser(Family family, List<ConfigWarning> warnings, List<String> notActedOn) {
        this.family = family;
        this.warnings = warnings;
        this.catalog = new OptionCatalog(family);
        this.notActedOn = notActedOn;
    }

    String space() {
        return family.optionSpace();
    }

    void noted(Obj o, String... keys) {
        for (String key : keys) {
            if (o.has(key)) notActedOn.add(o.path(key));
        }
    }

    // ------------------------------------------------------------------ interfaces-config

    InterfacesConfig interfaces(Obj g) throws ConfigException {
        Obj o = g.map("interfaces-config", "interfaces-config");
        if (o == null) return InterfacesConfig.defaults(family);
        Set<String> keys = new HashSet<>(Set.of("interfaces", "re-detect", "service-sockets-require-all",
                "service-sockets-max-retries", "service-sockets-retry-wait-time", "user-context", "comment"));
        if (family == Family.V4) keys.addAll(Set.of("dhcp-socket-type", "outbound-interface"));
        o.allow(keys);
        List<String> names = o.strings("interfaces");
        boolean wildcard = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String entry = names.get(i);
            JsonValue at = o.list("interfaces").get(i);
            String path = o.path("interfaces") + "[" + i + "]";
            if (entry.equals("*")) {
                if (wildcard) {
                    throw ConfigException.semantic(at.position(), path,
                            "the wildcard interface '*' can only be specified once");
                }
                wildcard = true;
                continue;
            }
            int slash = entry.indexOf('/');
            String name = slash < 0 ? entry : entry.substring(0, slash);
            if (name.isBlank()) {
                throw ConfigException.semantic(at.position(), path, "interface name must not be empty in '" + entry + "'");
            }
            if (slash >= 0) {
                String address = entry.substring(slash + 1);
                boolean ok = family == Family.V4 ? Addresses.isV4(address) : Addresses.isV6(address);
                if (!ok) {
                    throw ConfigException.semantic(at.position(), path, "'" + address + "' in interface entry '" + entry
                            + "' is not a valid " + (family == Family.V4 ? "IPv4" : "IPv6") + " address");
                }
            }
            if (!seen.add(entry)) {
                throw ConfigException.semantic(at.position(), path, "interface '" + entry + "' is listed twice");
            }
        }
        String socketType = o.enumeration("dhcp-socket-type", family == Family.V4 ? "raw" : "udp", "raw", "udp");
        String outbound = o.enumeration("outbound-interface", "same-as-inbound", "same-as-inbound", "use-routing");
        return new InterfacesConfig(names, socketType, outbound, o.bool("re-detect", true),
                o.bool("service-sockets-require-all", false),
                o.integer("service-sockets-max-retries", 0, 0, Integer.MAX_VALUE),
                o.integer("service-sockets-retry-wait-time", 5000, 0, Integer.MAX_VALUE), o.userContext());
    }

    // ------------------------------------------------------------------ databases

    LeaseDatabase leaseDatabase(Obj g) throws ConfigException {
        Obj o = g.map("lease-database", "lease-database");
        if (o == null) return LeaseDatabase.defaults();
        o.allow(DATABASE_KEYS);
        o.require("type");
        String type = o.enumeration("type", "memfile", "memfile", "mysql", "postgresql");
        if (!type.equals("memfile")) {
            throw o.error("type", "lease-database type '" + type + "' is not supported by Nestor (only 'memfile' is,"
                    + " for now)");
        }
        o.checkTypes("constant string", "host", "user", "password", "on-fail", "trust-anchor", "cert-file", "key-file",
                "cipher-list");
        o.checkTypes("integer", "port", "connect-timeout", "max-reconnect-tries", "reconnect-wait-time");
        o.checkTypes("boolean", "readonly");
        for (String sqlOnly : List.of("host", "port", "user", "password", "connect-timeout", "max-reconnect-tries",
                "reconnect-wait-time", "on-fail", "readonly", "trust-anchor", "cert-file", "key-file", "cipher-list")) {
            if (o.has(sqlOnly)) {
                warnings.add(new ConfigWarning("NESTOR_CONFIG_IGNORED_PARAMETER", o.pos(sqlOnly), o.path(sqlOnly),
                        "'" + sqlOnly + "' has no meaning for a memfile lease database and is ignored"));
            }
        }
        o.userContext();
        String name = o.stringOrNull("name");
        if (name != null && name.isEmpty()) name = null;
        return new LeaseDatabase(o.bool("persist", true), name, o.integer("lfc-interval", 3600, 0, 0xFFFF_FFFFL),
                o.integer("max-row-errors", 0, 0, 0xFFFF_FFFFL));
    }

    /** Warnings about settings Kea accepts silently although they leave the server useless or fragile. */
    void serviceWarnings(Obj g, InterfacesConfig interfaces, LeaseDatabase leases, int subnetCount) {
        if (subnetCount > 0 && interfaces.interfaces().isEmpty()) {
            warnings.add(new ConfigWarning("NESTOR_CONFIG_NO_INTERFACES", g.has("interfaces-config")
                    ? g.pos("interfaces-config") : g.position(), g.path("interfaces-config.interfaces"),
                    "no interfaces are listed in interfaces-config: the server opens no DHCP sockets and serves nobody"));
        }
        if (!leases.persist()) {
            warnings.add(new ConfigWarning("DHCPSRV_MEMFILE_NO_STORAGE", g.pos("lease-database"),
                    g.path("lease-database.persist"), "persist is false: leases are kept in memory only and lost"
                    + " when the server stops"));
        } else if (leases.lfcIntervalSeconds() == 0 && g.has("lease-database")) {
            warnings.add(new ConfigWarning("NESTOR_MEMFILE_NO_LFC", g.pos("lease-database"),
                    g.path("lease-database.lfc-interval"), "lfc-interval is 0: the lease file is never cleaned up"
                    + " and grows with every lease change"));
        }
    }

    void refuseUnsupported(Obj g) throws ConfigException {
        for (String key : List.of("hosts-database", "hosts-databases")) {
            if (g.has(key)) {
                throw g.error(key, "'" + key + "' (host reservations in an SQL database) is not supported by Nestor;"
                        + " put reservations in the configuration file");
            }
        }
        if (g.has("config-control")) {
            throw g.error("config-control", "'config-control' (configuration backend) is not supported by Nestor");
        }
        Long port = g.integerOrNull("dhcp4o6-port", 0, 65535);
        if (port != null && port != 0) {
            throw g.error("dhcp4o6-port", "'dhcp4o6-port' (DHCPv4-over-DHCPv6) is not supported by Nestor");
        }
        Obj ddns = g.map("dhcp-ddns", "dhcp-ddns");
        if (ddns != null) {
            ddns.allow(Set.of("enable-updates", "server-ip", "server-port", "sender-ip", "sender-port",
                    "max-queue-size", "ncr-protocol", "ncr-format", "user-context", "comment",
                    "qualifying-suffix", "override-no-update", "override-client-update", "replace-client-name",
                    "generated-prefix", "hostname-char-set", "hostname-char-replacement"));
            ddns.require("enable-updates");
            ddns.checkTypes("constant string", "server-ip", "sender-ip");
            ddns.checkTypes("integer", "server-port", "sender-port", "max-queue-size");
            ddns.enumeration("ncr-protocol", "UDP", "UDP", "TCP");
            ddns.enumeration("ncr-format", "JSON", "JSON");
            if (ddns.bool("enable-updates", false)) {
                throw ddns.error("enable-updates", "DNS updates ('dhcp-ddns' with 'enable-updates': true) are not"
                        + " supported by Nestor");
            }
            notActedOn.add(g.path("dhcp-ddns"));
        }
    }

    // ------------------------------------------------------------------ small maps

    MultiThreading multiThreading(Obj g) throws ConfigException {
        Obj o = g.map("multi-threading", "multi-threading");
        if (o == null) return MultiThreading.defaults();
        o.allow(Set.of("enable-multi-threading", "thread-pool-size", "packet-queue-size", "user-context", "comment"));
        o.require("enable-multi-threading");
        return new MultiThreading(o.bool("enable-multi-threading", false),
                (int) o.integer("thread-pool-size", 0, 0, 65535), (int) o.integer("packet-queue-size", 64, 0, 65535));
    }

    ExpiredLeasesProcessing expiredLeases(Obj g) throws ConfigException {
        Obj o = g.map("expired-leases-processing", "expired-leases-processing");
        if (o == null) return ExpiredLeasesProcessing.defaults();
        o.allow(Set.of("reclaim-timer-wait-time", "flush-reclaimed-timer-wait-time", "hold-reclaimed-time",
                "max-reclaim-leases", "max-reclaim-time", "unwarned-reclaim-cycles"));
        long max32 = Integer.MAX_VALUE;
        return new ExpiredLeasesProcessing(o.integer("reclaim-timer-wait-time", 10, 0, max32),
                o.integer("flush-reclaimed-timer-wait-time", 25, 0, max32),
                o.integer("hold-reclaimed-time", 3600, 0, max32), o.integer("max-reclaim-leases", 100, 0, max32),
                o.integer("max-reclaim-time", 250, 0, 10000), o.integer("unwarned-reclaim-cycles", 5, 0, max32));
    }

    void sanityAndQueue(Obj g) throws ConfigException {
        Obj queue = g.map("dhcp-queue-control", "dhcp-queue-control");
        if (queue != null) {
            queue.require("enable-queue");
            queue.checkTypes("boolean", "enable-queue");
            queue.checkTypes("constant string", "queue-type");
            queue.checkTypes("integer", "capacity");
            notActedOn.add(g.path("dhcp-queue-control"));
        }
        Obj compat = g.map("compatibility", "compatibility");
        if (compat != null) {
            compat.allow(Set.of("lenient-option-parsing"));
            compat.checkTypes("boolean", "lenient-option-parsing");
            notActedOn.add(g.path("compatibility"));
        }
    }

    String leaseChecks(Obj g) throws ConfigException {
        Obj o = g.map("sanity-checks", "sanity-checks");
        if (o == null) return "warn";
        o.allow(Set.of("lease-checks"));
        return o.enumeration("lease-checks", "warn", "none", "warn", "fix", "fix-del", "del");
    }

    List<ControlSocket> controlSockets(Obj g) throws ConfigException {
        List<ControlSocket> out = new ArrayList<>();
        Obj single = g.map("control-socket", "control-socket");
        if (single != null && g.has("control-sockets")) {
            throw g.error("control-sockets", "'control-socket' and 'control-sockets' cannot both be used");
        }
        if (single != null) {
            single.allow(Set.of("socket-type", "socket-name", "user-context", "comment"));
            String type = single.string("socket-type", "unix");
            if (!type.equals("unix")) {
                throw single.error("socket-type", "unsupported 'socket-type' '" + type + "': control-socket supports 'unix'"
                        + " (use 'control-sockets' for http)");
            }
            single.require("socket-name");
            out.add(unixSocket(single, single.stringOrNull("socket-name")));
        }
        boolean unixSeen = false;
        for (Obj o : g.maps("control-sockets", "control-sockets")) {
            o.allow(Set.of("socket-type", "socket-name", "socket-address", "socket-port", "authentication",
                    "trust-anchor", "cert-file", "key-file", "cert-required", "http-headers", "user-context", "comment"));
            o.require("socket-type");
            String type = o.enumeration("socket-type", "unix", "unix", "http", "https");
            if (type.equals("unix")) {
                if (unixSeen) throw o.error("socket-type", "at most one unix control socket may be configured");
                unixSeen = true;
                o.require("socket-name");
                out.add(unixSocket(o, o.stringOrNull("socket-name")));
            } else if (type.equals("https")) {
                throw o.error("socket-type", "'https' control sockets are not supported by Nestor yet");
            } else {
                o.checkTypes("{", "authentication");
                o.checkTypes("[", "http-headers");
                String address = o.string("socket-address", "127.0.0.1");
                if (!Addresses.isV4(address) && !Addresses.isV6(address)) {
                    throw o.error("socket-address", "'socket-address' must be an IP address, not '" + address + "'");
                }
                int port = (int) o.integer("socket-port", 8000, 1, 65535);
                noted(o, "authentication", "http-headers");
                out.add(new ControlSocket("http", "", address, port, o.userContext()));
            }
        }
        return out;
    }

    private static ControlSocket unixSocket(Obj o, String name) throws ConfigException {
        if (name.isEmpty()) throw o.error("socket-name", "'socket-name' must not be empty");
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw o.error("socket-name", "socket path '" + name + "' is longer than 107 bytes, the limit of a unix socket path");
        }
        return new ControlSocket("unix", name, "", 0, o.userContext());
    }

    List<LoggerConfig> loggers(Obj g) throws ConfigException {
        List<LoggerConfig> out = new ArrayList<>();
        for (Obj o : g.maps("loggers", "loggers")) {
            o.allow(Set.of("name", "severity", "debuglevel", "output_options", "output-options", "user-context", "comment"));
            o.require("name");
            String severity = o.stringOrNull("severity");
            String upper = severity == null ? "INFO" : severity.toUpperCase(Locale.ROOT);
            if (!Set.of("FATAL", "ERROR", "WARN", "INFO", "DEBUG", "NONE").contains(upper)) {
                warnings.add(new ConfigWarning("LOG_BAD_SEVERITY", o.pos("severity"), o.path("severity"),
                        "unrecognized log severity: " + severity + " (INFO is used)"));
                upper = "INFO";
            }
            if (severity == null) {
                warnings.add(new ConfigWarning("NESTOR_LOGGER_NO_SEVERITY", o.position(), o.path("severity"),
                        "logger '" + o.stringOrNull("name") + "' has no 'severity' (Kea refuses this at run time); INFO is used"));
            }
            if (o.has("output_options") && o.has("output-options")) {
                throw o.error("output-options", "'output_options' and 'output-options' cannot both be used");
            }
            String outKey = o.has("output-options") ? "output-options" : "output_options";
            List<LoggerConfig.Output> outputs = new ArrayList<>();
            for (Obj out1 : o.maps(outKey, outKey)) {
                out1.allow(Set.of("output", "flush", "maxsize", "maxver", "pattern"));
                out1.require("output");
                outputs.add(new LoggerConfig.Output(out1.stringOrNull("output"), out1.bool("flush", true),
                        out1.integer("maxsize", 10240000, 0, Long.MAX_VALUE), (int) out1.integer("maxver", 1, 0, 1000),
                        out1.string("pattern", "")));
            }
            out.add(new LoggerConfig(o.stringOrNull("name"), upper, (int) o.integer("debuglevel", 0, 0, 99), outputs,
                    o.userContext()));
        }
        return out;
    }

    HooksConfig hooks(Obj g, boolean dhcpMt) throws ConfigException {
        List<HookLibrary> libraries = new ArrayList<>();
        boolean leaseCommands = false;
        Optional<HaConfig> ha = Optional.empty();
        Obj haEntry = null;
        for (Obj o : g.maps("hooks-libraries", "hooks-libraries")) {
            o.allow(Set.of("library", "parameters", "user-context", "comment"));
            o.require("library");
            String library = o.stringOrNull("library");
            HookLibrary.Kind kind = HookLibrary.Kind.ofPath(library);
            if (kind == null) {
                throw o.error("library", "hook library '" + library + "' is not supported by Nestor (Nestor cannot load"
                        + " Kea's C++ hooks; it provides libdhcp_ha.so and libdhcp_lease_cmds.so natively)");
            }
            JsonValue parameters = o.raw("parameters");
            if (parameters != null && !(parameters instanceof JsonObject)) throw Obj.typeError(parameters, o.path("parameters"), "{");
            JsonObject params = parameters == null ? JsonObject.EMPTY : (JsonObject) parameters;
            for (HookLibrary earlier : libraries) {
                if (earlier.kind() == kind) throw o.error("library", "hook library '" + kind.fileName() + "' is listed twice");
            }
            if (kind == HookLibrary.Kind.HIGH_AVAILABILITY) {
                ha = Optional.of(new HaConfigParser(warnings, dhcpMt).parse(Obj.of(params, "parameters", o.path("parameters"))));
                haEntry = o;
            } else {
                leaseCommands = true;
            }
            libraries.add(new HookLibrary(library, kind, params));
        }
        if (ha.isPresent() && !leaseCommands) {
            warnings.add(new ConfigWarning("NESTOR_HA_WITHOUT_LEASE_CMDS", haEntry.pos("library"), haEntry.path("library"),
                    "libdhcp_ha.so is loaded without libdhcp_lease_cmds.so: a stock Kea partner needs lease commands"
                            + " on this server to send it lease updates and to synchronise"));
        }
        return new HooksConfig(libraries, leaseCommands, ha);
    }

    /**
     * Hub-and-spoke binding (ha-protocol.md §16): with several HA relationships each subnet needs
     * {@code user-context.ha-server-name} (its own or its network's) naming a peer of one relationship, else Nestor,
     * like Kea, drops its queries. Kea notices only at run time; here it is a warning at load.
     */
    void haBindings(HooksConfig hooks, List<Obj> subnets, List<Obj> networks) throws ConfigException {
        if (hooks.ha().isEmpty()) return;
        HaConfig ha = hooks.ha().get();
        for (int i = 0; i < subnets.size(); i++) {
            Obj s = subnets.get(i);
            Obj n = networks.get(i);
            String name = haServerName(s);
            Obj where = s;
            if (name == null && n != null) {
                name = haServerName(n);
                where = n;
            }
            if (name == null) {
                if (ha.relationships().size() > 1) {
                    warnings.add(new ConfigWarning("NESTOR_HA_SUBNET_UNBOUND", s.position(), s.path,
                            "subnet " + s.stringOrNull("subnet") + " has no user-context 'ha-server-name' while several HA"
                                    + " relationships are configured: its queries will be dropped"));
                }
            } else if (ha.relationshipFor(name).isEmpty()) {
                warnings.add(new ConfigWarning("NESTOR_HA_SUBNET_UNKNOWN_SERVER", where.pos("user-context"),
                        where.path("user-context.ha-server-name"), "subnet " + s.stringOrNull("subnet")
                                + " names ha-server-name '" + name + "', which is no peer of any HA relationship:"
                                + " its queries will be dropped"));
            }
        }
    }

    private static String haServerName(Obj o) throws ConfigException {
        JsonObject context = o.userContext();
        if (context == null || !context.has("ha-server-name")) return null;
        JsonValue v = context.get("ha-server-name");
        if (!(v instanceof JsonString str) || str.value().isBlank()) {
            throw o.error("user-context", "'ha-server-name' in user-context must be a non-empty string");
        }
        return str.value();
    }

    // ------------------------------------------------------------------ options

    void optionDefinitions(Obj scope) throws ConfigException {
        for (Obj o : scope.maps("option-def", "option-def")) {
            o.allow(Set.of("name", "code", "type", "record-types", "space", "array", "encapsulate", "user-context",
                    "comment"));
            o.require("name");
            o.require("code");
            o.require("type");
            String name = o.stringOrNull("name");
            long code = o.integerOrNull("code");
            String typeText = o.stringOrNull("type");
            String space = o.string("space", space());
            if (!OptionDefinition.isValidName(space)) {
                throw o.error("space", "invalid option space name '" + space + "'");
            }
            long maxCode = family == Family.V4 ? 255 : 65535;
            if (code < 0 || code > maxCode) {
                throw o.error("code", "invalid option code '" + code + "', it must not be greater than '" + maxCode + "'");
            }
            if (family == Family.V4 && space.equals("dhcp4") && (code == 0 || code == 255)) {
                throw o.error("code", "invalid option code '" + code + "': reserved for " + (code == 0 ? "PAD" : "END"));
            }
            if (family == Family.V6 && space.equals("dhcp6") && code == 0) {
                throw o.error("code", "invalid option code '0': reserved value");
            }
            OptionDataType type = OptionDataType.fromKeaName(typeText).orElseThrow(() -> o.error("type",
                    "option type '" + typeText + "' is not supported; expected one of binary, boolean, empty, fqdn,"
                            + " ipv4-address, ipv6-address, ipv6-prefix, psid, record, string, tuple, uint8, uint16,"
                            + " uint32, int8, int16, int32"));
            List<OptionDataType> recordTypes = new ArrayList<>();
            String recordText = o.string("record-types", "");
            if (!recordText.isBlank()) {
                for (String part : recordText.split(",")) {
                    String field = part.strip();
                    recordTypes.add(OptionDataType.fromKeaName(field).orElseThrow(() -> o.error("record-types",
                            "unknown record field type '" + field + "'")));
                }
            }
            OptionDefinition def;
            try {
                def = new OptionDefinition(name, (int) code, space, type, o.bool("array", false), recordTypes,
                        o.string("encapsulate", ""));
            } catch (IllegalArgumentException e) {
                throw o.error(e.getMessage());
            }
            Optional<String> problem = def.validate();
            if (problem.isPresent()) throw o.error(problem.get());
            // Kea lets vendor-encapsulated-options (DHCPv4 option 43) be redefined; no other standard option.
            boolean redefinable = family == Family.V4 && space.equals("dhcp4") && code == 43;
            if (!redefinable && catalog.standard(space).flatMap(s -> s.byCode((int) code)).isPresent()) {
                throw o.error("unable to override definition of option '" + code + "' in standard option space '"
                        + space + "'");
            }
            if (catalog.inClass() && catalog.localClash(def)) {
                throw o.error("name", "option definition with name '" + name + "' or code '" + code
                        + "' already exists in option space '" + space + "' of this class");
            }
            if (!catalog.inClass() && catalog.customByName(space, name) != null) {
                throw o.error("name", "option definition with name '" + name + "' already exists in option space '"
                        + space + "'");
            }
            if (!catalog.inClass() && catalog.customByCode(space, (int) code) != null) {
                throw o.error("code", "option definition with code '" + code + "' already exists in option space '"
                        + space + "'");
            }
            o.userContext();
            catalog.add(def);
        }
    }

    List<OptionData> optionData(Obj scope, boolean global) throws ConfigException {
        List<OptionData> out = new ArrayList<>();
        for (Obj o : scope.maps("option-data", "option-data")) {
            out.add(option(o, global));
        }
        return out;
    }

    private OptionData option(Obj o, boolean global) throws ConfigException {
        o.allow(Set.of("name", "code", "space", "csv-format", "data", "always-send", "user-context", "comment"));
        String space = o.string("space", space());
        String name = o.stringOrNull("name");
        Long codeValue = o.integerOrNull("code");
        if (name == null && codeValue == null) {
            throw o.error("option data configuration requires one of 'code' or 'name' parameters to be specified");
        }
        long maxCode = family == Family.V4 ? 255 : 65535;
        if (codeValue != null && (codeValue < 0 || codeValue > maxCode)) {
            throw o.error("code", "invalid option code '" + codeValue + "', it must not be greater than '" + maxCode + "'");
        }
        if (codeValue != null && family == Family.V4 && space.equals("dhcp4") && (codeValue == 0 || codeValue == 255)) {
            throw o.error("code", "invalid option code '" + codeValue + "': reserved for " + (codeValue == 0 ? "PAD" : "END"));
        }
        OptionDefinition def = null;
        if (name != null) {
            def = catalog.byName(space, name);
            if (def == null && codeValue == null) {
                throw o.error("name", "definition for the option '" + space + "." + name + "' having code '0' does not exist");
            }
        }
        if (codeValue != null) {
            OptionDefinition byCode = catalog.byCode(space, codeValue.intValue());
            if (def != null && def.code() != codeValue) {
                throw o.error("name", "specified option name '" + name + "' does not match the option definition: '"
                        + space + "." + (byCode == null ? "" : byCode.name()) + "'");
            }
            if (def == null && byCode != null && name != null && !byCode.name().equals(name)) {
                throw o.error("name", "specified option name '" + name + "' does not match the option definition: '"
                        + space + "." + byCode.name() + "'");
            }
            if (def == null) def = byCode;
        }
        int code = def != null ? def.code() : codeValue.intValue();
        Boolean csvExplicit = o.boolOrNull("csv-format");
        // Kea injects csv-format: true only into the global option-data list (dhcp4-config.md §6).
        boolean csv = csvExplicit != null ? csvExplicit : (global || def != null);
        String data = o.string("data", "");
        byte[] payload;
        try {
            if (def == null) {
                if (csv) {
                    throw o.error(name != null ? "name" : "code", "definition for the option '" + space + "."
                            + (name == null ? "" : name) + "' having code '" + code + "' does not exist");
                }
                payload = OptionDataEncoder.encodeUndefined(data);
            } else if (csv) {
                payload = OptionDataEncoder.encode(def, withoutBinaryBlanks(def, data), true);
            } else {
                payload = OptionDataEncoder.encode(def, data, csv);
            }
        } catch (OptionDataException e) {
            String where = o.has("data") ? "data" : (o.has("name") ? "name" : "code");
            if (csv) {
                throw o.error(where, "option data does not match option definition (space: " + space + ", code: "
                        + code + "): " + e.getMessage());
            }
            throw o.error(where, e.getMessage());
        }
        return new OptionData(space, code, def != null ? def.name() : (name == null ? "" : name), payload,
                o.bool("always-send", false), csv, data, o.userContext());
    }

    /**
     * Kea reads a CSV binary value as hex digits and skips blanks ({@code "1A BB AD"} is valid, as in Kea's
     * all-options.json, while nestor-wire's encoder wants no blanks): remove blanks from the binary value, which is
     * the whole data for a binary option or the text after the last record field's comma for a record ending in binary.
     */
    static String withoutBinaryBlanks(OptionDefinition def, String data) {
        if (def.array()) return data;
        if (def.type() == OptionDataType.BINARY) return data.replaceAll("\\s+", "");
        List<OptionDataType> fields = def.recordTypes();
        if (def.type() != OptionDataType.RECORD || fields.isEmpty()
                || fields.get(fields.size() - 1) != OptionDataType.BINARY) {
            return data;
        }
        int commas = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' && ++commas == fields.size() - 1) {
                String rest = data.substring(i + 1).strip();
                return data.substring(0, i + 1) + rest.replaceAll("\\s+", "");
            }
        }
        return data;
    }

    /** {@code own} followed by every option of {@code inherited} whose space and code {@code own} does not set. */
    static List<OptionData> merge(List<OptionData> own, List<OptionData> inherited) {
        if (inherited.isEmpty()) return own;
        List<OptionData> out = new ArrayList<>(own);
        for (OptionData o : inherited) {
            if (OptionData.find(own, o.space(), o.code()) == null) out.add(o);
        }
        return out;
    }

    // ------------------------------------------------------------------ lifetimes

    /**
     * Reads the triplet {@code key}, {@code min-key}, {@code max-key} from the most specific scope that sets each
     * part (scopes most specific first), and checks min <= value <= max.
     */
    Triplet triplet(String key, long builtIn, List<Obj> scopes, Obj reportAt) throws ConfigException {
        Long value = first(scopes, key);
        Long min = first(scopes, "min-" + key);
        Long max = first(scopes, "max-" + key);
        long v = value != null ? value : (min != null && max == null ? min : max != null && min == null ? max : builtIn);
        if (value == null && min != null && max != null) v = Math.max(min, Math.min(max, builtIn));
        long lo = min != null ? min : v;
        long hi = max != null ? max : v;
        if (lo > v) {
            throw where(scopes, "min-" + key, reportAt).error("min-" + key, "the value of min-" + key + " (" + lo
                    + ") is not less than (default) " + key + " (" + v + ")");
        }
        if (v > hi) {
            throw where(scopes, "max-" + key, reportAt).error("max-" + key, "the value of (default) " + key + " (" + v
                    + ") is not less than max-" + key + " (" + hi + ")");
        }
        return new Triplet(lo, v, hi);
    }

    static Long first(List<Obj> scopes, String key) throws ConfigException {
        for (Obj s : scopes) {
            if (s != null && s.has(key)) return s.integerOrNull(key, 0, 0xFFFF_FFFFL);
        }
        return null;
    }

    static Boolean firstBool(List<Obj> scopes, String key) throws ConfigException {
        for (Obj s : scopes) {
            if (s != null && s.has(key)) return s.boolOrNull(key);
        }
        return null;
    }

    static Double firstReal(List<Obj> scopes, String key) throws ConfigException {
        for (Obj s : scopes) {
            if (s != null && s.has(key)) return s.realOrNull(key);
        }
        return null;
    }

    static String firstString(List<Obj> scopes, String key) throws ConfigException {
        for (Obj s : scopes) {
            if (s != null && s.has(key)) return s.stringOrNull(key);
        }
        return null;
    }

    /** The scope (most specific first) that sets {@code key}, or {@code fallback}. */
    static Obj where(List<Obj> scopes, String key, Obj fallback) {
        for (Obj s : scopes) {
            if (s != null && s.has(key)) return s;
        }
        return fallback;
    }

    /** Checks types of the ddns and hostname keys (accepted, not acted on) in one scope. */
    void ddnsKeys(Obj o) throws ConfigException {
        o.checkTypes("boolean", "ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
                "ddns-update-on-renew", "ddns-use-conflict-resolution");
        o.checkTypes("constant string", "ddns-generated-prefix", "ddns-qualifying-suffix", "hostname-char-set",
                "hostname-char-replacement");
        o.enumeration("ddns-replace-client-name", "never", "never", "always", "when-present", "when-not-present");
        for (String key : DDNS_KEYS) {
            if (o.has(key)) notActedOn.add(o.path(key));
        }
    }

    /** Reservation flags of one scope: {@code reservation-mode} or the three booleans, never both. */
    /** Type checks of the global scalars both families share (timers, percentages, cache settings). */
    static void checkGlobalScalars(Obj g) throws ConfigException {
        g.checkTypes("floating point", "t1-percent", "t2-percent", "cache-threshold");
        first(List.of(g), "renew-timer");
        first(List.of(g), "rebind-timer");
        first(List.of(g), "cache-max-age");
    }

    /**
     * The part of a {@code shared-networks} entry both families share: allowed keys, a unique non-empty name,
     * reservation flags and DDNS keys. Returns the name.
     */
    String sharedNetworkHeader(Obj n, java.util.Set<String> allowedKeys, java.util.Set<String> seenNames)
            throws ConfigException {
        n.allow(allowedKeys);
        n.require("name");
        String name = n.stringOrNull("name");
        if (name.isBlank()) throw n.error("name", "shared network name must not be empty");
        if (!seenNames.add(name)) throw n.error("name", "duplicate network '" + name + "' found in the configuration");
        checkReservationMode(n);
        ddnsKeys(n);
        return name;
    }

    static void checkReservationMode(Obj o) throws ConfigException {
        if (o == null) return;
        if (o.has("reservation-mode")) {
            o.enumeration("reservation-mode", "all", "disabled", "out-of-pool", "global", "all");
            if (o.has("reservations-global") || o.has("reservations-in-subnet") || o.has("reservations-out-of-pool")) {
                throw o.error("reservation-mode", "invalid use of both 'reservation-mode' and one of"
                        + " 'reservations-global', 'reservations-in-subnet' or 'reservations-out-of-pool' parameters");
            }
        }
    }

    /** Effective reservation flags {global, in-subnet, out-of-pool} from the most specific scope that sets any. */
    static boolean[] reservationFlags(List<Obj> scopes) throws ConfigException {
        boolean[] flags = {false, true, false};
        boolean[] set = new boolean[3];
        String[] keys = {"reservations-global", "reservations-in-subnet", "reservations-out-of-pool"};
        for (Obj s : scopes) {
            if (s == null) continue;
            if (s.has("reservation-mode")) {
                String mode = s.stringOrNull("reservation-mode");
                boolean[] m = switch (mode) {
                    case "disabled" -> new boolean[] {false, false, false};
                    case "global" -> new boolean[] {true, false, false};
                    case "out-of-pool" -> new boolean[] {false, true, true};
                    default -> new boolean[] {false, true, false};
                };
                for (int i = 0; i < 3; i++) {
                    if (!set[i]) {
                        flags[i] = m[i];
                        set[i] = true;
                    }
                }
            }
            for (int i = 0; i < 3; i++) {
                if (!set[i] && s.has(keys[i])) {
                    flags[i] = s.boolOrNull(keys[i]);
                    set[i] = true;
                }
            }
        }
        return flags;
    }

    // ------------------------------------------------------------------ identifiers

    static HostIdentifier identifier(Obj o, List<String> allowedTypes) throws ConfigException {
        String found = null;
        for (String type : List.of("hw-address", "duid", "client-id", "circuit-id", "flex-id")) {
            if (o.has(type)) {
                if (found != null) {
                    throw o.error(type, "the '" + found + "' and '" + type + "' are mutually exclusive"
                            + " (a host reservation takes exactly one identifier)");
                }
                found = type;
            }
        }
        if (found == null) {
            throw o.error("host reservation must specify exactly one identifier: one of "
                    + String.join(", ", allowedTypes));
        }
        if (!allowedTypes.contains(found)) {
            throw o.error(found, "identifier '" + found + "' is not supported here");
        }
        String text = o.stringOrNull(found);
        byte[] bytes = identifierBytes(text);
        if (bytes == null || bytes.length == 0) {
            throw o.error(found, "invalid host identifier value '" + text + "'");
        }
        if (found.equals("hw-address") && bytes.length > 20) {
            throw o.error(found, "invalid host identifier value '" + text + "': a hardware address has at most 20 bytes");
        }
        return new HostIdentifier(found, bytes);
    }

    /** Hex with ':' (or no) separators, or a single-quoted string; {@code null} if neither. */
    static byte[] identifierBytes(String text) {
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            if (t.indexOf(':') >= 0 || t.indexOf('-') >= 0 || t.indexOf(' ') >= 0) {
                String[] parts = t.split("[:\\- ]");
                byte[] out = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].isEmpty() || parts[i].length() > 2) return null;
                    out[i] = (byte) Integer.parseInt(parts[i], 16);
                }
                return out;
            }
            if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
            if (t.length() % 2 == 1) t = "0" + t;
            return java.util.HexFormat.of().parseHex(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The class test syntax check and a class's common parts; family-specific fields are read by the caller. */
    ClientClass clientClass(Obj o, Set<String> knownClasses) throws ConfigException {
        Set<String> keys = new HashSet<>(Set.of("name", "test", "only-if-required", "option-data", "option-def",
                "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "user-context", "comment"));
        if (family == Family.V4) {
            keys.addAll(Set.of("next-server", "server-hostname", "boot-file-name"));
        } else {
            keys.addAll(Set.of("preferred-lifetime", "min-preferred-lifetime", "max-preferred-lifetime"));
        }
        o.allow(keys);
        o.require("name");
        String name = o.stringOrNull("name");
        if (name.isBlank()) throw o.error("name", "client class name must not be empty");
        if (knownClasses.contains(name)) {
            throw o.error("name", "Can't add class: Class: " + name + " has already been defined");
        }
        String test = o.string("test", "");
        if (!test.isEmpty()) {
            Optional<String> problem = ClassExpression.check(test, family, knownClasses,
                    optionName -> catalog.byName(space(), optionName) != null);
            if (problem.isPresent()) {
                throw o.error("test", "expression: [" + test + "] error: " + problem.get());
            }
        }
        int definitionsBefore = catalog.custom().size();
        catalog.enterClass();
        List<OptionData> options;
        try {
            optionDefinitions(o);
            options = optionData(o, false);
        } finally {
            catalog.exitClass();
        }
        List<dev.nestor.wire.option.OptionDefinition> ownDefinitions =
                catalog.custom().subList(definitionsBefore, catalog.custom().size());
        Optional<Integer> nextServer = Optional.empty();
        Optional<String> serverHostname = Optional.empty();
        Optional<String> bootFileName = Optional.empty();
        if (family == Family.V4) {
            String ns = o.stringOrNull("next-server");
            if (ns != null) nextServer = Optional.of(nextServer(o, ns));
            serverHostname = Optional.ofNullable(o.stringOrNull("server-hostname"));
            if (serverHostname.isPresent()) checkServerHostname(o, serverHostname.get());
            bootFileName = Optional.ofNullable(o.stringOrNull("boot-file-name"));
            if (bootFileName.isPresent()) checkBootFileName(o, bootFileName.get(), 128);
        }
        List<Obj> scope = List.of(o);
        Optional<Triplet> valid = o.has("valid-lifetime") || o.has("min-valid-lifetime") || o.has("max-valid-lifetime")
                ? Optional.of(triplet("valid-lifetime", 0, scope, o)) : Optional.empty();
        Optional<Triplet> preferred = family == Family.V6 && (o.has("preferred-lifetime")
                || o.has("min-preferred-lifetime") || o.has("max-preferred-lifetime"))
                ? Optional.of(triplet("preferred-lifetime", 0, scope, o)) : Optional.empty();
        return new ClientClass(name, test, o.bool("only-if-required", false), options, ownDefinitions, nextServer,
                serverHostname, bootFileName, valid, preferred, o.userContext());
    }

    /**
     * A pool's class restriction: Kea 2.2's {@code client-class} (one name) or newer Kea's {@code client-classes}
     * (a list; a packet in any of them may use the pool). Not both.
     */
    static List<String> poolClasses(Obj p) throws ConfigException {
        if (p.has("client-class") && p.has("client-classes")) {
            throw p.error("client-classes", "'client-class' and 'client-classes' cannot both be used");
        }
        if (p.has("client-classes")) return p.strings("client-classes");
        String one = p.string("client-class", "");
        return one.isEmpty() ? List.of() : List.of(one);
    }

    static int nextServer(Obj o, String text) throws ConfigException {
        if (text.isEmpty()) return 0;
        try {
            return Addresses.parseV4(text);
        } catch (IllegalArgumentException e) {
            throw o.error("next-server", "invalid next-server '" + text + "': it must be an IPv4 address");
        }
    }

    static void checkServerHostname(Obj o, String value) throws ConfigException {
        int len = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (len > 63) {
            throw o.error("server-hostname", "server-hostname must be at most 63 bytes long, it is " + len);
        }
    }

    static void checkBootFileName(Obj o, String value, int limit) throws ConfigException {
        int len = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (len > limit) {
            throw o.error("boot-file-name", "boot-file-name must be at most 127 bytes long, it is " + len);
        }
    }

    List<ClientClass> clientClasses(Obj g) throws ConfigException {
        List<ClientClass> out = new ArrayList<>();
        Set<String> known = new HashSet<>(Set.of("ALL", "KNOWN", "UNKNOWN", "DROP", "BOOTP"));
        for (Obj o : g.maps("client-classes", "client-classes")) {
            ClientClass c = clientClass(o, known);
            known.add(c.name());
            out.add(c);
        }
        return out;
    }
}

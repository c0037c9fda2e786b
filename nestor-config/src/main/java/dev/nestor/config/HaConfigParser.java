package dev.nestor.config;

import dev.nestor.config.ha.HaConfig;
import dev.nestor.config.ha.HaMode;
import dev.nestor.config.ha.HaPeer;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.config.ha.HaRole;
import dev.nestor.config.ha.HaTls;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and validates the {@code libdhcp_ha.so} parameters (ha-protocol.md §2) with Kea 2.2's messages, accepting
 * several hot-standby relationships as Kea 2.6 does, and adds warnings where Kea is silent but the setting hurts.
 */
final class HaConfigParser {
    private static final Set<String> RELATIONSHIP_KEYS = Set.of("this-server-name", "mode", "heartbeat-delay",
            "max-response-delay", "max-ack-delay", "max-unacked-clients", "max-rejected-lease-updates",
            "delayed-updates-limit", "send-lease-updates", "sync-leases", "sync-timeout", "sync-page-limit",
            "wait-backup-ack", "require-client-certs", "restrict-commands", "trust-anchor", "cert-file", "key-file",
            "multi-threading", "state-machine", "peers", "user-context", "comment");
    private static final Set<String> PEER_KEYS = Set.of("name", "url", "role", "auto-failover", "basic-auth-user",
            "basic-auth-user-file", "basic-auth-password", "basic-auth-password-file", "trust-anchor", "cert-file",
            "key-file", "user-context", "comment");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final List<ConfigWarning> warnings;
    private final boolean dhcpMultiThreading;

    HaConfigParser(List<ConfigWarning> warnings, boolean dhcpMultiThreading) {
        this.warnings = warnings;
        this.dhcpMultiThreading = dhcpMultiThreading;
    }

    HaConfig parse(Obj parameters) throws ConfigException {
        if (!parameters.has("high-availability")) {
            throw parameters.error("HA_MISSING_CONFIGURATION: 'high-availability' parameter not specified for libdhcp_ha.so");
        }
        List<Obj> relationships = parameters.maps("high-availability", "high-availability");
        if (relationships.isEmpty()) {
            throw parameters.error("high-availability",
                    "invalid number of configurations in the HA configuration list. Expected at least one configuration");
        }
        List<HaRelationship> out = new ArrayList<>();
        for (Obj r : relationships) {
            out.add(relationship(r));
        }
        if (out.size() > 1) {
            Map<String, Integer> owner = new HashMap<>();
            for (int i = 0; i < out.size(); i++) {
                HaRelationship r = out.get(i);
                if (r.mode() != HaMode.HOT_STANDBY) {
                    throw relationships.get(i).error("mode", "multiple HA relationships are only supported for 'hot-standby' mode");
                }
                for (HaPeer p : r.peers()) {
                    Integer previous = owner.putIfAbsent(p.name(), i);
                    if (previous != null && previous != i) {
                        throw relationships.get(i).error("peers",
                                "server names must be unique for different relationships: '" + p.name() + "'");
                    }
                }
            }
        }
        return new HaConfig(out);
    }

    private HaRelationship relationship(Obj r) throws ConfigException {
        for (String key : r.json.keys()) {
            if (!RELATIONSHIP_KEYS.contains(key)) {
                warn("HA_CONFIG_UNKNOWN_PARAMETER", r, key, "unknown HA parameter '" + key
                        + "' (Kea ignores it silently; check its spelling)");
            }
        }
        r.require("this-server-name");
        String thisName = r.stringOrNull("this-server-name").strip();
        if (thisName.isEmpty()) throw r.error("this-server-name", "'this-server-name' value must not be empty");
        r.require("mode");
        String modeText = r.stringOrNull("mode");
        HaMode mode = HaMode.of(modeText);
        if (mode == null) {
            throw r.error("mode", "unsupported value '" + modeText + "' for mode parameter");
        }
        int heartbeatDelay = (int) r.integer("heartbeat-delay", 10000, 0, 65535);
        int maxResponseDelay = (int) r.integer("max-response-delay", 60000, 0, 65535);
        int maxAckDelay = (int) r.integer("max-ack-delay", 10000, 0, 65535);
        long maxUnacked = r.integer("max-unacked-clients", 10, 0, UINT32_MAX);
        long maxRejected = r.integer("max-rejected-lease-updates", 10, 0, UINT32_MAX);
        long delayedLimit = r.integer("delayed-updates-limit", mode == HaMode.LOAD_BALANCING ? 100 : 0, 0, UINT32_MAX);
        boolean sendUpdates = r.bool("send-lease-updates", true);
        boolean syncLeases = r.bool("sync-leases", true);
        long syncTimeout = r.integer("sync-timeout", 60000, 0, UINT32_MAX);
        long syncPageLimit = r.integer("sync-page-limit", 10000, 0, UINT32_MAX);
        boolean waitBackupAck = r.bool("wait-backup-ack", false);
        boolean requireClientCerts = r.bool("require-client-certs", true);
        boolean restrictCommands = r.bool("restrict-commands", false);
        String trustAnchor = emptyToNull(r.stringOrNull("trust-anchor"));
        String certFile = emptyToNull(r.stringOrNull("cert-file"));
        String keyFile = emptyToNull(r.stringOrNull("key-file"));
        r.userContext();

        HaRelationship.MultiThreading mt = new HaRelationship.MultiThreading(false, false, 0, 0);
        Obj mtObj = r.map("multi-threading", "multi-threading");
        if (mtObj != null) {
            mtObj.allow(Set.of("enable-multi-threading", "http-dedicated-listener", "http-listener-threads",
                    "http-client-threads"));
            mt = new HaRelationship.MultiThreading(mtObj.bool("enable-multi-threading", false),
                    mtObj.bool("http-dedicated-listener", false),
                    (int) mtObj.integer("http-listener-threads", 0, 0, 65535),
                    (int) mtObj.integer("http-client-threads", 0, 0, 65535));
            if (mt.enabled() && !dhcpMultiThreading) {
                warn("HA_CONFIG_DHCP_MT_DISABLED", mtObj, "enable-multi-threading",
                        "HA multi-threading is enabled but the server's multi-threading is not: HA runs single-threaded");
                mt = new HaRelationship.MultiThreading(false, mt.httpDedicatedListener(), mt.httpListenerThreads(),
                        mt.httpClientThreads());
            }
        }

        Map<String, String> pauses = new LinkedHashMap<>();
        Obj sm = r.map("state-machine", "state-machine");
        if (sm != null) {
            sm.allow(Set.of("states"));
            for (Obj s : sm.maps("states", "state-machine states")) {
                s.allow(Set.of("state", "pause"));
                s.require("state");
                String state = s.stringOrNull("state");
                if (!HaRelationship.STATES.contains(state)) throw s.error("state", "unknown state " + state);
                String pause = s.string("pause", "never");
                if (!Set.of("always", "never", "once").contains(pause)) {
                    throw s.error("pause", "unsupported value " + pause + " of 'pause' parameter");
                }
                if (pauses.putIfAbsent(state, pause) != null) {
                    throw s.error("state", "duplicated configuration for the '" + state + "' state");
                }
            }
        }

        r.require("peers");
        List<Obj> peerObjs = r.maps("peers", "peers");
        List<HaPeer> peers = new ArrayList<>();
        Map<String, Obj> peerObjByName = new HashMap<>();
        EnumMap<HaRole, Integer> roleCount = new EnumMap<>(HaRole.class);
        for (Obj p : peerObjs) {
            HaPeer peer = peer(p, trustAnchor, certFile, keyFile);
            if (peerObjByName.putIfAbsent(peer.name(), p) != null) {
                throw p.error("name", "peer with name '" + peer.name() + "' already specified");
            }
            if (peer.role() != HaRole.BACKUP && roleCount.merge(peer.role(), 1, Integer::sum) > 1) {
                throw p.error("role", "multiple " + peer.role().keaName() + " servers specified");
            }
            peers.add(peer);
        }
        if (!peerObjByName.containsKey(thisName)) {
            throw r.error("this-server-name", "no peer configuration specified for the '" + thisName + "'");
        }
        checkRoles(r, mode, roleCount, waitBackupAck, delayedLimit);

        HaTls tls = trustAnchor == null && certFile == null && keyFile == null ? null
                : new HaTls(trustAnchor, certFile, keyFile);
        HaRelationship rel = new HaRelationship(thisName, mode, heartbeatDelay, maxResponseDelay, maxAckDelay,
                maxUnacked, maxRejected, delayedLimit, sendUpdates, syncLeases, syncTimeout, syncPageLimit,
                waitBackupAck, requireClientCerts, restrictCommands, tls, mt, pauses, peers);
        relationshipWarnings(r, rel, peerObjByName);
        return rel;
    }

    private static void checkRoles(Obj r, HaMode mode, Map<HaRole, Integer> roles, boolean waitBackupAck,
                                   long delayedLimit) throws ConfigException {
        boolean primary = roles.containsKey(HaRole.PRIMARY);
        boolean secondary = roles.containsKey(HaRole.SECONDARY);
        boolean standby = roles.containsKey(HaRole.STANDBY);
        switch (mode) {
            case LOAD_BALANCING -> {
                if (standby) throw r.error("peers", "standby servers not allowed in the load balancing configuration");
                if (!secondary) throw r.error("peers", "secondary server required in the load balancing configuration");
                if (!primary) throw r.error("peers", "primary server required in the load balancing configuration");
                if (waitBackupAck) {
                    throw r.error("wait-backup-ack", "'wait-backup-ack' must be set to false in the load balancing configuration");
                }
            }
            case HOT_STANDBY -> {
                if (secondary) throw r.error("peers", "secondary servers not allowed in the hot standby configuration");
                if (!standby) throw r.error("peers", "standby server required in the hot standby configuration");
                if (!primary) throw r.error("peers", "primary server required in the hot standby configuration");
                if (waitBackupAck) {
                    throw r.error("wait-backup-ack", "'wait-backup-ack' must be set to false in the hot standby configuration");
                }
                if (delayedLimit > 0) {
                    throw r.error("delayed-updates-limit", "'delayed-updates-limit' must be set to 0 in the hot standby configuration");
                }
            }
            case PASSIVE_BACKUP -> {
                if (secondary) throw r.error("peers", "secondary servers not allowed in the passive backup configuration");
                if (standby) throw r.error("peers", "standby servers not allowed in the passive backup configuration");
                if (!primary) throw r.error("peers", "primary server required in the passive backup configuration");
                if (delayedLimit > 0) {
                    throw r.error("delayed-updates-limit", "'delayed-updates-limit' must be set to 0 in the passive backup configuration");
                }
            }
        }
    }

    private HaPeer peer(Obj p, String trustAnchor, String certFile, String keyFile) throws ConfigException {
        for (String key : p.json.keys()) {
            if (!PEER_KEYS.contains(key)) {
                warn("HA_CONFIG_UNKNOWN_PARAMETER", p, key, "unknown HA peer parameter '" + key
                        + "' (Kea ignores it silently; check its spelling)");
            }
        }
        p.require("name");
        String name = p.stringOrNull("name").strip();
        if (name.isEmpty()) throw p.error("name", "peer name must not be empty");
        p.require("url");
        String url = p.stringOrNull("url");
        p.require("role");
        String roleText = p.stringOrNull("role");
        HaRole role = HaRole.of(roleText);
        if (role == null) throw p.error("role", "unsupported value '" + roleText + "' for role parameter");
        boolean autoFailover = p.bool("auto-failover", true);
        String user = emptyToNull(p.stringOrNull("basic-auth-user"));
        String userFile = emptyToNull(p.stringOrNull("basic-auth-user-file"));
        String password = p.stringOrNull("basic-auth-password");
        String passwordFile = emptyToNull(p.stringOrNull("basic-auth-password-file"));
        if (user != null && user.indexOf(':') >= 0) {
            throw p.error("basic-auth-user", "user '" + user + "' must not contain a ':' in peer '" + name + "'");
        }
        if (user != null && userFile != null) {
            throw p.error("basic-auth-user-file", "only one of basic-auth-user and basic-auth-user-file parameter can be configured in peer '" + name + "'");
        }
        if (password != null && passwordFile != null) {
            throw p.error("basic-auth-password-file", "only one of basic-auth-password and basic-auth-password-file parameter can be configured in peer '" + name + "'");
        }
        p.userContext();

        String ta = firstNonNull(emptyToNull(p.stringOrNull("trust-anchor")), trustAnchor);
        String cf = firstNonNull(emptyToNull(p.stringOrNull("cert-file")), certFile);
        String kf = firstNonNull(emptyToNull(p.stringOrNull("key-file")), keyFile);
        Optional<HaTls> tls = Optional.empty();
        if (ta != null || cf != null || kf != null) {
            String missing = ta == null ? "trust-anchor" : cf == null ? "cert-file" : kf == null ? "key-file" : null;
            if (missing != null) {
                throw p.error("bad TLS config for server " + name + ": " + missing
                        + " parameter is missing or empty: all or none of TLS parameters must be set");
            }
            tls = Optional.of(new HaTls(ta, cf, kf));
        }

        String lower = url.toLowerCase(java.util.Locale.ROOT);
        boolean https;
        String rest;
        if (lower.startsWith("http://")) {
            https = false;
            rest = url.substring(7);
        } else if (lower.startsWith("https://")) {
            https = true;
            rest = url.substring(8);
        } else {
            throw p.error("url", "bad url '" + url + "': unsupported scheme (expected http:// or https://) in peer '" + name + "'");
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) throw p.error("url", "bad url '" + url + "': unterminated IPv6 address in peer '" + name + "'");
            hostText = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) throw p.error("url", "bad url '" + url + "': garbage after the address in peer '" + name + "'");
                portText = after.substring(1);
            }
            if (!Addresses.isV6(hostText)) {
                throw p.error("url", "bad url '" + url + "': '" + hostText + "' is not an IPv6 address in peer '" + name + "'");
            }
        } else {
            int colon = authority.indexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            if (colon >= 0) portText = authority.substring(colon + 1);
            if (!Addresses.isV4(hostText)) {
                throw p.error("url", "bad url '" + url + "': host '" + hostText
                        + "' is not an IP address (host names are not supported) in peer '" + name + "'");
            }
        }
        int port = https ? 443 : 80;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw p.error("url", "bad url '" + url + "': invalid port '" + portText + "' in peer '" + name + "'");
            }
        }
        if (https && tls.isEmpty()) {
            throw p.error("url", "bad url '" + url + "': https is used but no TLS parameters (trust-anchor, cert-file, key-file) are set for peer '" + name + "'");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(hostText);
        } catch (UnknownHostException e) {
            throw p.error("url", "bad url '" + url + "' in peer '" + name + "'");
        }
        return new HaPeer(name, url, https, address, port, role, autoFailover, Optional.ofNullable(user),
                Optional.ofNullable(password), Optional.ofNullable(passwordFile), tls);
    }

    private void relationshipWarnings(Obj r, HaRelationship rel, Map<String, Obj> peerObjs) {
        if (rel.heartbeatDelayMs() == 0) {
            warn("NESTOR_HA_NO_HEARTBEATS", r, "heartbeat-delay",
                    "heartbeat-delay is 0: no heartbeats are sent, so a failed partner is never detected");
        } else if (rel.heartbeatDelayMs() >= rel.maxResponseDelayMs()) {
            warn("NESTOR_HA_HEARTBEAT_NOT_BELOW_MAX_RESPONSE", r, r.has("heartbeat-delay") ? "heartbeat-delay" : "max-response-delay",
                    "heartbeat-delay (" + rel.heartbeatDelayMs() + " ms) is not below max-response-delay ("
                            + rel.maxResponseDelayMs() + " ms): communication is declared interrupted between two heartbeats"
                            + " of a healthy partner");
        }
        if (rel.maxUnackedClients() == 0 && rel.mode() != HaMode.PASSIVE_BACKUP) {
            warn("NESTOR_HA_NO_UNACKED_ANALYSIS", r, r.has("max-unacked-clients") ? "max-unacked-clients" : "mode",
                    "max-unacked-clients is 0: the partner is declared down as soon as heartbeats fail,"
                            + " without checking whether it still serves clients (a network split makes both servers active)");
        }
        if (!rel.sendLeaseUpdates()) {
            warn("HA_CONFIG_LEASE_UPDATES_DISABLED", r, "send-lease-updates",
                    "lease updates will not be sent to the partner");
        }
        if (!rel.syncLeases()) {
            warn("HA_CONFIG_LEASE_SYNCING_DISABLED", r, "sync-leases",
                    "lease database synchronisation is disabled");
        }
        if (rel.sendLeaseUpdates() != rel.syncLeases()) {
            warn("HA_CONFIG_LEASE_UPDATES_AND_SYNCING_DIFFER", r, "sync-leases",
                    "send-lease-updates and sync-leases differ: the lease databases will diverge");
        }
        if (!rel.thisPeer().autoFailover()) {
            warn("HA_CONFIG_AUTO_FAILOVER_DISABLED", peerObjs.get(rel.thisServerName()), "auto-failover",
                    "auto-failover is disabled for this server: in partner-down it does not take over the partner's clients");
        }
        if (rel.multiThreading().httpDedicatedListener() && !rel.multiThreading().enabled()) {
            warn("NESTOR_HA_LISTENER_IGNORED", r, "multi-threading",
                    "http-dedicated-listener is ignored because HA multi-threading is not enabled");
        }
        Map<String, String> endpoints = new HashMap<>();
        Set<Boolean> schemes = new HashSet<>();
        for (HaPeer peer : rel.peers()) {
            schemes.add(peer.https());
            String endpoint = peer.address().getHostAddress() + ":" + peer.port();
            String other = endpoints.putIfAbsent(endpoint, peer.name());
            if (other != null) {
                warn("NESTOR_HA_PEERS_SAME_URL", peerObjs.get(peer.name()), "url",
                        "peers '" + other + "' and '" + peer.name() + "' use the same address and port " + endpoint
                                + ": they cannot both be right");
            }
            if (peer.address().isAnyLocalAddress()) {
                warn("NESTOR_HA_PEER_WILDCARD_URL", peerObjs.get(peer.name()), "url",
                        "peer '" + peer.name() + "' has the unspecified address in its URL; other servers cannot reach it there");
            }
        }
        if (schemes.size() > 1) {
            warn("NESTOR_HA_MIXED_SCHEMES", r, "peers", "some peers use http:// and others https://:"
                    + " the dedicated listener serves one scheme only, so one side cannot be right");
        }
        HaPeer self = rel.thisPeer();
        for (HaPeer peer : rel.peers()) {
            if (peer != self && peer.address().isLoopbackAddress() != self.address().isLoopbackAddress()) {
                warn("NESTOR_HA_LOOPBACK_MISMATCH", peerObjs.get(peer.name()), "url",
                        "peer '" + peer.name() + "' and this server '" + self.name() + "' disagree on loopback:"
                                + " a loopback URL is only reachable from the same machine");
            }
        }
    }

    private void warn(String id, Obj where, String key, String message) {
        if (where == null) {
            warnings.add(new ConfigWarning(id, null, "", message));
            return;
        }
        warnings.add(new ConfigWarning(id, where.has(key) ? where.pos(key) : where.position(), where.path(key), message));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** Parses the parameters map of a {@code libdhcp_ha.so} entry (entry point for tests and the loader). */
    static HaConfig parse(JsonValue parameters, String path, List<ConfigWarning> warnings, boolean dhcpMt)
            throws ConfigException {
        return new HaConfigParser(warnings, dhcpMt).parse(Obj.of(parameters == null ? JsonObject.EMPTY : parameters,
                "parameters", path));
    }
}

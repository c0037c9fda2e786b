package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.config.ha.HaConfig;
import dev.nestor.config.ha.HaMode;
import dev.nestor.config.ha.HaPeer;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.config.ha.HaRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaConfigParserTest {

    private static String config(String relationships, boolean leaseCmds, boolean dhcpMt) {
        return "{ \"Dhcp4\": {\n"
                + (dhcpMt ? "\"multi-threading\": { \"enable-multi-threading\": true },\n" : "")
                + "\"hooks-libraries\": [\n"
                + (leaseCmds ? "{ \"library\": \"/opt/kea/libdhcp_lease_cmds.so\" },\n" : "")
                + "{ \"library\": \"/opt/kea/libdhcp_ha.so\", \"parameters\": { \"high-availability\": [\n"
                + relationships + "\n] } } ] } }";
    }

    private static LoadedConfig<Dhcp4Config> load(String relationships) throws ConfigException {
        return ConfigLoader.parseDhcp4(config(relationships, true, true), "ha.json", Path.of(""));
    }

    private static HaRelationship first(String relationships) throws ConfigException {
        return load(relationships).config().hooks().ha().orElseThrow().relationships().get(0);
    }

    private static String hotStandby(String extra) {
        return "{ \"this-server-name\": \"server1\", \"mode\": \"hot-standby\", " + extra
                + " \"peers\": [ { \"name\": \"server1\", \"url\": \"http://127.0.0.1:8001/\", \"role\": \"primary\" },"
                + " { \"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"standby\" } ] }";
    }

    private static String relationship(String mode, String peers, String extra) {
        return "{ \"this-server-name\": \"server1\", \"mode\": \"" + mode + "\", " + extra + " \"peers\": [ " + peers + " ] }";
    }

    private static String peer(String name, int port, String role) {
        return "{ \"name\": \"" + name + "\", \"url\": \"http://127.0.0.1:" + port + "/\", \"role\": \"" + role + "\" }";
    }

    @Test
    void hotStandbyDefaults() throws Exception {
        HaRelationship r = first(hotStandby(""));
        assertThat(r.mode()).isEqualTo(HaMode.HOT_STANDBY);
        assertThat(r.heartbeatDelayMs()).isEqualTo(10000);
        assertThat(r.maxResponseDelayMs()).isEqualTo(60000);
        assertThat(r.maxAckDelayMs()).isEqualTo(10000);
        assertThat(r.maxUnackedClients()).isEqualTo(10);
        assertThat(r.delayedUpdatesLimit()).isZero();
        assertThat(r.sendLeaseUpdates()).isTrue();
        assertThat(r.syncLeases()).isTrue();
        assertThat(r.syncTimeoutMs()).isEqualTo(60000);
        assertThat(r.syncPageLimit()).isEqualTo(10000);
        assertThat(r.waitBackupAck()).isFalse();
        assertThat(r.requireClientCerts()).isTrue();
        assertThat(r.restrictCommands()).isFalse();
        assertThat(r.tls()).isNull();
        assertThat(r.multiThreading()).isEqualTo(new HaRelationship.MultiThreading(false, false, 0, 0));
        assertThat(r.pauseFor("waiting")).isEqualTo("never");
        HaPeer partner = r.peers().get(1);
        assertThat(partner.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(partner.port()).isEqualTo(8002);
        assertThat(partner.https()).isFalse();
        assertThat(partner.autoFailover()).isTrue();
        assertThat(partner.basicAuthUser()).isEmpty();
    }

    @Test
    void loadBalancingDefaultsDelayedUpdatesTo100() throws Exception {
        HaRelationship r = first(relationship("load-balancing",
                peer("server1", 8001, "primary") + "," + peer("server2", 8002, "secondary") + ","
                        + peer("backup1", 8003, "backup"), ""));
        assertThat(r.delayedUpdatesLimit()).isEqualTo(100);
        assertThat(r.peers()).extracting(HaPeer::role).containsExactly(HaRole.PRIMARY, HaRole.SECONDARY, HaRole.BACKUP);
    }

    @Test
    void roleRulesPerMode() {
        assertThatThrownBy(() -> first(relationship("load-balancing", peer("server1", 8001, "primary") + ","
                + peer("server2", 8002, "secondary"), "\"wait-backup-ack\": true,")))
                .hasMessageContaining("'wait-backup-ack' must be set to false in the load balancing configuration");
        assertThatThrownBy(() -> first(relationship("load-balancing", peer("server1", 8001, "secondary") + ","
                + peer("server2", 8002, "backup"), "")))
                .hasMessageContaining("primary server required in the load balancing configuration");
        assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + peer("server2", 8002, "backup"), "")))
                .hasMessageContaining("standby server required in the hot standby configuration");
        assertThatThrownBy(() -> first(hotStandby("\"delayed-updates-limit\": 5,")))
                .hasMessageContaining("'delayed-updates-limit' must be set to 0 in the hot standby configuration");
        assertThatThrownBy(() -> first(relationship("passive-backup", peer("server1", 8001, "primary") + ","
                + peer("server2", 8002, "standby"), "")))
                .hasMessageContaining("standby servers not allowed in the passive backup configuration");
        assertThatThrownBy(() -> first(relationship("passive-backup", peer("server1", 8001, "backup") + ","
                + peer("server2", 8002, "backup"), "")))
                .hasMessageContaining("primary server required in the passive backup configuration");
        assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + peer("server2", 8002, "arbiter"), "")))
                .hasMessageContaining("unsupported value 'arbiter' for role parameter");
    }

    @Test
    void passiveBackupWithBackupsAndWaitAck() throws Exception {
        HaRelationship r = first(relationship("passive-backup", peer("server1", 8001, "primary") + ","
                + peer("b1", 8002, "backup") + "," + peer("b2", 8003, "backup"), "\"wait-backup-ack\": true,"));
        assertThat(r.waitBackupAck()).isTrue();
        assertThat(r.peers()).hasSize(3);
    }

    @Test
    void timersAreUint16() {
        for (String key : List.of("heartbeat-delay", "max-response-delay", "max-ack-delay")) {
            assertThatThrownBy(() -> first(hotStandby("\"" + key + "\": 65536,")))
                    .hasMessageContaining("'" + key + "' must not be greater than 65535");
            assertThatThrownBy(() -> first(hotStandby("\"" + key + "\": -1,")))
                    .hasMessageContaining("'" + key + "' must not be negative");
        }
        assertThatThrownBy(() -> first(hotStandby("\"max-unacked-clients\": 4294967296,")))
                .hasMessageContaining("must not be greater than 4294967295");
    }

    @Test
    void warnsWhereKeaIsSilent() throws Exception {
        LoadedConfig<Dhcp4Config> loaded = load(hotStandby(
                "\"heartbeat-delay\": 10000, \"max-response-delay\": 10000, \"max-unacked-clients\": 0,"
                        + " \"send-lease-updates\": false, \"heartbeet-delay\": 5,"));
        assertThat(loaded.warnings()).extracting(ConfigWarning::id).contains(
                "NESTOR_HA_HEARTBEAT_NOT_BELOW_MAX_RESPONSE", "NESTOR_HA_NO_UNACKED_ANALYSIS",
                "HA_CONFIG_LEASE_UPDATES_DISABLED", "HA_CONFIG_LEASE_UPDATES_AND_SYNCING_DIFFER",
                "HA_CONFIG_UNKNOWN_PARAMETER");
        ConfigWarning heartbeat = loaded.warnings().stream()
                .filter(w -> w.id().equals("NESTOR_HA_HEARTBEAT_NOT_BELOW_MAX_RESPONSE")).findFirst().orElseThrow();
        assertThat(heartbeat.position()).isNotNull();
        assertThat(heartbeat.keyPath()).endsWith("high-availability[0].heartbeat-delay");
        assertThat(loaded.warnings().stream().filter(w -> w.id().equals("HA_CONFIG_UNKNOWN_PARAMETER")).findFirst()
                .orElseThrow().message()).contains("heartbeet-delay");
    }

    @Test
    void warnsAboutPeersThatCannotBothBeRight() throws Exception {
        LoadedConfig<Dhcp4Config> sameUrl = load(relationship("hot-standby",
                peer("server1", 8001, "primary") + "," + peer("server2", 8001, "standby"), ""));
        assertThat(sameUrl.warnings()).extracting(ConfigWarning::id).contains("NESTOR_HA_PEERS_SAME_URL");
        LoadedConfig<Dhcp4Config> loopback = load(relationship("hot-standby",
                peer("server1", 8001, "primary") + ", { \"name\": \"server2\", \"url\": \"http://192.0.2.2:8000/\","
                        + " \"role\": \"standby\" }", ""));
        assertThat(loopback.warnings()).extracting(ConfigWarning::id).contains("NESTOR_HA_LOOPBACK_MISMATCH");
        LoadedConfig<Dhcp4Config> clean = load(hotStandby(""));
        assertThat(clean.warnings()).isEmpty();
    }

    @Test
    void warnsWithoutLeaseCommandsAndWhenMtCannotApply() throws Exception {
        LoadedConfig<Dhcp4Config> noCmds = ConfigLoader.parseDhcp4(config(hotStandby(""), false, true), "ha.json", Path.of(""));
        assertThat(noCmds.warnings()).extracting(ConfigWarning::id).containsExactly("NESTOR_HA_WITHOUT_LEASE_CMDS");
        LoadedConfig<Dhcp4Config> mtOff = ConfigLoader.parseDhcp4(config(hotStandby(
                "\"multi-threading\": { \"enable-multi-threading\": true, \"http-dedicated-listener\": true },"),
                true, false), "ha.json", Path.of(""));
        assertThat(mtOff.warnings()).extracting(ConfigWarning::id).contains("HA_CONFIG_DHCP_MT_DISABLED");
        assertThat(mtOff.config().hooks().ha().orElseThrow().relationships().get(0).multiThreading().enabled()).isFalse();
    }

    @Test
    void tlsAllOrNoneAndHttpsNeedsIt() throws Exception {
        String tls = "\"trust-anchor\": \"/ca.pem\", \"cert-file\": \"/c.pem\", \"key-file\": \"/k.pem\",";
        HaRelationship r = first(relationship("hot-standby",
                "{ \"name\": \"server1\", \"url\": \"https://[::1]:8001/\", \"role\": \"primary\" },"
                        + "{ \"name\": \"server2\", \"url\": \"https://[::1]:8002/\", \"role\": \"standby\","
                        + " \"cert-file\": \"/c2.pem\" }", tls));
        assertThat(r.peers().get(0).https()).isTrue();
        assertThat(r.peers().get(0).address().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(r.peers().get(1).tls().orElseThrow().certFile()).isEqualTo("/c2.pem");
        assertThat(r.peers().get(1).tls().orElseThrow().trustAnchor()).isEqualTo("/ca.pem");
        assertThatThrownBy(() -> first(relationship("hot-standby",
                "{ \"name\": \"server1\", \"url\": \"https://127.0.0.1:8001/\", \"role\": \"primary\" },"
                        + peer("server2", 8002, "standby"), "")))
                .hasMessageContaining("https is used but no TLS parameters");
    }

    @Test
    void basicAuthRules() throws Exception {
        HaRelationship r = first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + "{ \"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"standby\","
                + " \"basic-auth-user\": \"kea\", \"basic-auth-password\": \"secret\" }", ""));
        assertThat(r.peers().get(1).basicAuthUser()).contains("kea");
        assertThat(r.peers().get(1).basicAuthPassword()).contains("secret");
        assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + "{ \"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"standby\","
                + " \"basic-auth-user\": \"a:b\" }", "")))
                .hasMessageContaining("must not contain a ':'");
        assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + "{ \"name\": \"server2\", \"url\": \"http://127.0.0.1:8002/\", \"role\": \"standby\","
                + " \"basic-auth-password\": \"x\", \"basic-auth-password-file\": \"/pw\" }", "")))
                .hasMessageContaining("only one of basic-auth-password and basic-auth-password-file parameter can be"
                        + " configured in peer 'server2'");
    }

    @Test
    void stateMachinePauses() throws Exception {
        HaRelationship r = first(hotStandby("\"state-machine\": { \"states\": [ { \"state\": \"waiting\", \"pause\":"
                + " \"once\" }, { \"state\": \"ready\", \"pause\": \"always\" } ] },"));
        assertThat(r.pauseFor("waiting")).isEqualTo("once");
        assertThat(r.pauseFor("ready")).isEqualTo("always");
        assertThat(r.pauseFor("syncing")).isEqualTo("never");
        assertThatThrownBy(() -> first(hotStandby("\"state-machine\": { \"states\": [ { \"state\": \"sleeping\" } ] },")))
                .hasMessageContaining("unknown state sleeping");
        assertThatThrownBy(() -> first(hotStandby("\"state-machine\": { \"states\": [ { \"state\": \"ready\" },"
                + " { \"state\": \"ready\" } ] },")))
                .hasMessageContaining("duplicated configuration for the 'ready' state");
        assertThatThrownBy(() -> first(hotStandby("\"state-machine\": { \"states\": [ { \"state\": \"ready\","
                + " \"pause\": \"sometimes\" } ] },")))
                .hasMessageContaining("unsupported value sometimes of 'pause' parameter");
    }

    @Test
    void hubAndSpokeAcceptsSeveralHotStandbyRelationships() throws Exception {
        String one = "{ \"this-server-name\": \"hub\", \"mode\": \"hot-standby\", \"peers\": [ "
                + peer("branch1", 8001, "primary") + "," + peer("hub", 8002, "standby") + " ] }";
        String two = "{ \"this-server-name\": \"hub2\", \"mode\": \"hot-standby\", \"peers\": [ "
                + peer("branch2", 8003, "primary") + "," + peer("hub2", 8004, "standby") + " ] }";
        HaConfig ha = load(one + "," + two).config().hooks().ha().orElseThrow();
        assertThat(ha.relationships()).hasSize(2);
        assertThat(ha.relationships().get(1).thisPeer().name()).isEqualTo("hub2");
        String lb = "{ \"this-server-name\": \"hub2\", \"mode\": \"load-balancing\", \"peers\": [ "
                + peer("branch2", 8003, "primary") + "," + peer("hub2", 8004, "secondary") + " ] }";
        assertThatThrownBy(() -> load(one + "," + lb))
                .hasMessageContaining("multiple HA relationships are only supported for 'hot-standby' mode");
        String clash = "{ \"this-server-name\": \"hub\", \"mode\": \"hot-standby\", \"peers\": [ "
                + peer("branch2", 8003, "primary") + "," + peer("hub", 8004, "standby") + " ] }";
        assertThatThrownBy(() -> load(one + "," + clash))
                .hasMessageContaining("server names must be unique for different relationships");
        assertThatThrownBy(() -> load(""))
                .hasMessageContaining("invalid number of configurations in the HA configuration list");
    }

    @Test
    void urlsMustBeIpLiteralsWithValidPorts() {
        for (String url : List.of("ftp://127.0.0.1/", "http://127.0.0.1:0/", "http://127.0.0.1:99999/",
                "http://[::1/", "http://[fe80::zz]:80/", "http://localhost:8000/", "127.0.0.1:8000")) {
            assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                    + "{ \"name\": \"server2\", \"url\": \"" + url + "\", \"role\": \"standby\" }", "")))
                    .as(url).hasMessageContaining("bad url '" + url + "'");
        }
    }

    @Test
    void thisServerNameIsTrimmedAndPeerNamesMustNotBeEmpty() throws Exception {
        HaRelationship r = first(relationship("hot-standby", peer(" server1 ", 8001, "primary") + ","
                + peer("server2", 8002, "standby"), "").replace("\"server1\", \"mode\"", "\" server1\", \"mode\""));
        assertThat(r.thisServerName()).isEqualTo("server1");
        assertThatThrownBy(() -> first(relationship("hot-standby", peer("server1", 8001, "primary") + ","
                + peer("  ", 8002, "standby"), "")))
                .hasMessageContaining("peer name must not be empty");
    }

    @Test
    void hubAndSpokeSubnetsBindThroughHaServerName() throws Exception {
        String one = "{ \"this-server-name\": \"hub\", \"mode\": \"hot-standby\", \"peers\": [ "
                + peer("branch1", 8001, "primary") + "," + peer("hub", 8002, "standby") + " ] }";
        String two = "{ \"this-server-name\": \"hub2\", \"mode\": \"hot-standby\", \"peers\": [ "
                + peer("branch2", 8003, "primary") + "," + peer("hub2", 8004, "standby") + " ] }";
        String text = config(one + "," + two, true, true).replace("\"hooks-libraries\"", """
                "shared-networks": [ { "name": "n", "user-context": { "ha-server-name": "branch2" },
                  "subnet4": [ { "id": 2, "subnet": "10.0.2.0/24" } ] } ],
                "subnet4": [ { "id": 1, "subnet": "10.0.1.0/24", "user-context": { "ha-server-name": "branch1" } },
                             { "id": 3, "subnet": "10.0.3.0/24" },
                             { "id": 4, "subnet": "10.0.4.0/24", "user-context": { "ha-server-name": "nobody" } } ],
                "hooks-libraries\"""");
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.parseDhcp4(text, "hub.json", Path.of(""));
        assertThat(loaded.warnings()).extracting(ConfigWarning::id)
                .containsExactlyInAnyOrder("NESTOR_HA_SUBNET_UNBOUND", "NESTOR_HA_SUBNET_UNKNOWN_SERVER",
                        "NESTOR_CONFIG_NO_INTERFACES");
        HaConfig ha = loaded.config().hooks().ha().orElseThrow();
        assertThat(ha.relationshipFor("branch2").orElseThrow().thisServerName()).isEqualTo("hub2");
        assertThat(ha.relationshipFor("hub").orElseThrow().thisServerName()).isEqualTo("hub");
        assertThat(ha.relationshipFor(null)).isEmpty();
        assertThat(ha.relationshipFor("nobody")).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parseDhcp4(text.replace("\"branch1\" } }", "\"\" } }"), "hub.json", Path.of("")))
                .hasMessageContaining("'ha-server-name' in user-context must be a non-empty string");
    }
}

package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dhcp4ParserTest {

    private static LoadedConfig<Dhcp4Config> load(String dhcp4Body) throws ConfigException {
        return ConfigLoader.parseDhcp4("{ \"Dhcp4\": { " + dhcp4Body + " } }", "t.json", Path.of(""));
    }

    @Test
    void defaultsOfAnEmptyConfiguration() throws Exception {
        Dhcp4Config c = load("").config();
        assertThat(c.validLifetime()).isEqualTo(Triplet.of(7200));
        assertThat(c.interfacesConfig()).isEqualTo(InterfacesConfig.defaults(Family.V4));
        assertThat(c.leaseDatabase()).isEqualTo(LeaseDatabase.defaults());
        assertThat(c.multiThreading()).isEqualTo(new MultiThreading(false, 0, 64));
        assertThat(c.expiredLeasesProcessing()).isEqualTo(new ExpiredLeasesProcessing(10, 25, 3600, 100, 250, 5));
        assertThat(c.declineProbationPeriod()).isEqualTo(86400);
        assertThat(c.echoClientId()).isTrue();
        assertThat(c.matchClientId()).isTrue();
        assertThat(c.authoritative()).isFalse();
        assertThat(c.hostReservationIdentifiers()).containsExactly("hw-address", "duid", "circuit-id", "client-id");
        assertThat(c.ipReservationsUnique()).isTrue();
        assertThat(c.statisticDefaultSampleCount()).isEqualTo(20);
        assertThat(c.parkedPacketLimit()).isEqualTo(256);
        assertThat(c.leaseChecks()).isEqualTo("warn");
        assertThat(c.hooks()).isEqualTo(HooksConfig.none());
        assertThat(c.controlSockets()).isEmpty();
        assertThat(c.loggers()).isEmpty();
    }

    @Test
    void subnetDefaultsWhenNothingIsInherited() throws Exception {
        Subnet4 s = load("\"subnet4\": [ { \"subnet\": \"192.0.2.77/24\" } ]").config().subnets().get(0);
        assertThat(s.id()).isEqualTo(1);
        assertThat(s.prefixText()).isEqualTo("192.0.2.0/24");
        assertThat(s.validLifetime()).isEqualTo(Triplet.of(7200));
        assertThat(s.renewTimer()).isEmpty();
        assertThat(s.rebindTimer()).isEmpty();
        assertThat(s.calculateTeeTimes()).isFalse();
        assertThat(s.t1Percent()).isEqualTo(0.5);
        assertThat(s.t2Percent()).isEqualTo(0.875);
        assertThat(s.cacheThreshold()).isEmpty();
        assertThat(s.matchClientId()).isTrue();
        assertThat(s.authoritative()).isFalse();
        assertThat(s.nextServer()).isZero();
        assertThat(s.serverHostname()).isEmpty();
        assertThat(s.reservationsGlobal()).isFalse();
        assertThat(s.reservationsInSubnet()).isTrue();
        assertThat(s.reservationsOutOfPool()).isFalse();
        assertThat(s.interfaceName()).isEmpty();
        assertThat(s.contains(Addresses.parseV4("192.0.2.255"))).isTrue();
        assertThat(s.contains(Addresses.parseV4("192.0.3.0"))).isFalse();
    }

    @Test
    void inheritanceSubnetThenNetworkThenGlobal() throws Exception {
        Dhcp4Config c = load("""
                "valid-lifetime": 1000, "renew-timer": 100, "rebind-timer": 800, "next-server": "10.0.0.9",
                "authoritative": true, "match-client-id": false,
                "option-data": [ { "name": "domain-name", "data": "example.org" } ],
                "shared-networks": [ {
                  "name": "net", "valid-lifetime": 2000, "interface": "eth1", "authoritative": true,
                  "relay": { "ip-addresses": [ "10.1.0.1" ] }, "reservation-mode": "out-of-pool",
                  "option-data": [ { "name": "routers", "data": "10.1.0.1" },
                                   { "name": "domain-name-servers", "data": "10.1.0.53" } ],
                  "subnet4": [
                    { "id": 5, "subnet": "10.1.1.0/24", "rebind-timer": 900, "next-server": "",
                      "option-data": [ { "name": "routers", "data": "10.1.1.1" } ] },
                    { "id": 3, "subnet": "10.1.2.0/24", "valid-lifetime": 3000, "reservations-out-of-pool": false,
                      "interface": "eth1" } ] } ],
                "subnet4": [ { "id": 4, "subnet": "10.2.0.0/16" } ]
                """).config();
        assertThat(c.subnets()).extracting(Subnet4::id).containsExactly(3L, 4L, 5L);
        Subnet4 five = c.subnet(5).orElseThrow();
        assertThat(five.validLifetime()).isEqualTo(Triplet.of(2000));
        assertThat(five.renewTimer()).hasValue(100);
        assertThat(five.rebindTimer()).hasValue(900);
        assertThat(five.nextServer()).isEqualTo(Addresses.parseV4("10.0.0.9"));
        assertThat(five.interfaceName()).contains("eth1");
        assertThat(five.relayAddresses()).containsExactly(Addresses.parseV4("10.1.0.1"));
        assertThat(five.sharedNetwork()).contains("net");
        assertThat(five.matchClientId()).isFalse();
        assertThat(five.reservationsOutOfPool()).isTrue();
        assertThat(five.options()).extracting(OptionData::name).containsExactly("routers", "domain-name-servers");
        assertThat(five.options().get(0).payload()).containsExactly(10, 1, 1, 1);
        Subnet4 three = c.subnet(3).orElseThrow();
        assertThat(three.validLifetime()).isEqualTo(Triplet.of(3000));
        assertThat(three.reservationsOutOfPool()).isFalse();
        assertThat(three.reservationsInSubnet()).isTrue();
        Subnet4 four = c.subnet(4).orElseThrow();
        assertThat(four.validLifetime()).isEqualTo(Triplet.of(1000));
        assertThat(four.relayAddresses()).isEmpty();
        assertThat(four.sharedNetwork()).isEmpty();
        assertThat(four.options()).isEmpty();
        assertThat(c.options()).extracting(OptionData::name).containsExactly("domain-name");
        assertThat(c.sharedNetworks().get(0).subnetIds()).containsExactly(3L, 5L);
    }

    @Test
    void lifetimeTripletsAndBounds() throws Exception {
        Subnet4 s = load("\"min-valid-lifetime\": 100, \"max-valid-lifetime\": 900, \"valid-lifetime\": 300,"
                + "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"max-valid-lifetime\": 600 } ]").config().subnets().get(0);
        assertThat(s.validLifetime()).isEqualTo(new Triplet(100, 300, 600));
        assertThat(s.validLifetime().clamp(50)).isEqualTo(100);
        assertThat(s.validLifetime().clamp(0)).isEqualTo(300);
        assertThat(s.validLifetime().clamp(5000)).isEqualTo(600);
        assertThatThrownBy(() -> load("\"valid-lifetime\": 300, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\","
                + " \"max-valid-lifetime\": 200 } ]"))
                .hasMessageContaining("the value of (default) valid-lifetime (300) is not less than max-valid-lifetime (200)");
    }

    @Test
    void autoIdsCountOnlyAutoSubnetsAndNetworksComeFirst() throws Exception {
        Dhcp4Config c = load("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ], \"shared-networks\": [ { \"name\": \"n\","
                + " \"subnet4\": [ { \"subnet\": \"198.51.100.0/24\" } ] } ]").config();
        assertThat(c.subnet(1).orElseThrow().prefixText()).isEqualTo("198.51.100.0/24");
        assertThat(c.subnet(2).orElseThrow().prefixText()).isEqualTo("192.0.2.0/24");
        assertThatThrownBy(() -> load("\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" },"
                + " { \"subnet\": \"198.51.100.0/24\" } ]"))
                .hasMessageContaining("ID of the new IPv4 subnet '1' is already in use");
        assertThatThrownBy(() -> load("\"subnet4\": [ { \"id\": 4294967295, \"subnet\": \"192.0.2.0/24\" } ]"))
                .hasMessageContaining("'id' must not be greater than 4294967294");
    }

    @Test
    void poolsInBothForms() throws Exception {
        Subnet4 s = load("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.64/26\" },"
                + " { \"pool\": \" 192.0.2.10\\t-192.0.2.20 \", \"client-class\": \"x\" } ] } ]").config().subnets().get(0);
        assertThat(s.pools().get(0).size()).isEqualTo(64);
        assertThat(Addresses.v4ToString(s.pools().get(0).first())).isEqualTo("192.0.2.64");
        assertThat(Addresses.v4ToString(s.pools().get(0).last())).isEqualTo("192.0.2.127");
        assertThat(s.pools().get(1).clientClasses()).containsExactly("x");
        assertThat(s.poolOf(Addresses.parseV4("192.0.2.15"))).isSameAs(s.pools().get(1));
        assertThat(s.poolOf(Addresses.parseV4("192.0.2.30"))).isNull();
    }

    @Test
    void sharedNetworkAgreementRules() {
        assertThatThrownBy(() -> load("\"shared-networks\": [ { \"name\": \"n\", \"authoritative\": true,"
                + " \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"authoritative\": false } ] } ]"))
                .hasMessageContaining("has different authoritative setting false than the shared-network itself: true");
        assertThatThrownBy(() -> load("\"shared-networks\": [ { \"name\": \"n\", \"interface\": \"eth0\","
                + " \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"interface\": \"eth1\" } ] } ]"))
                .hasMessageContaining("has specified interface eth1, but earlier subnet in the same shared-network or"
                        + " the shared-network itself used eth0");
    }

    @Test
    void csvFormatQuirkGlobalVersusSubnet() throws Exception {
        Subnet4 s = load("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"option-data\": [ { \"code\": 251,"
                + " \"data\": \"01:02:0a\" } ] } ]").config().subnets().get(0);
        assertThat(s.options().get(0).payload()).containsExactly(1, 2, 10);
        assertThat(s.options().get(0).csvFormat()).isFalse();
        Dhcp4Config global = load("\"option-data\": [ { \"code\": 251, \"csv-format\": false, \"data\": \"0a0b\" } ]").config();
        assertThat(global.options().get(0).payload()).containsExactly(10, 11);
    }

    @Test
    void customOptionDefinitionsAndClassScopedOnes() throws Exception {
        Dhcp4Config c = load("""
                "option-def": [ { "name": "my-opt", "code": 222, "type": "record", "record-types": "uint8, ipv4-address" } ],
                "option-data": [ { "name": "my-opt", "data": "7, 192.0.2.1", "always-send": true } ],
                "client-classes": [
                  { "name": "a", "test": "option[60].text == 'a'",
                    "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "uint32" } ],
                    "option-data": [ { "name": "vendor-encapsulated-options", "data": "5" } ] },
                  { "name": "b", "test": "member('a') and not pkt4.msgtype == 1",
                    "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "string" } ],
                    "option-data": [ { "code": 43, "data": "hi" } ], "next-server": "10.0.0.1",
                    "boot-file-name": "pxe.efi", "valid-lifetime": 60 } ]
                """).config();
        assertThat(c.options().get(0).payload()).containsExactly(7, 192, 0, 2, 1);
        assertThat(c.options().get(0).alwaysSend()).isTrue();
        assertThat(c.clientClasses().get(0).options().get(0).payload()).containsExactly(0, 0, 0, 5);
        assertThat(c.clientClasses().get(1).options().get(0).payload()).containsExactly('h', 'i');
        assertThat(c.clientClasses().get(1).optionDefinitions()).hasSize(1);
        assertThat(c.clientClasses().get(1).nextServer()).contains(Addresses.parseV4("10.0.0.1"));
        assertThat(c.clientClasses().get(1).bootFileName()).contains("pxe.efi");
        assertThat(c.clientClasses().get(1).validLifetime()).contains(Triplet.of(60));
        assertThat(c.optionDefinitions()).hasSize(3);
        assertThatThrownBy(() -> load("\"client-classes\": [ { \"name\": \"b\", \"test\": \"member('nope')\" } ]"))
                .hasMessageContaining("Not defined client class 'nope'");
        assertThatThrownBy(() -> load("\"client-classes\": [ { \"name\": \"b\" }, { \"name\": \"b\" } ]"))
                .hasMessageContaining("Class: b has already been defined");
    }

    @Test
    void globalTimersAreCheckedOnlyThroughSubnetsAsInKea() throws Exception {
        assertThat(load("\"renew-timer\": 500, \"rebind-timer\": 100").config().subnets()).isEmpty();
        assertThatThrownBy(() -> load("\"renew-timer\": 500, \"rebind-timer\": 100, \"subnet4\": [ { \"subnet\":"
                + " \"192.0.2.0/24\" } ]")).hasMessageContaining("the value of renew-timer (500) is greater than");
    }

    @Test
    void reservations() throws Exception {
        Dhcp4Config c = load("""
                "reservations": [ { "client-id": "01:aa:bb:cc:dd:ee:ff", "hostname": "global-host" },
                                  { "flex-id": "'charter950'", "client-classes": [ "special" ] } ],
                "subnet4": [ { "subnet": "192.0.2.0/24", "reservations": [
                  { "hw-address": "1a:1b:1c:1d:1e:1f", "ip-address": "192.0.2.201", "next-server": "192.0.2.1",
                    "server-hostname": "tftp", "boot-file-name": "f.bin",
                    "option-data": [ { "name": "domain-name-servers", "data": "10.1.1.202" } ] },
                  { "circuit-id": "'charter950'", "ip-address": "192.0.2.203" } ] } ]
                """).config();
        assertThat(c.globalReservations().get(0).identifier().type()).isEqualTo("client-id");
        assertThat(c.globalReservations().get(1).identifier().value()).isEqualTo("charter950".getBytes(StandardCharsets.US_ASCII));
        Reservation4 r = c.subnets().get(0).reservations().get(0);
        assertThat(r.identifier().matches(new byte[] {0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f})).isTrue();
        assertThat(r.ipAddress()).contains(Addresses.parseV4("192.0.2.201"));
        assertThat(r.options().get(0).payload()).containsExactly(10, 1, 1, 202);
        assertThatThrownBy(() -> load("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"reservations\": ["
                + " { \"hw-address\": \"aa:bb\" }, { \"hw-address\": \"AA:BB\" } ] } ]"))
                .hasMessageContaining("a host with this identifier already exists");
        assertThatThrownBy(() -> load("\"reservations\": [ { \"ip-address\": \"192.0.2.1\" } ]"))
                .hasMessageContaining("host reservation must specify exactly one identifier");
    }

    @Test
    void warningsForTrailingCommasOverlapsAndLoggers() throws Exception {
        LoadedConfig<Dhcp4Config> loaded = load("""
                "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8" }, { "id": 2, "subnet": "10.1.0.0/16" }, ],
                "loggers": [ { "name": "kea-dhcp4", "severity": "debug", "debuglevel": 99 },
                             { "name": "kea-dhcp4.packets", "severity": "LOUD" } ]
                """);
        assertThat(loaded.warnings()).extracting(ConfigWarning::id).contains("DHCP4_CONFIG_SYNTAX_WARNING",
                "NESTOR_CONFIG_SUBNETS_OVERLAP", "LOG_BAD_SEVERITY");
        assertThat(loaded.warnings().get(0).message()).contains("Extraneous comma");
        assertThat(loaded.config().loggers().get(0).severity()).isEqualTo("DEBUG");
        assertThat(loaded.config().loggers().get(1).severity()).isEqualTo("INFO");
    }

    @Test
    void notActedOnKeysAreListed() throws Exception {
        LoadedConfig<Dhcp4Config> loaded = load("\"ddns-send-updates\": false, \"dhcp-ddns\": { \"enable-updates\": false },"
                + " \"dhcp-queue-control\": { \"enable-queue\": false, \"capacity\": 8 }");
        assertThat(loaded.notActedOn()).contains("Dhcp4.ddns-send-updates", "Dhcp4.dhcp-ddns", "Dhcp4.dhcp-queue-control");
    }

    @Test
    void controlSocketsOldAndNewForms() throws Exception {
        assertThat(load("\"control-sockets\": [ { \"socket-type\": \"unix\", \"socket-name\": \"/tmp/s\" },"
                + " { \"socket-type\": \"http\", \"socket-port\": 8080 } ]").config().controlSockets())
                .containsExactly(new ControlSocket("unix", "/tmp/s", "", 0, null),
                        new ControlSocket("http", "", "127.0.0.1", 8080, null));
        assertThatThrownBy(() -> load("\"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"/tmp/"
                + "x".repeat(120) + "\" }")).hasMessageContaining("longer than 107 bytes");
    }

    @Test
    void userContextAndCommentAreKept() throws Exception {
        Dhcp4Config c = load("\"comment\": \"top\", \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"user-context\":"
                + " { \"ha-server-name\": \"server1\" }, \"comment\": \"lab\" } ]").config();
        assertThat(c.userContext().get("comment").toJson()).isEqualTo("\"top\"");
        assertThat(c.subnets().get(0).userContext().toJson()).isEqualTo("{\"ha-server-name\":\"server1\",\"comment\":\"lab\"}");
    }

    @Test
    void includesAreFollowedWithTheirPositions(@TempDir Path dir) throws Exception {
        Path subnets = dir.resolve("subnets.json");
        Files.writeString(subnets, "[\n { \"subnet\": \"192.0.2.0/24\",\n   \"pools\": [ { \"pool\": \"10.0.0.1-10.0.0.2\" } ] } ]");
        Path main = dir.resolve("main.json");
        Files.writeString(main, "{ \"Dhcp4\": { \"subnet4\": <?include \"" + subnets + "\"?> } }");
        assertThatThrownBy(() -> ConfigLoader.loadDhcp4(main)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.position().file()).isEqualTo(subnets.toString());
            assertThat(e.position().line()).isEqualTo(3);
        });
    }

    @Test
    void configCheckPrintsWarningsAndSucceeds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "{ \"Dhcp4\": { \"valid-lifetime\": 100, } }");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConfigCheck.run(Family.V4, file, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("WARN  DHCP4_CONFIG_SYNTAX_WARNING configuration syntax"
                + " warning: " + file + ":1.35: Extraneous comma. A piece of configuration may have been omitted.");
        int missing = ConfigCheck.run(Family.V4, dir.resolve("none.json"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(missing).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Syntax check failed with: Unable to open file "
                + dir.resolve("none.json"));
    }

    @Test
    void interfacesAreCheckedOnlyOnDemand() throws Exception {
        Dhcp4Config c = load("\"interfaces-config\": { \"interfaces\": [ \"nosuch0\", \"lo/127.0.0.1\", \"lo/192.0.2.99\","
                + " \"*\" ], \"dhcp-socket-type\": \"udp\" }, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\","
                + " \"interface\": \"nosuch1\" } ]").config();
        List<String> problems = InterfaceCheck.problems(c);
        assertThat(problems).containsExactly(
                "Failed to select interface: interface 'nosuch0' doesn't exist in the system",
                "Failed to select interface: interface 'lo' doesn't have address '192.0.2.99' assigned",
                "Specified network interface name nosuch1 for subnet 192.0.2.0/24 is not present in the system");
        assertThat(c.interfacesConfig().wildcard()).isTrue();
        assertThatThrownBy(() -> load("\"interfaces-config\": { \"interfaces\": [ \"eth0/2001:db8::1\" ] }"))
                .hasMessageContaining("is not a valid IPv4 address");
    }

    @Test
    void warnsWhereKeaIsSilentButTheServerIsUseless() throws Exception {
        assertThat(load("\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ]").warnings())
                .extracting(ConfigWarning::id).containsExactly("NESTOR_CONFIG_NO_INTERFACES");
        assertThat(load("\"lease-database\": { \"type\": \"memfile\", \"persist\": false }").warnings())
                .extracting(ConfigWarning::id).containsExactly("DHCPSRV_MEMFILE_NO_STORAGE");
        assertThat(load("\"lease-database\": { \"type\": \"memfile\", \"lfc-interval\": 0 }").warnings())
                .extracting(ConfigWarning::id).containsExactly("NESTOR_MEMFILE_NO_LFC");
        assertThat(load("\"interfaces-config\": { \"interfaces\": [ \"eth0\" ] }, \"subnet4\": [ { \"subnet\":"
                + " \"192.0.2.0/24\", \"valid-lifetime\": 100, \"rebind-timer\": 100 } ]").warnings())
                .extracting(ConfigWarning::id).containsExactly("NESTOR_CONFIG_REBIND_NOT_BELOW_LIFETIME");
    }

    @Test
    void configSetArgumentsBuiltInCodeHaveNoPositions() throws Exception {
        dev.nestor.json.JsonObject good = dev.nestor.json.Json.object().put("Dhcp4", dev.nestor.json.Json.object()
                .put("subnet4", dev.nestor.json.Json.array().add(dev.nestor.json.Json.object()
                        .put("id", 3).put("subnet", "192.0.2.0/24").build()))).build();
        assertThat(ConfigLoader.fromJsonDhcp4(good).config().subnet(3)).isPresent();
        dev.nestor.json.JsonObject bad = dev.nestor.json.Json.object().put("Dhcp4", dev.nestor.json.Json.object()
                .put("subnet4", dev.nestor.json.Json.array().add(dev.nestor.json.Json.object()
                        .put("id", 3).put("subnet", "192.0.2.0/40").build()))).build();
        assertThatThrownBy(() -> ConfigLoader.fromJsonDhcp4(bad)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.position()).isNull();
            assertThat(e.getMessage()).isEqualTo("subnet configuration failed: Invalid prefix length specified for subnet: 40");
            assertThat(e.keyPath()).isEqualTo("Dhcp4.subnet4[0].subnet");
            assertThat(ConfigCheck.format(Family.V4, e)).isEqualTo("Error encountered: subnet configuration failed:"
                    + " Invalid prefix length specified for subnet: 40 [key Dhcp4.subnet4[0].subnet]");
        });
    }
}

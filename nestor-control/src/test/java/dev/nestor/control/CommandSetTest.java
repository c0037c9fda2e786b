package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every command of the set, against a running control channel, over the UNIX socket and over HTTP. */
class CommandSetTest {

    @TempDir
    Path directory;

    private TestServer server;
    private Transport transport;

    private void start(Transport chosen) throws Exception {
        transport = chosen;
        server = new TestServer(directory, null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonObject call(String command) throws Exception {
        return transport.send(server, command);
    }

    private static int result(JsonObject answer) {
        return (int) ((JsonNumber) answer.get("result")).longValue();
    }

    private static String text(JsonObject answer) {
        return answer.get("text") instanceof JsonString s ? s.value() : null;
    }

    private JsonObject expect(String command, int result, String text) throws Exception {
        JsonObject answer = call(command);
        assertThat(result(answer)).as(command + " -> " + answer).isEqualTo(result);
        assertThat(text(answer)).as(command).isEqualTo(text);
        return answer;
    }

    private long statistic(String name) throws Exception {
        JsonObject arguments = (JsonObject) call("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"" + name + "\"}}")
                .get("arguments");
        if (!arguments.has(name)) {
            return 0;
        }
        JsonArray samples = (JsonArray) arguments.get(name);
        return ((JsonNumber) ((JsonArray) samples.get(0)).get(0)).longValue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsEveryRegisteredCommand(Transport chosen) throws Exception {
        start(chosen);
        JsonObject answer = expect("{\"command\": \"list-commands\"}", 0, null);
        List<String> names = ((JsonArray) answer.get("arguments")).elements().stream()
                .map(value -> ((JsonString) value).value()).toList();
        assertThat(names).isSorted().containsAll(List.of("build-report", "dhcp-disable", "dhcp-enable", "lease4-add",
                "lease4-del", "lease4-get", "lease4-get-all", "lease4-get-by-client-id", "lease4-get-by-hostname",
                "lease4-get-by-hw-address", "lease4-get-page", "lease4-update", "lease4-wipe", "leases-reclaim",
                "list-commands", "shutdown", "statistic-get", "statistic-get-all", "statistic-remove",
                "statistic-remove-all", "statistic-reset", "statistic-reset-all", "status-get", "subnet4-get",
                "subnet4-list", "version-get"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reportsVersionAndBuild(Transport chosen) throws Exception {
        start(chosen);
        JsonObject version = expect("{\"command\": \"version-get\"}", 0, "2.2.0");
        assertThat(((JsonObject) version.get("arguments")).get("extended").toString()).contains("Nestor test");
        assertThat(text(call("{\"command\": \"build-report\"}"))).contains("Nestor test");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void answersUnknownAndMalformedCommands(Transport chosen) throws Exception {
        start(chosen);
        expect("{\"command\": \"lease6-add\"}", 2, "'lease6-add' command not supported.");
        expect("{\"command\": 1}", 1, "Error during command processing: 'command' element in command message is not a string");
        expect("{\"arguments\": {}}", 1,
                "Error during command processing: Invalid answer specified, does not contain mandatory 'command'");
        expect("{\"command\": \"list-commands\", \"extra\": 1}", 1,
                "Error during command processing: Received command contains unsupported parameter 'extra'");
        expect("[1, 2]", 1, "Error during command processing: Invalid command Element specified, expected map");
        expect("{\"command\": \"version-get\", # a comment\n \"arguments\": {} /* another */}", 0, "2.2.0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void managesLeasesEndToEnd(Transport chosen) throws Exception {
        start(chosen);
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.202\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                0, "Lease for address 192.0.2.202, subnet-id 1 added.");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.202\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                1, "IPv4 lease already exists.");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.7\", \"hw-address\": \"0:c:1:2:3:4\","
                + " \"client-id\": \"01:02:03\", \"hostname\": \"Host.Example.ORG\", \"fqdn-fwd\": true,"
                + " \"expire\": 2000000000, \"valid-lft\": 100, \"comment\": \"hi\", \"subnet-id\": 1}}",
                0, "Lease for address 192.0.2.7, subnet-id 1 added.");
        assertThat(statistic("subnet[1].assigned-addresses")).isEqualTo(2);

        JsonObject found = expect("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.7\"}}",
                0, "IPv4 lease found.");
        JsonObject lease = (JsonObject) found.get("arguments");
        assertThat(lease.keys()).containsExactly("client-id", "cltt", "fqdn-fwd", "fqdn-rev", "hostname", "hw-address",
                "ip-address", "state", "subnet-id", "user-context", "valid-lft");
        assertThat(lease.get("hw-address")).isEqualTo(JsonString.of("00:0c:01:02:03:04"));
        assertThat(lease.get("hostname")).isEqualTo(JsonString.of("host.example.org"));
        assertThat(lease.get("cltt")).isEqualTo(JsonNumber.of(1999999900L));
        assertThat(lease.get("user-context").toString()).isEqualTo("{\"comment\":\"hi\"}");

        expect("{\"command\": \"lease4-get\", \"arguments\": {\"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\", \"subnet-id\": 1}}",
                0, "IPv4 lease found.");
        expect("{\"command\": \"lease4-get\", \"arguments\": {\"identifier-type\": \"client-id\", \"identifier\": \"010203\", \"subnet-id\": 1}}",
                0, "IPv4 lease found.");
        expect("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.99\"}}", 3, "Lease not found.");

        JsonObject all = expect("{\"command\": \"lease4-get-all\"}", 0, "2 IPv4 lease(s) found.");
        assertThat(((JsonArray) ((JsonObject) all.get("arguments")).get("leases")).size()).isEqualTo(2);
        expect("{\"command\": \"lease4-get-all\", \"arguments\": {\"subnets\": [2]}}", 3, "0 IPv4 lease(s) found.");

        JsonObject page = expect("{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"start\", \"limit\": 1}}",
                0, "1 IPv4 lease(s) found.");
        JsonObject pageArguments = (JsonObject) page.get("arguments");
        assertThat(pageArguments.get("count")).isEqualTo(JsonNumber.of(1));
        assertThat(((JsonObject) ((JsonArray) pageArguments.get("leases")).get(0)).get("ip-address"))
                .isEqualTo(JsonString.of("192.0.2.7"));
        expect("{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"192.0.2.7\", \"limit\": 5}}",
                0, "1 IPv4 lease(s) found.");
        expect("{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"192.0.2.202\", \"limit\": 5}}",
                3, "0 IPv4 lease(s) found.");

        expect("{\"command\": \"lease4-get-by-hw-address\", \"arguments\": {\"hw-address\": \"00:0c:01:02:03:04\"}}",
                0, "1 IPv4 lease(s) found.");
        expect("{\"command\": \"lease4-get-by-client-id\", \"arguments\": {\"client-id\": \"01:02:03\"}}",
                0, "1 IPv4 lease(s) found.");
        expect("{\"command\": \"lease4-get-by-hostname\", \"arguments\": {\"hostname\": \"HOST.example.org\"}}",
                0, "1 IPv4 lease(s) found.");
        expect("{\"command\": \"lease4-get-by-hostname\", \"arguments\": {\"hostname\": \"\"}}", 1, "'hostname' parameter is empty");

        expect("{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\": \"192.0.2.50\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                1, "failed to update the lease with address 192.0.2.50 either because the lease has been deleted or it"
                        + " has changed in the database, in both cases a retry might succeed");
        expect("{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\": \"192.0.2.50\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"force-create\": true}}",
                0, "IPv4 lease added.");
        expect("{\"command\": \"lease4-update\", \"arguments\": {\"ip-address\": \"192.0.2.50\", \"hw-address\": \"1a:1b:1c:1d:1e:2f\", \"state\": 1}}",
                0, "IPv4 lease updated.");
        assertThat(statistic("subnet[1].declined-addresses")).isEqualTo(1);
        assertThat(statistic("declined-addresses")).isEqualTo(1);

        expect("{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"192.0.2.50\"}}", 0, "IPv4 lease deleted.");
        expect("{\"command\": \"lease4-del\", \"arguments\": {\"ip-address\": \"192.0.2.50\"}}", 3, "IPv4 lease not found.");
        assertThat(statistic("declined-addresses")).isZero();
        expect("{\"command\": \"lease4-del\", \"arguments\": {\"identifier-type\": \"hw-address\", \"identifier\": \"1a:1b:1c:1d:1e:1f\", \"subnet-id\": 1}}",
                0, "IPv4 lease deleted.");
        expect("{\"command\": \"lease4-del\", \"arguments\": {\"identifier-type\": \"duid\", \"identifier\": \"1a:1b\", \"subnet-id\": 1}}",
                1, "Delete by duid is not allowed in v4.");
        assertThat(statistic("subnet[1].assigned-addresses")).isEqualTo(1);

        expect("{\"command\": \"lease4-wipe\", \"arguments\": {\"subnet-id\": 2}}", 3, "Deleted 0 IPv4 lease(s) from subnet(s) 2");
        expect("{\"command\": \"lease4-wipe\"}", 0, "Deleted 1 IPv4 lease(s) from subnet(s) 1 2");
        expect("{\"command\": \"lease4-get-all\"}", 3, "0 IPv4 lease(s) found.");
        assertThat(statistic("subnet[1].assigned-addresses")).isZero();
        // every change went to the lease file
        assertThat(Files.readAllLines(directory.resolve("leases4.csv")).size()).isGreaterThan(6);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void refusesBadLeaseArgumentsWithKeasTexts(Transport chosen) throws Exception {
        start(chosen);
        expect("{\"command\": \"lease4-add\"}", 1, "no parameters specified for the command");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"10.0.0.1\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                1, "subnet-id not specified and failed to find a subnet for address 10.0.0.1");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.5\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"subnet-id\": 7}}",
                1, "Invalid subnet-id: No IPv4 subnet with subnet-id=7 currently configured.");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.5\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"subnet-id\": 2}}",
                1, "The address 192.0.2.5 does not belong to subnet 198.51.100.0/24, subnet-id=2");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"2001:db8::1\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\"}}",
                1, "Non-IPv4 address specified: 2001:db8::1");
        expect("{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"192.0.2.6\"}}",
                1, "missing parameter 'hw-address' (<wire>:0:37)");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.6\", \"hw-address\": \"zz\"}}",
                1, "'z' is not a valid hexadecimal digit in decoded string 'zz'");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.6\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"fqdn-fwd\": true}}",
                1, "No hostname specified and either forward or reverse fqdn was set to true.");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.6\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"state\": 7}}",
                1, "Invalid state value: 7, supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)");
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.6\", \"hw-address\": \"1a:1b:1c:1d:1e:1f\", \"user-context\": 1}}",
                1, "Invalid user context '1' is not a JSON map.");
        expect("{\"command\": \"lease4-get\", \"arguments\": {}}", 1, "Mandatory 'subnet-id' parameter missing.");
        expect("{\"command\": \"lease4-get\"}", 1, "Parameters missing or are not a map.");
        expect("{\"command\": \"lease4-get-all\", \"arguments\": {\"subnets\": 1}}", 1, "'subnets' parameter must be a list");
        expect("{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"start\", \"limit\": 0}}",
                1, "page size of retrieved leases must not be 0");
        expect("{\"command\": \"lease4-get-by-hw-address\"}", 1, "Command arguments missing or a not a map.");
        expect("{\"command\":\"lease4-wipe\",\"arguments\":{\"subnet-id\":\"x\"}}",
                1, "invalid type specified for parameter 'subnet-id' (<wire>:0:50)");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reportsAndResetsStatistics(Transport chosen) throws Exception {
        start(chosen);
        server.statistics.statistic("pkt4-received").add(5);
        server.statistics.statistic("pkt4-sent").add(3);
        JsonObject one = expect("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"pkt4-received\"}}", 0, null);
        JsonArray samples = (JsonArray) ((JsonObject) one.get("arguments")).get("pkt4-received");
        JsonArray sample = (JsonArray) samples.get(0);
        assertThat(sample.get(0)).isEqualTo(JsonNumber.of(5));
        assertThat(((JsonString) sample.get(1)).value()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(expect("{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"nope\"}}", 0, null).get("arguments"))
                .isEqualTo(JsonObject.EMPTY);
        JsonObject all = (JsonObject) expect("{\"command\": \"statistic-get-all\"}", 0, null).get("arguments");
        assertThat(all.keys()).contains("pkt4-received", "pkt4-sent");
        expect("{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"pkt4-received\"}}", 0,
                "Statistic 'pkt4-received' reset.");
        assertThat(statistic("pkt4-received")).isZero();
        expect("{\"command\": \"statistic-reset\", \"arguments\": {\"name\": \"nope\"}}", 1, "No 'nope' statistic found");
        expect("{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"pkt4-sent\"}}", 0, "Statistic 'pkt4-sent' removed.");
        expect("{\"command\": \"statistic-remove\", \"arguments\": {\"name\": \"pkt4-sent\"}}", 1, "No 'pkt4-sent' statistic found");
        expect("{\"command\": \"statistic-get\"}", 1, "Missing mandatory 'name' parameter.");
        expect("{\"command\": \"statistic-get\", \"arguments\": {\"name\": 4}}", 1, "'name' parameter expected to be a string.");
        server.statistics.statistic("pkt4-received").add(2);
        expect("{\"command\": \"statistic-reset-all\"}", 0, "All statistics reset to neutral values.");
        assertThat(statistic("pkt4-received")).isZero();
        expect("{\"command\": \"statistic-remove-all\"}", 0, "All statistics removed.");
        assertThat(expect("{\"command\": \"statistic-get-all\"}", 0, null).get("arguments")).isEqualTo(JsonObject.EMPTY);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void listsAndGetsSubnets(Transport chosen) throws Exception {
        start(chosen);
        JsonObject list = expect("{\"command\": \"subnet4-list\"}", 0, "2 IPv4 subnets found");
        assertThat(list.get("arguments").toString())
                .isEqualTo("{\"subnets\":[{\"id\":1,\"subnet\":\"192.0.2.0/24\"},{\"id\":2,\"subnet\":\"198.51.100.0/24\"}]}");
        JsonObject one = expect("{\"command\": \"subnet4-get\", \"arguments\": {\"id\": 1}}", 0,
                "Info about IPv4 subnet 192.0.2.0/24 (id 1) returned");
        assertThat(((JsonArray) ((JsonObject) one.get("arguments")).get("subnet4")).get(0)).isEqualTo(TestServer.SUBNET_1.json());
        expect("{\"command\": \"subnet4-get\", \"arguments\": {\"subnet\": \"198.51.100.0/24\"}}", 0,
                "Info about IPv4 subnet 198.51.100.0/24 (id 2) returned");
        expect("{\"command\": \"subnet4-get\", \"arguments\": {\"id\": 9}}", 3, "No subnet with id 9 found");
        expect("{\"command\": \"subnet4-get\", \"arguments\": {\"id\": 1, \"subnet\": \"x\"}}", 1,
                "invalid number of arguments 2 for the 'subnet4-get' command. Expecting 'id' or 'subnet'");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void disablesAndEnablesTheService(Transport chosen) throws Exception {
        start(chosen);
        JsonObject status = (JsonObject) expect("{\"command\": \"status-get\"}", 0, null).get("arguments");
        assertThat(status.keys()).containsExactly("multi-threading-enabled", "pid", "reload", "sockets", "uptime");
        assertThat(status.get("pid")).isEqualTo(JsonNumber.of(ProcessHandle.current().pid()));
        expect("{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 0}}", 1, "'max-period' must be positive integer");
        expect("{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"foo\"}}", 1, "invalid value used for 'origin' parameter: foo");
        expect("{\"command\": \"dhcp-disable\", \"arguments\": 5}", 1, "arguments for the 'dhcp-disable' command must be a map");
        expect("{\"command\": \"dhcp-disable\", \"arguments\": {\"max-period\": 3600}}", 0, "DHCPv4 service disabled for 3600 seconds");
        assertThat(server.networkState.enabled()).isFalse();
        expect("{\"command\": \"dhcp-disable\", \"arguments\": {\"origin\": \"ha-partner\"}}", 0, "DHCPv4 service disabled");
        expect("{\"command\": \"dhcp-enable\"}", 0, "DHCP service successfully enabled");
        assertThat(server.networkState.enabled()).as("still disabled by the HA partner").isFalse();
        expect("{\"command\": \"dhcp-enable\", \"arguments\": {\"origin\": \"ha-partner\"}}", 0, "DHCP service successfully enabled");
        assertThat(server.networkState.enabled()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reclaimsExpiredLeases(Transport chosen) throws Exception {
        start(chosen);
        expect("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.9\", \"hw-address\": \"01:02:03:04:05:06\","
                + " \"expire\": 1000000, \"valid-lft\": 10}}", 0, "Lease for address 192.0.2.9, subnet-id 1 added.");
        expect("{\"command\": \"leases-reclaim\"}", 1, "Missing mandatory 'remove' parameter.");
        expect("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": 1}}", 1, "'remove' parameter expected to be a boolean.");
        expect("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": false}}", 0, "Reclamation of expired leases is complete.");
        JsonObject lease = (JsonObject) expect("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.9\"}}",
                0, "IPv4 lease found.").get("arguments");
        assertThat(lease.get("state")).isEqualTo(JsonNumber.of(2));
        expect("{\"command\": \"leases-reclaim\", \"arguments\": {\"remove\": true}}", 0, "Reclamation of expired leases is complete.");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void shutsDownThroughTheCallback(Transport chosen) throws Exception {
        start(chosen);
        expect("{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": \"a\"}}", 1, "parameter 'exit-value' is not an integer");
        expect("{\"command\": \"shutdown\", \"arguments\": 5}", 1, "Argument must be a map");
        expect("{\"command\": \"shutdown\", \"arguments\": {\"exit-value\": 4}}", 0, "Shutting down.");
        assertThat(server.shutdownValue).hasValue(4);
    }

}

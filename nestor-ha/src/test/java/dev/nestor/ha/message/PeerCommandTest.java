package dev.nestor.ha.message;

import dev.nestor.ha.state.HaState;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every peer command and answer against the exact JSON texts of ha-protocol.md §11. */
class PeerCommandTest {

    private static final long NOW = 1_700_000_500L;

    private static JsonValue json(String text) throws Exception {
        return JsonParser.parseStrict(text);
    }

    private static PeerCommand accepted(String text) {
        PeerCommand.Parsed parsed = PeerCommand.parse(text, NOW);
        assertThat(parsed).isInstanceOf(PeerCommand.Parsed.Accepted.class);
        return ((PeerCommand.Parsed.Accepted) parsed).command();
    }

    private static PeerAnswer rejected(String text) {
        PeerCommand.Parsed parsed = PeerCommand.parse(text, NOW);
        assertThat(parsed).isInstanceOf(PeerCommand.Parsed.Rejected.class);
        return ((PeerCommand.Parsed.Rejected) parsed).answer();
    }

    static final HaLease4 SPEC_LEASE = HaLease4.of(0xc000020a, 1, HexFormat.of().parseHex("000c01020304"),
            HexFormat.of().parseHex("01000c01020304"), 1_700_000_000L, 4000);

    @Test
    void heartbeatRequest() throws Exception {
        String spec = """
                { "command": "ha-heartbeat", "service": [ "dhcp4" ] }""";
        assertThat(new PeerCommand.Heartbeat().toJson(Service.DHCP4)).isEqualTo(json(spec));
        assertThat(new PeerCommand.Heartbeat().toJson(Service.DHCP4).toJson())
                .isEqualTo("{\"command\":\"ha-heartbeat\",\"service\":[\"dhcp4\"]}");
        assertThat(accepted(spec)).isEqualTo(new PeerCommand.Heartbeat());
        // 2.6+ peers add server-name; a 2.2 receiver ignores it and so do we
        assertThat(accepted("""
                { "command": "ha-heartbeat", "service": [ "dhcp4" ], "arguments": { "server-name": "server1" } }"""))
                .isEqualTo(new PeerCommand.Heartbeat());
    }

    @Test
    void heartbeatAnswer() throws Exception {
        String spec = """
                [ { "result": 0, "text": "HA peer status returned.",
                    "arguments": { "state": "hot-standby",
                                   "date-time": "Thu, 07 Nov 2019 08:49:37 GMT",
                                   "scopes": [ "server1" ],
                                   "unsent-update-count": 0 } } ]""";
        HeartbeatStatus status = HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(spec));
        assertThat(status.state()).isEqualTo(HaState.HOT_STANDBY);
        assertThat(status.dateTime()).isEqualTo(Instant.parse("2019-11-07T08:49:37Z"));
        assertThat(status.scopes()).containsExactly("server1");
        assertThat(status.unsentUpdateCount()).hasValue(0);
        assertThat(json(status.toAnswer().toResponseBody())).isEqualTo(json(spec));
        // two-digit day, as Kea sends it
        HeartbeatStatus early = new HeartbeatStatus(HaState.READY, Instant.parse("2026-11-01T00:00:09.750Z"),
                List.of(), OptionalLong.of(3));
        assertThat(early.toAnswer().toResponseBody()).contains("\"date-time\":\"Sun, 01 Nov 2026 00:00:09 GMT\"");
    }

    @Test
    void heartbeatAnswersThatFailTheHeartbeat() throws Exception {
        assertThatThrownBy(() -> HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 1, \"text\": \"boom\" } ]"))).hasMessage("boom");
        assertThatThrownBy(() -> HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 0, \"text\": \"x\", \"arguments\": { \"state\": \"dancing\","
                        + " \"date-time\": \"Thu, 07 Nov 2019 08:49:37 GMT\" } } ]"))).hasMessageContaining("dancing");
        assertThatThrownBy(() -> HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 0, \"text\": \"x\", \"arguments\": { \"state\": \"ready\","
                        + " \"date-time\": \"2019-11-07 08:49:37\" } } ]"))).hasMessageContaining("date-time");
        assertThatThrownBy(() -> HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 0, \"text\": \"x\", \"arguments\": { \"state\": \"ready\","
                        + " \"date-time\": \"Thu, 07 Nov 2019 08:49:37 GMT\", \"unsent-update-count\": \"1\" } } ]")))
                .hasMessageContaining("unsent-update-count");
        assertThatThrownBy(() -> HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 0, \"text\": \"x\" } ]"))).hasMessageContaining("must be a map");
        // malformed scopes are ignored, not fatal
        HeartbeatStatus status = HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody(
                "[ { \"result\": 0, \"text\": \"x\", \"arguments\": { \"state\": \"ready\","
                        + " \"date-time\": \"Thu, 07 Nov 2019 08:49:37 GMT\", \"scopes\": [ 1 ] } } ]"));
        assertThat(status.scopes()).isEmpty();
        assertThat(status.unsentUpdateCount()).isEmpty();
    }

    @Test
    void responseBodiesMustBeLists() throws Exception {
        PeerAnswer bare = PeerAnswer.parseResponseBody("{ \"result\": 403, \"text\": \"Forbidden\" }");
        assertThat(bare.result()).isEqualTo(1);
        assertThat(bare.text()).isEqualTo("Forbidden");
        assertThatThrownBy(() -> PeerAnswer.parseResponseBody("<html>")).isInstanceOf(PeerMessageException.class);
        assertThatThrownBy(() -> PeerAnswer.parseResponseBody("[]")).isInstanceOf(PeerMessageException.class);
        assertThat(PeerAnswer.success("IPv4 lease added.").toResponseBody())
                .isEqualTo("[{\"result\":0,\"text\":\"IPv4 lease added.\"}]");
    }

    @Test
    void lease4Update() throws Exception {
        String spec = """
                { "command": "lease4-update", "service": [ "dhcp4" ],
                  "arguments": { "ip-address": "192.0.2.10", "subnet-id": 1,
                                 "hw-address": "00:0c:01:02:03:04", "client-id": "01:00:0c:01:02:03:04",
                                 "valid-lft": 4000, "expire": 1700004000,
                                 "fqdn-fwd": false, "fqdn-rev": false, "hostname": "",
                                 "state": 0, "force-create": true } }""";
        PeerCommand update = new PeerCommand.Lease4Update(SPEC_LEASE);
        assertThat(update.toJson(Service.DHCP4)).isEqualTo(json(spec));
        assertThat(update.toJson(Service.DHCP4).toJson()).isEqualTo("{\"arguments\":{\"client-id\":"
                + "\"01:00:0c:01:02:03:04\",\"expire\":1700004000,\"force-create\":true,\"fqdn-fwd\":false,"
                + "\"fqdn-rev\":false,\"hostname\":\"\",\"hw-address\":\"00:0c:01:02:03:04\",\"ip-address\":"
                + "\"192.0.2.10\",\"state\":0,\"subnet-id\":1,\"valid-lft\":4000},\"command\":\"lease4-update\","
                + "\"service\":[\"dhcp4\"]}");
        assertThat(accepted(spec)).isEqualTo(update);
    }

    @Test
    void lease4UpdateWithoutClientIdOrExpire() {
        HaLease4 declined = new HaLease4(0xc000020b, 1, new byte[0], new byte[0], NOW, 86400, false, false, "", 1,
                Optional.empty());
        String text = new PeerCommand.Lease4Update(declined).toJson(Service.DHCP4).toJson();
        assertThat(text).doesNotContain("client-id").contains("\"hw-address\":\"\"").contains("\"state\":1");
        PeerCommand noExpire = accepted("""
                { "command": "lease4-update", "arguments": { "ip-address": "192.0.2.11", "hw-address": "0:c:1:2:3:4",
                  "valid-lft": 100 } }""");
        HaLease4 lease = ((PeerCommand.Lease4Update) noExpire).lease();
        assertThat(lease.cltt()).isEqualTo(NOW);
        assertThat(lease.subnetId()).isZero();
        assertThat(lease.hardwareAddress()).containsExactly(0, 0x0c, 1, 2, 3, 4);
    }

    @Test
    void lease4Delete() throws Exception {
        String spec = """
                { "command": "lease4-del", "service": [ "dhcp4" ],
                  "arguments": { "ip-address": "192.0.2.10", "subnet-id": 1,
                                 "hw-address": "00:0c:01:02:03:04", "client-id": "01:00:0c:01:02:03:04",
                                 "valid-lft": 4000, "expire": 1700004000,
                                 "fqdn-fwd": false, "fqdn-rev": false, "hostname": "", "state": 0 } }""";
        PeerCommand delete = new PeerCommand.Lease4Delete(SPEC_LEASE);
        assertThat(delete.toJson(Service.DHCP4)).isEqualTo(json(spec));
        assertThat(accepted(spec)).isEqualTo(delete);
    }

    @Test
    void lease6BulkApply() throws Exception {
        String spec = """
                { "command": "lease6-bulk-apply", "service": [ "dhcp6" ],
                  "arguments": {
                    "deleted-leases": [ { "ip-address": "2001:db8:1::5", "type": "IA_NA", "iaid": 1,
                                          "duid": "00:01:00:01:aa:bb:cc:dd:ee:ff", "subnet-id": 1,
                                          "preferred-lft": 3000, "valid-lft": 4000, "expire": 1700004000,
                                          "fqdn-fwd": false, "fqdn-rev": false, "hostname": "", "state": 0 } ],
                    "leases": [ { "ip-address": "2001:db8:2::", "type": "IA_PD", "prefix-len": 56, "iaid": 2,
                                  "duid": "00:01:00:01:aa:bb:cc:dd:ee:ff", "subnet-id": 2,
                                  "preferred-lft": 3000, "valid-lft": 4000, "expire": 1700004000,
                                  "fqdn-fwd": false, "fqdn-rev": false, "hostname": "", "state": 0 } ] } }""";
        byte[] duid = HexFormat.of().parseHex("00010001aabbccddeeff");
        HaLease6 deleted = new HaLease6((Inet6Address) InetAddress.getByName("2001:db8:1::5"), HaLease6.Type.IA_NA,
                128, 1, duid, 1, 1_700_000_000L, 3000, 4000, false, false, "", new byte[0], 0, Optional.empty());
        HaLease6 prefix = new HaLease6((Inet6Address) InetAddress.getByName("2001:db8:2::"), HaLease6.Type.IA_PD,
                56, 2, duid, 2, 1_700_000_000L, 3000, 4000, false, false, "", new byte[0], 0, Optional.empty());
        PeerCommand bulk = new PeerCommand.Lease6BulkApply(List.of(deleted), List.of(prefix));
        assertThat(bulk.toJson(Service.DHCP6)).isEqualTo(json(spec));
        assertThat(accepted(spec)).isEqualTo(bulk);
        assertThat(new PeerCommand.Lease6BulkApply(List.of(), List.of()).toJson(Service.DHCP6).toJson())
                .contains("\"deleted-leases\":[],\"leases\":[]");
    }

    @Test
    void leaseGetPage() throws Exception {
        String spec = """
                { "command": "lease4-get-page", "service": [ "dhcp4" ],
                  "arguments": { "from": "start", "limit": 10000 } }""";
        PeerCommand page = new PeerCommand.LeaseGetPage(Service.DHCP4, "start", 10_000);
        assertThat(page.toJson(Service.DHCP4)).isEqualTo(json(spec));
        assertThat(accepted(spec)).isEqualTo(page);
        assertThat(rejected("{\"command\": \"lease4-get-page\", \"arguments\": {\"from\": \"start\", \"limit\": 0}}")
                .text()).isEqualTo("page size of retrieved leases must not be 0");
    }

    @Test
    void leasePageAnswers() throws Exception {
        PeerAnswer answer = LeasePage.answer(List.of(SPEC_LEASE));
        assertThat(json(answer.toResponseBody())).isEqualTo(json("""
                [ { "result": 0, "text": "1 IPv4 lease(s) found.",
                    "arguments": { "count": 1, "leases": [ { "ip-address": "192.0.2.10", "subnet-id": 1,
                      "hw-address": "00:0c:01:02:03:04", "client-id": "01:00:0c:01:02:03:04",
                      "cltt": 1700000000, "valid-lft": 4000, "fqdn-fwd": false, "fqdn-rev": false,
                      "hostname": "", "state": 0 } ] } } ]"""));
        LeasePage page = LeasePage.fromAnswer(PeerAnswer.parseResponseBody(answer.toResponseBody()));
        assertThat(page.leases()).containsExactly(SPEC_LEASE);
        assertThat(page.lastEntryParsed()).isTrue();

        PeerAnswer empty = LeasePage.answer(List.of());
        assertThat(empty.result()).isEqualTo(3);
        assertThat(empty.toResponseBody()).isEqualTo(
                "[{\"arguments\":{\"count\":0,\"leases\":[]},\"result\":3,\"text\":\"0 IPv4 lease(s) found.\"}]");
        assertThat(LeasePage.fromAnswer(empty).leases()).isEmpty();

        assertThatThrownBy(() -> LeasePage.fromAnswer(PeerAnswer.parseResponseBody(
                "[{\"result\": 3, \"text\": \"0 IPv4 lease(s) found.\"}]")))
                .hasMessage("arguments in the received response must be a map");
        LeasePage broken = LeasePage.fromAnswer(PeerAnswer.parseResponseBody("""
                [ { "result": 0, "text": "2 IPv4 lease(s) found.", "arguments": { "count": 2, "leases": [
                  { "ip-address": "192.0.2.10", "subnet-id": 1, "hw-address": "00:0c:01:02:03:04",
                    "cltt": 1700000000, "valid-lft": 4000, "fqdn-fwd": false, "fqdn-rev": false,
                    "hostname": "", "state": 0 },
                  { "ip-address": "192.0.2.11", "subnet-id": 1, "hw-address": "00:0c:01:02:03:05",
                    "valid-lft": 4000, "fqdn-fwd": false, "fqdn-rev": false, "hostname": "", "state": 0 } ] } } ]"""));
        assertThat(broken.leases()).hasSize(1);
        assertThat(broken.malformed()).singleElement().asString().contains("'cltt' parameter is missing");
        assertThat(broken.lastEntryParsed()).isFalse();
        assertThat(broken.count()).isEqualTo(2);
    }

    @Test
    void dhcpDisableAndEnable() throws Exception {
        String disable = """
                { "command": "dhcp-disable", "service": [ "dhcp4" ],
                  "arguments": { "origin": "ha-partner", "max-period": 60 } }""";
        String enable = """
                { "command": "dhcp-enable",  "service": [ "dhcp4" ],
                  "arguments": { "origin": "ha-partner" } }""";
        PeerCommand disableCommand = new PeerCommand.DhcpDisable(PeerCommand.ORIGIN_HA_PARTNER, OptionalLong.of(60));
        assertThat(disableCommand.toJson(Service.DHCP4)).isEqualTo(json(disable));
        assertThat(accepted(disable)).isEqualTo(disableCommand);
        assertThat(new PeerCommand.DhcpDisable("ha-partner", OptionalLong.empty()).toJson(Service.DHCP4).toJson())
                .doesNotContain("max-period");
        PeerCommand enableCommand = new PeerCommand.DhcpEnable(PeerCommand.ORIGIN_HA_PARTNER);
        assertThat(enableCommand.toJson(Service.DHCP4)).isEqualTo(json(enable));
        assertThat(accepted(enable)).isEqualTo(enableCommand);
        // a 2.2 receiver refuses numeric origins (what 2.6+ senders put in origin-id)
        assertThat(rejected("""
                { "command": "dhcp-enable", "arguments": { "origin": 2000 } }"""))
                .isEqualTo(PeerAnswer.error("invalid value used for 'origin' parameter"));
        assertThat(accepted("{ \"command\": \"dhcp-enable\" }")).isEqualTo(new PeerCommand.DhcpEnable("user"));
    }

    @Test
    void notificationsAndReset() throws Exception {
        String sync = """
                { "command": "ha-sync-complete-notify", "service": [ "dhcp4" ] }""";
        String maintenance = """
                { "command": "ha-maintenance-notify", "service": [ "dhcp4" ],
                  "arguments": { "cancel": false } }""";
        String reset = """
                { "command": "ha-reset", "service": [ "dhcp4" ] }""";
        assertThat(new PeerCommand.SyncCompleteNotify().toJson(Service.DHCP4)).isEqualTo(json(sync));
        assertThat(new PeerCommand.MaintenanceNotify(false).toJson(Service.DHCP4)).isEqualTo(json(maintenance));
        assertThat(new PeerCommand.Reset().toJson(Service.DHCP4)).isEqualTo(json(reset));
        assertThat(accepted(sync)).isEqualTo(new PeerCommand.SyncCompleteNotify());
        assertThat(accepted(maintenance)).isEqualTo(new PeerCommand.MaintenanceNotify(false));
        assertThat(accepted(reset)).isEqualTo(new PeerCommand.Reset());
        assertThat(rejected("{ \"command\": \"ha-maintenance-notify\", \"arguments\": { \"cancel\": \"yes\" } }")
                .result()).isEqualTo(1);
    }

    @Test
    void unusableRequests() {
        assertThat(rejected("{ \"command\": \"ha-scopes\", \"arguments\": { \"scopes\": [] } }"))
                .isEqualTo(new PeerAnswer(2, "'ha-scopes' command not supported.", Optional.empty()));
        assertThat(rejected("{ \"service\": [ \"dhcp4\" ] }").text())
                .isEqualTo("missing mandatory 'command' parameter");
        assertThat(rejected("[ 1 ]").result()).isEqualTo(1);
        assertThat(rejected("{ \"command\": ").result()).isEqualTo(400);
        assertThat(rejected("{ \"command\": \"lease4-update\" }").text()).isEqualTo("arguments not specified");
        assertThat(rejected("{ \"command\": \"lease4-update\", \"arguments\": { \"ip-address\": \"2001:db8::1\","
                + " \"hw-address\": \"\", \"valid-lft\": 1 } }").text())
                .isEqualTo("Non-IPv4 address specified: 2001:db8::1");
    }
}

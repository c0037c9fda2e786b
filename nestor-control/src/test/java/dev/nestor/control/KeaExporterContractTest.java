package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two calls kea-exporter (mweinelt/kea-exporter 0.7) makes, read the way it reads them: over the
 * UNIX socket one {@code send} of {@code {"command": ...}}, read to EOF, require {@code result == 0};
 * from {@code config-get} the map {@code arguments.Dhcp4.subnet4[].{id, subnet, pools[].pool}};
 * from {@code statistic-get-all} every value's first sample unpacked as {@code value, timestamp}, and
 * subnet statistics matched with its {@code subnet[N].name} / {@code subnet[N].pool[M].name} pattern.
 * Over HTTP it posts {@code statistic-get-all} with {@code "arguments": {}} and a service list and
 * indexes the answer list.
 */
class KeaExporterContractTest {

    private static final Pattern SUBNET_STATISTIC = Pattern.compile(
            "^subnet\\[(?<id>\\d+)\\]\\.(pool\\[(?<pool>\\d+)\\]\\.(?<poolMetric>[\\w-]+)|(?<subnetMetric>[\\w-]+))$");

    @TempDir
    Path directory;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        Path config = directory.resolve("kea-dhcp4.conf");
        Files.writeString(config, """
                { "Dhcp4": { "interfaces-config": { "interfaces": [] },
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" } ] } ] } }
                """);
        Dhcp4Configuration configuration = new Dhcp4Configuration(ConfigLoader.loadDhcp4(config), config, next -> { });
        server = new TestServer(directory, configuration, configuration::subnets);
        server.statistics.statistic("pkt4-ack-sent").add(7);
        server.statistics.statistic("subnet[1].total-addresses").add(11);
        server.statistics.statistic("subnet[1].pool[0].assigned-addresses").add(2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** kea-exporter's KeaSocketClient.query. */
    private JsonObject socketQuery(String command) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(server.socket()));
            channel.write(ByteBuffer.wrap(("{\"command\": \"" + command + "\"}").getBytes(StandardCharsets.UTF_8)));
            InputStream in = Channels.newInputStream(channel);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            JsonObject response = (JsonObject) JsonParser.parseStrict(all.toString(StandardCharsets.UTF_8));
            assertThat(response.get("result")).isEqualTo(JsonNumber.of(0));
            return response;
        }
    }

    @Test
    void socketClientFindsSubnetsAndStatistics() throws Exception {
        JsonObject config = (JsonObject) socketQuery("config-get").get("arguments");
        assertThat(config.has("Dhcp4")).isTrue();
        Map<Long, JsonObject> subnets = new HashMap<>();
        for (JsonValue subnet : (JsonArray) ((JsonObject) config.get("Dhcp4")).get("subnet4")) {
            JsonObject map = (JsonObject) subnet;
            subnets.put(((JsonNumber) map.get("id")).longValue(), map);
        }
        assertThat(subnets).containsKey(1L);
        assertThat(subnets.get(1L).get("subnet")).isEqualTo(JsonString.of("192.0.2.0/24"));
        JsonArray pools = (JsonArray) subnets.get(1L).get("pools");
        assertThat(((JsonObject) pools.get(0)).get("pool")).isEqualTo(JsonString.of("192.0.2.10 - 192.0.2.20"));

        JsonObject statistics = (JsonObject) socketQuery("statistic-get-all").get("arguments");
        Map<String, Long> values = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : statistics.members().entrySet()) {
            JsonArray first = (JsonArray) ((JsonArray) entry.getValue()).get(0);
            assertThat(first.size()).as("value, timestamp").isEqualTo(2);
            values.put(entry.getKey(), ((JsonNumber) first.get(0)).longValue());
            Matcher matcher = SUBNET_STATISTIC.matcher(entry.getKey());
            if (matcher.matches()) {
                assertThat(subnets).containsKey(Long.parseLong(matcher.group("id")));
                if (matcher.group("pool") != null) {
                    assertThat(pools.size()).isGreaterThan(Integer.parseInt(matcher.group("pool")));
                }
            }
        }
        assertThat(values).containsEntry("pkt4-ack-sent", 7L).containsEntry("subnet[1].total-addresses", 11L)
                .containsEntry("subnet[1].pool[0].assigned-addresses", 2L);
    }

    @Test
    void httpClientReadsTheListAnswers() throws Exception {
        JsonArray config = (JsonArray) JsonParser.parseStrict(Transport.post(server,
                "{\"command\": \"config-get\", \"service\": [\"dhcp4\"]}"));
        JsonObject dhcp4 = (JsonObject) ((JsonObject) ((JsonObject) config.get(0)).get("arguments")).get("Dhcp4");
        assertThat(((JsonArray) dhcp4.get("subnet4")).size()).isEqualTo(1);
        JsonArray statistics = (JsonArray) JsonParser.parseStrict(Transport.post(server,
                "{\"command\": \"statistic-get-all\", \"arguments\": {}, \"service\": [\"dhcp4\"]}"));
        JsonObject arguments = (JsonObject) ((JsonObject) statistics.get(0)).get("arguments");
        JsonArray sample = (JsonArray) ((JsonArray) arguments.get("pkt4-ack-sent")).get(0);
        assertThat(sample.get(0)).isEqualTo(JsonNumber.of(7));
    }
}

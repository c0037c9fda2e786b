package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * config-get/test/set/reload/write over both transports, with the real configuration loader. The
 * engine's side of a change is played by an applier that records what it was given and can be told
 * to refuse, so both refusal paths (loader, engine) are covered.
 */
class ConfigCommandsTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "interfaces-config": { "interfaces": [] },
                "valid-lifetime": 4000,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ] } ]
            } }
            """;

    @TempDir
    Path directory;

    private TestServer server;
    private Transport transport;
    private Path configFile;
    private Dhcp4Configuration configuration;
    private final List<LoadedConfig<Dhcp4Config>> applied = new CopyOnWriteArrayList<>();
    private final AtomicBoolean engineRefuses = new AtomicBoolean();

    private void start(Transport chosen) throws Exception {
        transport = chosen;
        configFile = directory.resolve("kea-dhcp4.conf");
        Files.writeString(configFile, CONFIG);
        configuration = new Dhcp4Configuration(ConfigLoader.loadDhcp4(configFile), configFile, next -> {
            if (engineRefuses.get()) {
                throw new IllegalStateException("interface eth9 cannot be opened");
            }
            applied.add(next);
        });
        server = new TestServer(directory, configuration, configuration::subnets);
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

    private static String setCommand(String command, String dhcp4) {
        return "{\"command\": \"" + command + "\", \"arguments\": {\"Dhcp4\": " + dhcp4 + "}}";
    }

    private List<String> subnetTexts() throws Exception {
        JsonObject list = call("{\"command\": \"subnet4-list\"}");
        if (!(list.get("arguments") instanceof JsonObject arguments)) {
            return List.of();
        }
        return ((JsonArray) arguments.get("subnets")).elements().stream()
                .map(subnet -> ((JsonString) ((JsonObject) subnet).get("subnet")).value()).toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getsTheRunningConfiguration(Transport chosen) throws Exception {
        start(chosen);
        JsonObject answer = call("{\"command\": \"config-get\"}");
        assertThat(result(answer)).isZero();
        JsonObject dhcp4 = (JsonObject) ((JsonObject) answer.get("arguments")).get("Dhcp4");
        assertThat(dhcp4.get("valid-lifetime")).isEqualTo(JsonNumber.of(4000));
        assertThat(((JsonArray) dhcp4.get("subnet4")).size()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void testsWithoutApplying(Transport chosen) throws Exception {
        start(chosen);
        JsonObject good = call(setCommand("config-test",
                "{\"subnet4\": [{\"id\": 5, \"subnet\": \"10.0.0.0/8\"}]}"));
        assertThat(result(good)).isZero();
        assertThat(text(good)).isEqualTo("Configuration seems sane. Control-socket, hook-libraries, and D2 configuration"
                + " were sanity checked, but not applied.");
        JsonObject bad = call(setCommand("config-test",
                "{\"subnet4\": [{\"id\": 5, \"subnet\": \"10.0.0.0/8\", \"pools\": [{\"pool\": \"11.0.0.1-11.0.0.5\"}]}]}"));
        assertThat(result(bad)).isEqualTo(1);
        assertThat(text(bad)).isNotBlank();
        assertThat(applied).isEmpty();
        assertThat(subnetTexts()).containsExactly("192.0.2.0/24");
        assertThat(text(call("{\"command\": \"config-test\"}"))).isEqualTo("Missing mandatory 'arguments' parameter.");
        assertThat(text(call("{\"command\": \"config-test\", \"arguments\": {}}"))).isEqualTo("Missing mandatory 'Dhcp4' parameter.");
        assertThat(text(call("{\"command\": \"config-test\", \"arguments\": {\"Dhcp4\": 5}}")))
                .isEqualTo("'Dhcp4' parameter expected to be a map.");
        assertThat(text(call("{\"command\": \"config-test\", \"arguments\": {\"Dhcp4\": {}, \"Dhcp6\": {}}}")))
                .isEqualTo("Unsupported 'Dhcp6' parameter.");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void setsAtomicallyAndKeepsLeases(Transport chosen) throws Exception {
        start(chosen);
        assertThat(result(call("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"192.0.2.20\","
                + " \"hw-address\": \"01:02:03:04:05:06\"}}"))).isZero();

        JsonObject set = call(setCommand("config-set", "{\"valid-lifetime\": 600, \"subnet4\": ["
                + "{\"id\": 1, \"subnet\": \"192.0.2.0/24\"}, {\"id\": 7, \"subnet\": \"203.0.113.0/24\"}]}"));
        assertThat(text(set)).isEqualTo("Configuration successful.");
        assertThat(applied).hasSize(1);
        assertThat(subnetTexts()).containsExactly("192.0.2.0/24", "203.0.113.0/24");
        assertThat(result(call("{\"command\": \"lease4-get\", \"arguments\": {\"ip-address\": \"192.0.2.20\"}}"))).isZero();
        // the new subnet and its lifetime serve the lease commands at once
        assertThat(text(call("{\"command\": \"lease4-add\", \"arguments\": {\"ip-address\": \"203.0.113.5\","
                + " \"hw-address\": \"01:02:03:04:05:07\"}}"))).isEqualTo("Lease for address 203.0.113.5, subnet-id 7 added.");

        JsonObject refused = call(setCommand("config-set", "{\"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\","
                + " \"pools\": [{\"pool\": \"10.0.0.1-10.0.0.9\"}]}]}"));
        assertThat(result(refused)).isEqualTo(1);
        assertThat(applied).hasSize(1);
        assertThat(subnetTexts()).containsExactly("192.0.2.0/24", "203.0.113.0/24");

        engineRefuses.set(true);
        JsonObject engineRefused = call(setCommand("config-set", "{\"subnet4\": []}"));
        assertThat(result(engineRefused)).isEqualTo(1);
        assertThat(text(engineRefused)).contains("interface eth9 cannot be opened");
        assertThat(subnetTexts()).containsExactly("192.0.2.0/24", "203.0.113.0/24");
        assertThat(((JsonArray) ((JsonObject) call("{\"command\": \"lease4-get-all\"}").get("arguments")).get("leases")).size())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reloadsTheStartupFile(Transport chosen) throws Exception {
        start(chosen);
        Files.writeString(configFile, CONFIG.replace("192.0.2.0/24", "198.51.100.0/24").replace("192.0.2.10 - 192.0.2.200",
                "198.51.100.10 - 198.51.100.20"));
        JsonObject reloaded = call("{\"command\": \"config-reload\"}");
        assertThat(text(reloaded)).isEqualTo("Configuration successful.");
        assertThat(subnetTexts()).containsExactly("198.51.100.0/24");
        Files.writeString(configFile, "{ \"Dhcp4\": { \"valid-lifetime\": \"soon\" } }");
        JsonObject failed = call("{\"command\": \"config-reload\"}");
        assertThat(result(failed)).isEqualTo(1);
        assertThat(text(failed)).startsWith("Config reload failed: ");
        assertThat(subnetTexts()).containsExactly("198.51.100.0/24");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void writesTheRunningConfiguration(Transport chosen) throws Exception {
        start(chosen);
        Path target = directory.resolve("written.json");
        JsonObject written = call("{\"command\": \"config-write\", \"arguments\": {\"filename\": \"" + target + "\"}}");
        assertThat(text(written)).isEqualTo("Configuration written to " + target + " successful");
        JsonObject arguments = (JsonObject) written.get("arguments");
        assertThat(arguments.get("size")).isEqualTo(JsonNumber.of(Files.size(target)));
        assertThat(JsonParser.parseStrict(Files.readString(target))).isEqualTo(configuration.running());
        // and the written file is a configuration Nestor (and Kea) loads
        assertThat(ConfigLoader.loadDhcp4(target).config().subnets()).hasSize(1);
        assertThat(text(call("{\"command\": \"config-write\"}"))).isEqualTo("Configuration written to " + configFile + " successful");
        assertThat(text(call("{\"command\": \"config-write\", \"arguments\": {\"filename\": 5}}")))
                .isEqualTo("passed parameter 'filename' is not a string");
        assertThat(text(call("{\"command\": \"config-write\", \"arguments\": {\"filename\": \"/nonexistent/dir/x.json\"}}")))
                .isEqualTo("Error during write-config:Unable to open file /nonexistent/dir/x.json for writing");
    }
}

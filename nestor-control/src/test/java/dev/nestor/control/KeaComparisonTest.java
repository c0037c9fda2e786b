package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.transport.UnixClient;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends the same requests, in the same order, to stock kea-dhcp4 2.2 (with libdhcp_lease_cmds.so) and
 * to Nestor's control channel, both over their UNIX sockets and on the same subnets, and compares the
 * answers: result codes always, texts where Kea's are deterministic, argument names (and values where
 * they do not depend on the clock). Needs root and the Kea binaries; skipped otherwise.
 *
 * <p>Stock Kea runs with an empty interface list, so it binds no DHCP socket and needs no address.
 */
class KeaComparisonTest {

    private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
    private static final Path LEASE_CMDS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so");

    /** How much of two answers must agree. */
    enum Compare {
        /** result code only */
        RESULT,
        /** result, text, and the names of the argument keys */
        TEXT,
        /** result, text and arguments exactly */
        EXACT,
        /** result and argument key names (texts carry versions, times or paths) */
        SHAPE
    }

    record Case(String command, Compare compare) {
    }

    @TempDir
    Path directory;

    private Process kea;
    private Path keaSocket;
    private TestServer nestor;

    @BeforeEach
    void start() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(root, "stock Kea comparison needs root");
        Assumptions.assumeTrue(Files.isExecutable(KEA) && Files.exists(LEASE_CMDS),
                "stock kea-dhcp4 2.2 and libdhcp_lease_cmds.so are not installed");
        keaSocket = directory.resolve("kea.sock");
        Path config = directory.resolve("kea-dhcp4.json");
        Files.writeString(config, """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                    "lease-database": { "type": "memfile", "persist": false },
                    "hooks-libraries": [ { "library": "%s" } ],
                    "valid-lifetime": 4000,
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" }, { "id": 2, "subnet": "198.51.100.0/24" } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
                                   "output_options": [ { "output": "%s" } ] } ]
                } }
                """.formatted(keaSocket, LEASE_CMDS, directory.resolve("kea.log")));
        ProcessBuilder builder = new ProcessBuilder(KEA.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        kea = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answers(keaSocket) && System.nanoTime() < deadline) {
            assertThat(kea.isAlive()).as("kea-dhcp4 exited: " + Files.readString(directory.resolve("kea.out"))).isTrue();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(answers(keaSocket)).as("kea-dhcp4 control socket").isTrue();
        Path nestorDirectory = Files.createDirectories(directory.resolve("nestor"));
        // Nestor reads the very file Kea runs with
        Dhcp4Configuration configuration = new Dhcp4Configuration(ConfigLoader.loadDhcp4(config), config, next -> { });
        nestor = new TestServer(nestorDirectory, configuration, configuration::subnets);
    }

    private static boolean answers(Path socket) {
        try {
            return Files.exists(socket) && UnixClient.send(socket, "{\"command\": \"version-get\"}").contains("result");
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (nestor != null) {
            nestor.close();
        }
        if (kea != null) {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static final String ADD = "{\"command\":\"lease4-add\",\"arguments\":";

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // framing and generic errors
        for (String text : List.of("hello", "{\"command\": 1}", "{\"command\":\"foo\"}", "{\"command\":\"list-commands\",\"extra\":1}",
                "{\"nocommand\":1}", "[1,2]", "{\"command\": }", "{\"command\":\"version-get\",}")) {
            cases.add(new Case(text, text.contains("}") && !text.contains(": }") && !text.contains(",}") ? Compare.TEXT : Compare.RESULT));
        }
        cases.add(new Case("{\"command\":\"version-get\"}", Compare.SHAPE));
        cases.add(new Case("{\"command\":\"status-get\"}", Compare.SHAPE));
        cases.add(new Case("{\"command\":\"config-get\"}", Compare.SHAPE));
        // lease4-add, good and bad
        cases.add(new Case(ADD + "{\"ip-address\":\"192.0.2.202\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"expire\":2000000000}}", Compare.TEXT));
        cases.add(new Case(ADD + "{\"ip-address\":\"192.0.2.202\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}}", Compare.TEXT));
        for (String arguments : List.of(
                "{\"ip-address\":\"10.0.0.1\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}",
                "{\"ip-address\":\"192.0.2.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":7}",
                "{\"ip-address\":\"192.0.2.5\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":2}",
                "{\"ip-address\":\"2001:db8::1\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}",
                "{\"ip-address\":\"192.0.2.6\"}",
                "{\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"zz\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"001:02\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"fqdn-fwd\":true}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"state\":7}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"expire\":10,\"valid-lft\":100}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"expire\":-1}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"user-context\":1}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"client-id\":\"x\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"client-id\":\"99\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"valid-lft\":\"x\"}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"valid-lft\":-1}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":-1}",
                "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"hostname\":5}",
                "{\"ip-address\":7,\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}",
                "{\"ip-address\":\"192.0.2.11\",\"hw-address\":\"01:02:03:04:05:06\",\"user-context\":{\"comment\":\"a\"},\"comment\":\"b\"}")) {
            cases.add(new Case(ADD + arguments + "}", Compare.TEXT));
        }
        cases.add(new Case("{\"command\":\"lease4-add\"}", Compare.TEXT));
        cases.add(new Case(ADD + "{\"ip-address\":\"192.0.2.7\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"comment\":\"hi\","
                + "\"hostname\":\"HoSt.Example.ORG\",\"client-id\":\"01:02:03\",\"expire\":2000000000,\"valid-lft\":100,"
                + "\"fqdn-fwd\":true}}", Compare.TEXT));
        cases.add(new Case(ADD + "{\"ip-address\":\"192.0.2.6\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"comment\":\"hi\","
                + "\"user-context\":{\"a\":1},\"expire\":2000000000}}", Compare.TEXT));
        cases.add(new Case(ADD + "{\"ip-address\":\"192.0.2.9\",\"hw-address\":\"\",\"state\":1,\"expire\":2000000000}}", Compare.TEXT));
        cases.add(new Case("{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"subnet[1].assigned-addresses\"}}", Compare.SHAPE));
        // lease4-get
        for (String arguments : List.of("{\"ip-address\":\"192.0.2.7\"}", "{\"ip-address\":\"192.0.2.6\"}",
                "{\"ip-address\":\"192.0.2.9\"}", "{\"ip-address\":\"192.0.2.99\"}",
                "{\"identifier-type\":\"hw-address\",\"identifier\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":1}",
                "{\"identifier-type\":\"client-id\",\"identifier\":\"01:02:03\",\"subnet-id\":1}",
                "{\"identifier-type\":\"hw-address\",\"identifier\":\"1a:1b:1c:1d:1e:1f\"}",
                "{\"identifier-type\":\"duid\",\"identifier\":\"01:02:03\",\"subnet-id\":1}",
                "{\"identifier-type\":\"foo\",\"identifier\":\"01:02:03\",\"subnet-id\":1}",
                "{\"identifier-type\":\"address\",\"identifier\":\"01:02\",\"subnet-id\":1}",
                "{\"identifier-type\":\"hw-address\",\"subnet-id\":1}", "{\"subnet-id\":1}", "{}",
                "{\"subnet-id\":\"1\",\"identifier-type\":\"hw-address\",\"identifier\":\"01:02\"}",
                "{\"ip-address\":5}", "{\"ip-address\":\"zzz\"}", "{\"ip-address\":\"2001:db8::1\"}",
                "{\"ip-address\":\"192.0.2.6\",\"subnet-id\":\"a\"}")) {
            cases.add(new Case("{\"command\":\"lease4-get\",\"arguments\":" + arguments + "}",
                    arguments.contains("\"hw-address\",\"identifier\":\"1a") ? Compare.RESULT : Compare.EXACT));
        }
        cases.add(new Case("{\"command\":\"lease4-get\"}", Compare.TEXT));
        cases.add(new Case("{\"command\":\"lease4-get\",\"arguments\":1}", Compare.TEXT));
        // lists
        for (String command : List.of("{\"command\":\"lease4-get-all\"}",
                "{\"command\":\"lease4-get-all\",\"arguments\":{\"subnets\":[2]}}",
                "{\"command\":\"lease4-get-all\",\"arguments\":{\"subnets\":[1,2]}}",
                "{\"command\":\"lease4-get-all\",\"arguments\":{\"subnets\":[1,\"a\"]}}",
                "{\"command\":\"lease4-get-all\",\"arguments\":{\"subnets\":1}}",
                "{\"command\":\"lease4-get-all\",\"arguments\":{}}",
                "{\"command\":\"lease4-get-all\",\"arguments\":[]}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"start\",\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"192.0.2.7\",\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"192.0.2.202\",\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"start\",\"limit\":0}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"start\"}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"x\",\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"2001:db8::\",\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":1,\"limit\":2}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"start\",\"limit\":\"2\"}}",
                "{\"command\":\"lease4-get-page\",\"arguments\":{\"from\":\"start\",\"limit\":-1}}",
                "{\"command\":\"lease4-get-page\"}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{\"hw-address\":\"\"}}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{\"hw-address\":\"1a:1b:1c:1d:1e:10\"}}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{}}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{\"hw-address\":1}}",
                "{\"command\":\"lease4-get-by-hw-address\",\"arguments\":{\"hw-address\":\"qq\"}}",
                "{\"command\":\"lease4-get-by-hw-address\"}",
                "{\"command\":\"lease4-get-by-client-id\",\"arguments\":{\"client-id\":\"01:02:03\"}}",
                "{\"command\":\"lease4-get-by-client-id\",\"arguments\":{\"client-id\":\"010203\"}}",
                "{\"command\":\"lease4-get-by-client-id\",\"arguments\":{}}",
                "{\"command\":\"lease4-get-by-client-id\",\"arguments\":{\"client-id\":false}}",
                "{\"command\":\"lease4-get-by-hostname\",\"arguments\":{\"hostname\":\"HOST.example.org\"}}",
                "{\"command\":\"lease4-get-by-hostname\",\"arguments\":{\"hostname\":\"\"}}",
                "{\"command\":\"lease4-get-by-hostname\",\"arguments\":{}}",
                "{\"command\":\"lease4-get-by-hostname\",\"arguments\":{\"hostname\":3}}",
                "{\"command\":\"lease4-get-by-hostname\",\"arguments\":{\"hostname\":\"nope\"}}")) {
            cases.add(new Case(command, Compare.EXACT));
        }
        // update and delete
        for (String command : List.of(
                "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"192.0.2.50\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\"}}",
                "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"192.0.2.50\",\"hw-address\":\"1a:1b:1c:1d:1e:1f\",\"force-create\":true,\"expire\":2000000000}}",
                "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"192.0.2.50\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"hostname\":\"x\",\"expire\":2000000000}}",
                "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"192.0.2.50\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"force-create\":\"yes\"}}",
                "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"10.1.1.1\",\"hw-address\":\"1a:1b:1c:1d:1e:2f\",\"force-create\":true}}",
                "{\"command\":\"lease4-update\"}",
                "{\"command\":\"lease4-get\",\"arguments\":{\"ip-address\":\"192.0.2.50\"}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"ip-address\":\"192.0.2.50\"}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"ip-address\":\"192.0.2.50\"}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"identifier-type\":\"hw-address\",\"identifier\":\"1a:1b:1c:1d:1e:1f\",\"subnet-id\":1}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"identifier-type\":\"duid\",\"identifier\":\"1a:1b\",\"subnet-id\":1}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"identifier-type\":\"client-id\",\"identifier\":\"99\",\"subnet-id\":1}}",
                "{\"command\":\"lease4-del\",\"arguments\":{\"ip-address\":\"192.0.2.6\",\"update-ddns\":\"x\"}}",
                "{\"command\":\"lease4-del\"}",
                "{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"declined-addresses\"}}",
                "{\"command\":\"lease4-wipe\",\"arguments\":{\"subnet-id\":2}}",
                "{\"command\":\"lease4-wipe\",\"arguments\":{\"subnet-id\":\"x\"}}",
                "{\"command\":\"lease4-wipe\",\"arguments\":{\"subnet-id\":99}}",
                "{\"command\":\"lease4-wipe\"}",
                "{\"command\":\"lease4-wipe\"}")) {
            cases.add(new Case(command, command.contains("statistic-get") ? Compare.SHAPE : Compare.EXACT));
        }
        // statistics, service switch, reclamation, config argument checks
        for (String command : List.of(
                "{\"command\":\"statistic-get\"}",
                "{\"command\":\"statistic-get\",\"arguments\":{\"name\":1}}",
                "{\"command\":\"statistic-get\",\"arguments\":[]}",
                "{\"command\":\"statistic-get\",\"arguments\":{\"name\":\"nope\"}}",
                "{\"command\":\"statistic-reset\",\"arguments\":{\"name\":\"nope\"}}",
                "{\"command\":\"statistic-remove\",\"arguments\":{\"name\":\"nope\"}}",
                "{\"command\":\"statistic-reset\"}",
                "{\"command\":\"statistic-reset-all\"}",
                "{\"command\":\"dhcp-disable\",\"arguments\":{\"max-period\":0}}",
                "{\"command\":\"dhcp-disable\",\"arguments\":{\"max-period\":\"a\"}}",
                "{\"command\":\"dhcp-disable\",\"arguments\":{\"origin\":\"foo\"}}",
                "{\"command\":\"dhcp-disable\",\"arguments\":{\"origin\":5}}",
                "{\"command\":\"dhcp-disable\",\"arguments\":5}",
                "{\"command\":\"dhcp-disable\",\"arguments\":{\"max-period\":30}}",
                "{\"command\":\"dhcp-enable\",\"arguments\":{\"origin\":\"ha-partner\"}}",
                "{\"command\":\"dhcp-disable\"}",
                "{\"command\":\"dhcp-enable\",\"arguments\":{\"origin\":\"x\"}}",
                "{\"command\":\"dhcp-enable\",\"arguments\":[]}",
                "{\"command\":\"dhcp-enable\"}",
                "{\"command\":\"leases-reclaim\"}",
                "{\"command\":\"leases-reclaim\",\"arguments\":{}}",
                "{\"command\":\"leases-reclaim\",\"arguments\":{\"remove\":1}}",
                "{\"command\":\"leases-reclaim\",\"arguments\":{\"remove\":false}}",
                "{\"command\":\"leases-reclaim\",\"arguments\":[]}",
                "{\"command\":\"shutdown\",\"arguments\":{\"exit-value\":\"a\"}}",
                "{\"command\":\"shutdown\",\"arguments\":5}")) {
            cases.add(new Case(command, Compare.EXACT));
        }
        cases.add(new Case("{\"command\":\"statistic-get-all\"}", Compare.RESULT));
        return cases;
    }

    private static JsonObject parse(String text) {
        try {
            JsonValue value = JsonParser.parseStrict(text);
            return value instanceof JsonObject map ? map : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /**
     * Lease lists other than pages compared as sets: Kea's memfile returns them in its hash index order
     * (which looks like insertion order), Nestor in address order; neither is documented.
     */
    private static JsonValue normalized(JsonValue arguments, boolean ordered) {
        if (ordered || !(arguments instanceof JsonObject map) || !(map.get("leases") instanceof JsonArray leases)) {
            return arguments;
        }
        List<JsonValue> sorted = new ArrayList<>(leases.elements());
        sorted.sort(java.util.Comparator.comparing(JsonValue::toString));
        return map.with("leases", new JsonArray(sorted, null));
    }

    private static TreeSet<String> keys(JsonValue arguments) {
        TreeSet<String> keys = new TreeSet<>();
        if (arguments instanceof JsonObject map) {
            keys.addAll(map.keys());
            for (Map.Entry<String, JsonValue> entry : map.members().entrySet()) {
                if (entry.getValue() instanceof JsonArray list) {
                    for (JsonValue element : list) {
                        if (element instanceof JsonObject item) {
                            item.keys().forEach(key -> keys.add(entry.getKey() + "[]." + key));
                        }
                    }
                }
            }
        }
        return keys;
    }

    @Test
    void answersLikeStockKea() throws Exception {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Case c : cases()) {
            JsonObject expected = parse(UnixClient.send(keaSocket, c.command()));
            JsonObject actual = parse(UnixClient.send(nestor.socket(), c.command()));
            compared++;
            if (expected == null || actual == null) {
                differences.add(c.command() + "\n   kea:    " + expected + "\n   nestor: " + actual);
                continue;
            }
            boolean same = expected.get("result").equals(actual.get("result"));
            if (c.compare() == Compare.TEXT || c.compare() == Compare.EXACT) {
                same &= java.util.Objects.equals(expected.get("text"), actual.get("text"));
                same &= keys(expected.get("arguments")).equals(keys(actual.get("arguments")));
            }
            if (c.compare() == Compare.EXACT) {
                boolean ordered = c.command().contains("lease4-get-page");
                same &= java.util.Objects.equals(normalized(expected.get("arguments"), ordered),
                        normalized(actual.get("arguments"), ordered));
            }
            if (c.compare() == Compare.SHAPE) {
                same &= keys(expected.get("arguments")).equals(keys(actual.get("arguments")));
            }
            if (!same) {
                differences.add(c.command() + "\n   kea:    " + expected + "\n   nestor: " + actual);
            }
        }
        System.out.println("KeaComparisonTest: compared " + compared + " requests, " + differences.size() + " differ");
        assertThat(differences).as(String.join("\n", differences)).isEmpty();
    }

    @Test
    void listsTheSameLeaseAndCoreCommandsAsKea() throws Exception {
        JsonObject expected = parse(UnixClient.send(keaSocket, "{\"command\":\"list-commands\"}"));
        JsonObject actual = parse(UnixClient.send(nestor.socket(), "{\"command\":\"list-commands\"}"));
        List<String> kea = ((JsonArray) expected.get("arguments")).elements().stream().map(Object::toString).toList();
        List<String> ours = ((JsonArray) actual.get("arguments")).elements().stream().map(Object::toString).toList();
        List<String> v4 = kea.stream().filter(name -> !name.contains("lease6") && !name.contains("resend-ddns")
                && !name.contains("sample-") && !name.equals("\"libreload\"") && !name.equals("\"config-backend-pull\"")
                && !name.equals("\"server-tag-get\"")).toList();
        assertThat(ours).containsAll(v4);
    }
}

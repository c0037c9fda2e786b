package dev.nestor.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab whose servers cannot start ends with exit code 2 and leaves no process behind; usage errors end with 2
 * before anything starts; the configs the lab writes are the examples with only run-time values changed.
 */
class LabStartTest {
    @TempDir
    Path directory;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(LabOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Lab.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<ProcessHandle> aliveChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    @Test
    void aStandbyThatCannotStartEndsWithTwoAndThePrimaryIsStopped() throws Exception {
        List<ProcessHandle> before = aliveChildren();
        ServerLauncher launcher = (config, serverPort, clientPort) -> config.getFileName().toString().startsWith("standby")
                ? List.of("sh", "-c", "echo 'DHCP4_CONFIG_LOAD_FAIL planted failure'; exit 1")
                : List.of("sh", "-c", "echo DHCP4_STARTED; exec sleep 600");
        Outcome outcome = run(LabOptions.defaults().withDirectory(directory).withLauncher(launcher,
                Duration.ofSeconds(20)));
        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(Verdict.EXIT_START_ERROR);
        assertThat(outcome.err()).contains("the standby exited with code 1 before DHCP4_STARTED",
                "DHCP4_CONFIG_LOAD_FAIL planted failure");
        assertThat(aliveChildren()).as("processes left by the lab").isSubsetOf(before);
        assertThat(Files.readString(directory.resolve("primary.log"))).contains("DHCP4_STARTED");
    }

    @Test
    void aServerThatNeverStartsIsKilledAfterTheTimeout() {
        List<ProcessHandle> before = aliveChildren();
        ServerLauncher silent = (config, serverPort, clientPort) -> List.of("sleep", "600");
        Outcome outcome = run(LabOptions.defaults().withDirectory(directory).withLauncher(silent,
                Duration.ofSeconds(1)));
        assertThat(outcome.exitCode()).isEqualTo(Verdict.EXIT_START_ERROR);
        assertThat(outcome.err()).contains("the primary did not log DHCP4_STARTED within 1 s");
        assertThat(aliveChildren()).as("processes left by the lab").isSubsetOf(before);
    }

    @Test
    void usageErrorsEndWithTwoBeforeAnythingStarts() {
        Outcome unknown = run(new LabOptions("load-balancing", false, directory, LabOptions.StopMode.KILL, 100, null,
                false, LabOptions.defaults().launcher(), Duration.ofSeconds(1)));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown scenario 'load-balancing': the lab knows only hot-standby");
        Outcome tooMany = run(LabOptions.defaults().withDirectory(directory).withClients(500));
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--clients must be 1 to 180");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void aDirectoryHoldingAnEarlierRunIsRefused() throws Exception {
        Files.writeString(directory.resolve("primary-leases4.csv"), "address\n");
        Outcome outcome = run(LabOptions.defaults().withDirectory(directory));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("primary-leases4.csv exists: give --dir an empty directory");
    }

    @Test
    void theCopiesChangeOnlyRunTimeValues() throws Exception {
        LabConfigs.Source source = LabConfigs.example("primary");
        assertThat(source.origin()).endsWith("examples/hot-standby/primary.json");
        LabConfigs.Copy copy = LabConfigs.write(source, "primary", directory, 40001, 40002, LabConfigs.Timers.GUIDE);
        JsonObject original = (JsonObject) ((JsonObject) JsonParser.parseKea(source.text(), "example", null).value())
                .get("Dhcp4");
        JsonObject written = (JsonObject) ((JsonObject) JsonParser.parseKeaFile(copy.config()).value()).get("Dhcp4");
        assertThat(copy.controlSocket()).isEqualTo(directory.resolve("primary.sock"));
        assertThat(written.object("control-socket").orElseThrow().string("socket-name"))
                .contains(directory.resolve("primary.sock").toString());
        assertThat(written.object("lease-database").orElseThrow().string("name"))
                .contains(directory.resolve("primary-leases4.csv").toString());
        String ha = written.array("hooks-libraries").orElseThrow().toString();
        assertThat(ha).contains("\"url\":\"http://127.0.0.1:40001/\"", "\"url\":\"http://127.0.0.1:40002/\"",
                "\"heartbeat-delay\":1000", "\"max-response-delay\":3000", "\"max-ack-delay\":1000",
                "\"max-unacked-clients\":10", "\"this-server-name\":\"server1\"");
        for (String untouched : List.of("interfaces-config", "subnet4", "multi-threading", "option-data", "loggers",
                "valid-lifetime", "cache-threshold")) {
            assertThat(written.get(untouched)).as(untouched).isEqualTo(original.get(untouched));
        }
        assertThat(LabConfigs.relayAddress(source)).isEqualTo("127.0.0.1");
    }

    @Test
    void plainLinesAreWrittenWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LiveView view = LiveView.on(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        LiveView.Snapshot snapshot = new LiveView.Snapshot("failover", "waiting", 0.2,
                List.of(new LiveView.ServerLine("standby", "partner-down", 130, List.of("server1", "server2"))),
                50, 10, 40, 9.5);
        view.show(snapshot);
        view.show(snapshot); // unchanged and soon after: not repeated
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b");
        assertThat(text.lines()).singleElement().asString().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} failover .*")
                .contains("standby partner-down (130 leases)", "load 9.5 ACK/s, sent 50, ACKed 10, unanswered 40");
    }
}

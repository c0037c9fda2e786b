package dev.nestor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import dev.nestor.tools.lab.Lab;
import dev.nestor.tools.lab.LabOptions;
import dev.nestor.tools.lab.ServerLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestor lab hot-standby} end to end, without root: the pair of examples/hot-standby from the app's jar as
 * two child processes on 127.0.0.1, the guide's three phases, and the verdict. Checks the verdict against the lease
 * files itself, so a lab that passed a broken pair would fail here.
 */
class LabTest {
    @TempDir
    Path directory;

    @Test
    void theHotStandbyPlanPassesWithEveryAckedLeaseInBothFiles() throws Exception {
        runAndCheck(LabOptions.StopMode.KILL, 60);
    }

    /** The clean stop ({@code --stop term}): the standby takes over just the same. */
    @Test
    void aPrimaryStoppedCleanlyIsTakenOverAndResyncedToo() throws Exception {
        runAndCheck(LabOptions.StopMode.TERM, 20);
    }

    private void runAndCheck(LabOptions.StopMode stop, int clients) throws Exception {
        String java = NestorProcess.java().toString();
        String jar = NestorProcess.jar().toString();
        ServerLauncher fromJar = (config, serverPort, clientPort) -> List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", jar, "dev.nestor.tools.lab.ParentWatch",
                Long.toString(ProcessHandle.current().pid()), ServerLauncher.MAIN_CLASS, "dhcp4", "-c", config.toString(),
                "-p", Integer.toString(serverPort), "-P", Integer.toString(clientPort));
        Path json = directory.resolve("report.json");
        Path run = directory.resolve("run");
        LabOptions options = new LabOptions(LabOptions.HOT_STANDBY, false, run, stop, clients, json,
                false, fromJar, Duration.ofSeconds(60));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<ProcessHandle> before = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();

        int code = Lab.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String text = out.toString(StandardCharsets.UTF_8);
        System.out.println("[it] nestor lab hot-standby --stop " + stop + ":\n" + text.substring(Math.max(0,
                text.indexOf("=== nestor lab"))));
        assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("VERDICT: PASS", "addresses leased twice: 0\n",
                "ACKed leases missing from a lease file: 0\n");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("servers left running").isSubsetOf(before);

        JsonObject report = (JsonObject) JsonParser.parseStrict(Files.readString(json));
        assertThat(report.string("verdict")).contains("PASS");
        assertThat(report.integer("failover-ms")).as("failover measured").isPresent();
        assertThat(report.integer("recovery-ms")).as("recovery measured").isPresent();
        // the first phase's clients, then 30 in failover and 30 after recovery
        int leases = clients + 60;
        assertThat(report.integer("acked-leases").orElseThrow()).isEqualTo(leases);

        // independently of the lab's own check: both lease files hold the same leases, one client each
        Map<String, String> primary = activeLeases(run.resolve("primary-leases4.csv"));
        Map<String, String> standby = activeLeases(run.resolve("standby-leases4.csv"));
        assertThat(primary).hasSize(leases).isEqualTo(standby);
        assertThat(new java.util.HashSet<>(primary.values())).hasSize(leases);
        for (JsonValue server : report.array("servers").orElseThrow()) {
            assertThat(((JsonObject) server).string("final-state")).contains("hot-standby");
        }
        assertThat(Files.readString(run.resolve("standby.log"))).contains("HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED");
    }

    private static Map<String, String> activeLeases(Path file) throws Exception {
        Map<String, LeaseFiles.Lease4> leases = LeaseFiles.active(file);
        Map<String, String> byAddress = new HashMap<>();
        leases.forEach((address, lease) -> byAddress.put(address, lease.hwaddr()));
        return byAddress;
    }
}

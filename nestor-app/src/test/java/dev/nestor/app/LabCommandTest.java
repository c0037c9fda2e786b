package dev.nestor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code nestor lab} on the command line: its help, its usage errors (exit 2, nothing started), and the example
 * configs it runs passing {@code nestor dhcp4 -t}. The scenario itself runs end to end in nestor-it's LabTest.
 */
class LabCommandTest {

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    private static Path examples() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("examples/hot-standby");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no examples/hot-standby above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theExampleConfigsPassTheConfigCheck() {
        for (String file : new String[] {"primary.json", "standby.json"}) {
            CommandLineRun check = run("dhcp4", "-t", examples().resolve(file).toString());
            assertThat(check.exit()).as(file + ": " + check.err()).isZero();
            assertThat(check.err()).isEmpty();
        }
    }

    @Test
    void helpNamesTheOptions() {
        CommandLineRun help = run("lab", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("SCENARIO", "--keep", "--dir", "--stop", "--clients", "--json",
                "Exit code: 0 PASS, 1 FAIL, 2");
    }

    @Test
    void anUnknownScenarioOrStopModeEndsWithTwo() {
        CommandLineRun scenario = run("lab", "load-balancing");
        assertThat(scenario.exit()).isEqualTo(2);
        assertThat(scenario.err()).contains("unknown scenario 'load-balancing': the lab knows only hot-standby");
        CommandLineRun stop = run("lab", "--stop", "gently");
        assertThat(stop.exit()).isEqualTo(2);
        assertThat(stop.err()).contains("--stop takes kill or term, not 'gently'");
        CommandLineRun clients = run("lab", "--clients", "0");
        assertThat(clients.exit()).isEqualTo(2);
    }
}

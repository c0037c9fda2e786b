package dev.nestor.app;

import dev.nestor.tools.lab.Lab;
import dev.nestor.tools.lab.LabOptions;
import java.io.Console;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestor lab [hot-standby]}: the guide's HA test plan on loopback, without root, judged at the end. */
@Command(name = "lab", description = {
        "Starts the hot-standby pair of examples/hot-standby on loopback (no root needed), runs the guide's test plan "
                + "(hot-standby service, the primary stopped, partner-down, the primary back and synced) with a live "
                + "view, and ends with a report and a verdict.",
        "Exit code: 0 PASS, 1 FAIL, 2 usage error or a pair that could not start. Ctrl-C stops everything it started."})
final class LabCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", defaultValue = LabOptions.HOT_STANDBY,
            description = "the scenario to run (only hot-standby exists)")
    String scenario;

    @Option(names = "--keep", description = "after the report, leave the pair running (control sockets printed) "
            + "until Ctrl-C")
    boolean keep;

    @Option(names = "--dir", paramLabel = "DIR", description = "run directory for configs, logs, lease files and "
            + "sockets (default: a fresh temporary directory)")
    Path directory;

    @Option(names = "--stop", paramLabel = "kill|term", defaultValue = "kill",
            description = "how the primary is stopped for the failover: kill (SIGKILL, default) or term (SIGTERM)")
    String stop;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "" + LabOptions.DEFAULT_CLIENTS,
            description = "clients served in the first phase, 1 to " + LabOptions.MAXIMUM_CLIENTS
                    + " (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON to FILE")
    Path jsonReport;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        LabOptions.StopMode stopMode = switch (stop) {
            case "kill" -> LabOptions.StopMode.KILL;
            case "term" -> LabOptions.StopMode.TERM;
            default -> null;
        };
        if (stopMode == null) {
            System.err.println("nestor lab: --stop takes kill or term, not '" + stop + "'");
            return 2;
        }
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        LabOptions defaults = LabOptions.defaults();
        LabOptions options = new LabOptions(scenario, keep, directory, stopMode, clients, jsonReport, terminal,
                defaults.launcher(), defaults.startTimeout());
        return Lab.run(options, System.out, System.err);
    }
}

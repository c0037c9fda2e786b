package dev.nestor.app;

import dev.nestor.tools.perf.PerfClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code nestor perf}: perfdhcp's flags with perfdhcp's meaning; arguments go through to the client's own parser. */
@Command(name = "perf", description = "perfdhcp-compatible load client (perfdhcp's flags; see docs)",
        helpCommand = false)
final class PerfCommand implements Callable<Integer> {

    @Unmatched
    List<String> unmatched = List.of();

    @Parameters(arity = "0..*", paramLabel = "ARGS")
    List<String> args = List.of();

    @Override
    public Integer call() {
        List<String> all = new java.util.ArrayList<>(unmatched);
        all.addAll(args);
        return PerfClient.run(all.toArray(String[]::new), System.out, System.err);
    }
}

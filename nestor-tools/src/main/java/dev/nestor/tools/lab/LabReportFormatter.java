package dev.nestor.tools.lab;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonWriter;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Prints a {@link LabReport} and its {@link Verdict} as the text the lab ends with, or as JSON ({@code --json}). */
public final class LabReportFormatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** At most this many lease lines are listed per check (the count is always whole). */
    static final int LISTED = 10;

    private LabReportFormatter() {
    }

    /** The end-of-run report, ending with the verdict line. */
    public static String text(LabReport report, Verdict verdict) {
        StringBuilder out = new StringBuilder();
        out.append("=== nestor lab ").append(report.scenario()).append(" report ===\n");
        out.append("run directory: ").append(report.directory()).append('\n');
        for (String line : report.setup()) {
            out.append(line).append('\n');
        }
        out.append("\nHA states (time stamps from each server's log; +seconds since the lab started)\n");
        for (LabReport.Server server : report.servers()) {
            out.append(String.format(Locale.ROOT, "  %-8s", server.name()));
            if (server.transitions().isEmpty()) {
                out.append(" (no transition logged)");
            }
            String previous = null;
            for (LabReport.Transition transition : server.transitions()) {
                if (previous == null) {
                    out.append(' ').append(transition.from());
                } else if (!previous.equals(transition.from())) {
                    // a restart: the new process starts over from its own first state
                    out.append(" |\n").append(" ".repeat(10)).append(transition.from());
                }
                double offset = Duration.between(report.started(), transition.at()).toMillis() / 1000.0;
                out.append(String.format(Locale.ROOT, " -> %s [%s +%.1fs]", transition.to(),
                        TIME.format(transition.at()), offset));
                previous = transition.to();
            }
            out.append('\n');
        }
        out.append("\nphases\n");
        for (LabReport.Phase phase : report.phases()) {
            out.append(String.format(Locale.ROOT,
                    "  %-12s %5.1f s  sent %d  ACKs %d (primary %d, standby %d)  drops %d%n", phase.name(),
                    phase.seconds(), phase.sent(), phase.acks(), phase.acksFrom("primary"), phase.acksFrom("standby"),
                    phase.drops()));
        }
        out.append('\n');
        out.append("failover time: ").append(duration(report.failover()))
                .append("  (primary stopped -> standby partner-down and answering)\n");
        out.append("recovery time: ").append(duration(report.recovery()))
                .append("  (primary restarted -> both hot-standby)\n");
        for (LabReport.Server server : report.servers()) {
            out.append(String.format(Locale.ROOT, "leases on %-8s %d (ends %s)%n", server.name() + ":",
                    server.leases(), server.finalState()));
        }
        out.append("leases ACKed: ").append(report.ackedLeases()).append('\n');
        out.append("standby logged: ");
        out.append(String.join(", ", LabReport.FAILOVER_MESSAGES.stream()
                .map(id -> id + " x" + report.standbyMessages().getOrDefault(id, 0)).toList())).append('\n');
        listed(out, "addresses leased twice: ", report.leasedTwice());
        listed(out, "ACKed leases missing from a lease file: ", report.missing());
        for (String problem : report.problems()) {
            out.append("problem: ").append(problem).append('\n');
        }
        out.append(verdict.line()).append('\n');
        return out.toString();
    }

    private static void listed(StringBuilder out, String title, List<String> lines) {
        out.append(title).append(lines.size()).append('\n');
        for (int index = 0; index < Math.min(LISTED, lines.size()); index++) {
            out.append("  ").append(lines.get(index)).append('\n');
        }
        if (lines.size() > LISTED) {
            out.append("  ... ").append(lines.size() - LISTED).append(" more\n");
        }
    }

    static String duration(Duration duration) {
        return duration == null ? "none" : String.format(Locale.ROOT, "%.3f s", duration.toMillis() / 1000.0);
    }

    /** The report as one JSON map (times in ISO-8601 local time, durations in milliseconds). */
    public static String json(LabReport report, Verdict verdict) {
        JsonArray.Builder servers = JsonArray.builder();
        for (LabReport.Server server : report.servers()) {
            JsonArray.Builder transitions = JsonArray.builder();
            for (LabReport.Transition transition : server.transitions()) {
                transitions.add(JsonObject.builder().put("at", transition.at().toString())
                        .put("from", transition.from()).put("to", transition.to()).build());
            }
            servers.add(JsonObject.builder().put("name", server.name()).put("transitions", transitions)
                    .put("final-state", server.finalState()).put("leases", server.leases()).build());
        }
        JsonArray.Builder phases = JsonArray.builder();
        for (LabReport.Phase phase : report.phases()) {
            JsonObject.Builder byServer = JsonObject.builder();
            phase.acksByServer().forEach(byServer::put);
            phases.add(JsonObject.builder().put("name", phase.name()).put("seconds", phase.seconds())
                    .put("sent", phase.sent()).put("acks", phase.acks()).put("acks-by-server", byServer)
                    .put("drops", phase.drops()).build());
        }
        JsonObject.Builder messages = JsonObject.builder();
        report.standbyMessages().forEach((id, count) -> messages.put(id, (long) count));
        JsonObject.Builder root = JsonObject.builder()
                .put("scenario", report.scenario())
                .put("started", report.started().toString())
                .put("directory", report.directory())
                .put("setup", strings(report.setup()))
                .put("servers", servers)
                .put("phases", phases)
                .put("failover-ms", millis(report.failover()))
                .put("recovery-ms", millis(report.recovery()))
                .put("standby-messages", messages)
                .put("acked-leases", report.ackedLeases())
                .put("leased-twice", strings(report.leasedTwice()))
                .put("missing", strings(report.missing()))
                .put("problems", strings(report.problems()))
                .put("verdict", verdict.passed() ? "PASS" : "FAIL")
                .put("reasons", strings(verdict.reasons()))
                .put("exit-code", verdict.exitCode());
        return JsonWriter.pretty(root.build()) + "\n";
    }

    private static dev.nestor.json.JsonValue millis(Duration duration) {
        return duration == null ? Json.nullValue() : Json.number(duration.toMillis());
    }

    private static JsonArray strings(List<String> values) {
        JsonArray.Builder array = JsonArray.builder();
        values.forEach(array::add);
        return array.build();
    }
}

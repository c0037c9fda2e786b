package dev.nestor.tools.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The judgement of a hot-standby lab run: PASS only when every check of the guide's test plan holds, else FAIL with
 * one reason per failed check. A pure function of the {@link LabReport}, so tests plant faults in a report.
 *
 * @param reasons why the run failed; empty for a pass
 */
public record Verdict(List<String> reasons) {
    /** Exit code of a passing run. */
    public static final int EXIT_PASS = 0;
    /** Exit code of a failing run. */
    public static final int EXIT_FAIL = 1;
    /** Exit code of a usage error or a pair that could not start. */
    public static final int EXIT_START_ERROR = 2;

    public Verdict {
        reasons = List.copyOf(reasons);
    }

    /** Judges {@code report} against the hot-standby test plan. */
    public static Verdict judge(LabReport report) {
        List<String> reasons = new ArrayList<>(report.problems());
        if (!report.leasedTwice().isEmpty()) {
            reasons.add(report.leasedTwice().size() + " address(es) leased twice");
        }
        if (!report.missing().isEmpty()) {
            reasons.add(report.missing().size() + " ACKed lease(s) missing from a lease file");
        }
        if (report.ackedLeases() == 0) {
            reasons.add("no lease was ACKed");
        }
        for (String name : List.of("hot-standby", "recovery")) {
            report.phase(name).ifPresentOrElse(phase -> {
                if (phase.acksFrom("primary") == 0) {
                    reasons.add("the primary answered nobody in the " + name + " phase");
                }
                if (phase.acksFrom("standby") > 0) {
                    reasons.add("the standby answered " + phase.acksFrom("standby") + " client(s) in the " + name
                            + " phase, while in hot-standby");
                }
            }, () -> reasons.add("the " + name + " phase did not run"));
        }
        report.phase("failover").ifPresentOrElse(phase -> {
            if (phase.acksFrom("standby") == 0) {
                reasons.add("the standby answered nobody after the primary stopped");
            }
        }, () -> reasons.add("the failover phase did not run"));
        boolean partnerDown = report.server("standby").stream().flatMap(server -> server.transitions().stream())
                .anyMatch(transition -> transition.to().equals("partner-down"));
        if (!partnerDown) {
            reasons.add("the standby never went partner-down");
        }
        if (report.failover() == null) {
            reasons.add("no failover time: the standby never took over");
        }
        if (report.recovery() == null) {
            reasons.add("no recovery time: the pair never returned to hot-standby");
        }
        for (String name : List.of("primary", "standby")) {
            String state = report.server(name).map(LabReport.Server::finalState).orElse("unknown");
            if (!state.equals("hot-standby")) {
                reasons.add("the " + name + " ended in " + state + ", not hot-standby");
            }
        }
        for (String message : LabReport.FAILOVER_MESSAGES) {
            if (report.standbyMessages().getOrDefault(message, 0) == 0) {
                reasons.add("the standby never logged " + message);
            }
        }
        return new Verdict(reasons);
    }

    /** True when no check failed. */
    public boolean passed() {
        return reasons.isEmpty();
    }

    /** 0 for a pass, 1 for a fail. */
    public int exitCode() {
        return passed() ? EXIT_PASS : EXIT_FAIL;
    }

    /** {@code VERDICT: PASS} or {@code VERDICT: FAIL (reason; reason)}. */
    public String line() {
        return passed() ? "VERDICT: PASS" : "VERDICT: FAIL (" + String.join("; ", reasons) + ")";
    }
}

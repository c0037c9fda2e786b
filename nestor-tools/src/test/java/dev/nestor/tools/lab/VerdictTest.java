package dev.nestor.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict passes a clean run and fails each planted fault with its own reason. */
class VerdictTest {

    @Test
    void aCleanRunPasses() {
        Verdict verdict = Verdict.judge(LabReports.passing(List.of(), List.of()));
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.line()).isEqualTo("VERDICT: PASS");
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void aDuplicateAndAMissingLeaseAreBothReported() {
        Verdict verdict = Verdict.judge(LabReports.passing(List.of("172.28.0.3: a, b"),
                List.of("172.28.0.4 c (ACKed by standby) missing from primary")));
        assertThat(verdict.reasons()).containsExactly("1 address(es) leased twice",
                "1 ACKed lease(s) missing from a lease file");
        assertThat(verdict.exitCode()).isEqualTo(1);
    }

    @Test
    void aStandbyThatNeverTookOverFails() {
        LabReport base = LabReports.passing(List.of(), List.of());
        List<LabReport.Transition> noPartnerDown = base.server("standby").orElseThrow().transitions().subList(0, 3);
        LabReport report = LabReports.report(base.server("primary").orElseThrow().transitions(), noPartnerDown,
                "hot-standby", List.of(), List.of(), null);
        assertThat(Verdict.judge(report).reasons()).containsExactly("the standby never went partner-down",
                "no failover time: the standby never took over");
    }

    @Test
    void aStandbyAnsweringInHotStandbyFails() {
        LabReport base = LabReports.passing(List.of(), List.of());
        List<LabReport.Phase> phases = List.of(
                new LabReport.Phase("hot-standby", 3, 100, 100, Map.of("primary", 98L, "standby", 2L), 0),
                base.phases().get(1), base.phases().get(2));
        LabReport report = new LabReport(base.scenario(), base.started(), base.directory(), base.setup(),
                base.servers(), phases, base.failover(), base.recovery(), base.standbyMessages(), base.ackedLeases(),
                List.of(), List.of(), List.of());
        assertThat(Verdict.judge(report).reasons())
                .containsExactly("the standby answered 2 client(s) in the hot-standby phase, while in hot-standby");
    }

    @Test
    void missingLogMessagesAPairNotBackAndProblemsFail() {
        LabReport base = LabReports.passing(List.of(), List.of());
        LabReport report = new LabReport(base.scenario(), base.started(), base.directory(), base.setup(),
                List.of(base.servers().get(0), new LabReport.Server("standby",
                        base.servers().get(1).transitions(), "partner-down", 160)),
                base.phases().subList(0, 2), base.failover(), null,
                Map.of("HA_HEARTBEAT_COMMUNICATIONS_FAILED", 1, "HA_COMMUNICATION_INTERRUPTED", 1),
                base.ackedLeases(), List.of(), List.of(), List.of("the pair did not return to hot-standby within 60 s"));
        assertThat(Verdict.judge(report).reasons()).containsExactly(
                "the pair did not return to hot-standby within 60 s",
                "the recovery phase did not run",
                "no recovery time: the pair never returned to hot-standby",
                "the standby ended in partner-down, not hot-standby",
                "the standby never logged HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED");
    }

    @Test
    void anEmptyRunFailsRatherThanPasses() {
        LabReport report = new LabReport("hot-standby", LabReports.START, "/tmp/lab", List.of(), List.of(), List.of(),
                null, null, Map.of(), 0, List.of(), List.of(), List.of());
        Verdict verdict = Verdict.judge(report);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).contains("no lease was ACKed", "the failover phase did not run",
                "the standby never went partner-down");
    }

    @Test
    void timingsAreReportedNotJudged() {
        LabReport slow = LabReports.report(
                LabReports.passing(List.of(), List.of()).server("primary").orElseThrow().transitions(),
                LabReports.passing(List.of(), List.of()).server("standby").orElseThrow().transitions(),
                "hot-standby", List.of(), List.of(), Duration.ofSeconds(40));
        assertThat(Verdict.judge(slow).passed()).isTrue();
    }
}

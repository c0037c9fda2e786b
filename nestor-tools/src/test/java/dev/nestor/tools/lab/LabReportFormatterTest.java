package dev.nestor.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end-of-run report: every figure the issue asks for, the verdict line last; the same in JSON. */
class LabReportFormatterTest {

    @Test
    void theTextReportHasStatesTimesLeasesChecksAndTheVerdictLast() {
        LabReport report = LabReports.passing(List.of(), List.of());
        String text = LabReportFormatter.text(report, Verdict.judge(report));
        assertThat(text).contains(
                "  primary  waiting -> syncing [04:00:02.300 +2.3s] -> ready [04:00:02.400 +2.4s]"
                        + " -> hot-standby [04:00:03.400 +3.4s] |\n          waiting -> syncing [04:00:14.200 +14.2s]",
                "-> partner-down [04:00:10.800 +10.8s] -> hot-standby [04:00:14.800 +14.8s]\n",
                "  failover       5.5 s  sent 110  ACKs 31 (primary 0, standby 31)  drops 79\n",
                "failover time: 4.030 s", "recovery time: 2.788 s",
                "leases on primary: 160 (ends hot-standby)\n", "leases on standby: 160 (ends hot-standby)\n",
                "HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED x21",
                "addresses leased twice: 0\n", "ACKed leases missing from a lease file: 0\n");
        assertThat(text).endsWith("VERDICT: PASS\n");
    }

    @Test
    void longListsAreCutButCountedWhole() {
        List<String> twice = new ArrayList<>();
        for (int index = 0; index < 12; index++) {
            twice.add("172.28.0." + (index + 2) + ": a, b");
        }
        LabReport report = LabReports.passing(twice, List.of());
        String text = LabReportFormatter.text(report, Verdict.judge(report));
        assertThat(text).contains("addresses leased twice: 12\n  172.28.0.2: a, b\n", "  ... 2 more\n")
                .doesNotContain("172.28.0.13: a, b");
        assertThat(text).endsWith("VERDICT: FAIL (12 address(es) leased twice)\n");
    }

    @Test
    void theJsonReportCarriesTheSameFigures() throws Exception {
        LabReport report = LabReports.passing(List.of(), List.of("172.28.0.4 c missing from primary"));
        JsonObject json = (JsonObject) JsonParser.parseStrict(LabReportFormatter.json(report, Verdict.judge(report)));
        assertThat(json.string("verdict")).contains("FAIL");
        assertThat(json.integer("exit-code").orElseThrow()).isEqualTo(1);
        assertThat(json.integer("failover-ms").orElseThrow()).isEqualTo(4030);
        assertThat(json.integer("recovery-ms").orElseThrow()).isEqualTo(2788);
        assertThat(json.array("missing").orElseThrow().size()).isEqualTo(1);
        assertThat(json.array("servers").orElseThrow().size()).isEqualTo(2);
    }

    @Test
    void transitionsAreReadFromKeaLogLines() {
        String log = """
                2026-11-26 04:01:27.018 INFO  [kea-dhcp4.ha-hooks/8736.ha-dhcp4] HA_STATE_TRANSITION server transitions from WAITING to SYNCING state, partner state is WAITING
                2026-11-26 04:01:27.019 INFO  [kea-dhcp4.ha-hooks/8736.ha-dhcp4] HA_SYNC_START starting lease database synchronization with server2
                2026-11-26 04:01:29.167 INFO  [kea-dhcp4.ha-hooks/8736.ha-dhcp4] HA_STATE_TRANSITION server transitions from READY to HOT-STANDBY state, partner state is READY
                2026-11-26 04:01:46.570 INFO  [kea-dhcp4.ha-hooks/8737.ha-dhcp4] HA_STATE_TRANSITION server transitions from HOT-STANDBY to PARTNER-DOWN state, partner state is UNAVAILABLE
                """;
        List<LabReport.Transition> transitions = ServerProcess.transitions(log);
        assertThat(transitions).extracting(LabReport.Transition::to)
                .containsExactly("syncing", "hot-standby", "partner-down");
        assertThat(transitions.get(2).from()).isEqualTo("hot-standby");
        assertThat(transitions.get(2).at().toString()).isEqualTo("2026-11-26T04:01:46.570");
    }

    @Test
    void theLiveViewBarIsBounded() {
        assertThat(LiveView.bar(0.5, 10)).isEqualTo("[#####.....]  50%");
        assertThat(LiveView.bar(2, 4)).isEqualTo("[####] 100%");
        assertThat(LiveView.bar(-1, 4)).isEqualTo("[....]   0%");
    }
}

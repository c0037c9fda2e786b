package dev.nestor.tools.lab;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** A passing hot-standby report built by hand, for tests that plant one fault in it. */
final class LabReports {
    static final LocalDateTime START = LocalDateTime.of(2026, 11, 26, 4, 0, 0);

    private LabReports() {
    }

    static LabReport passing(List<String> leasedTwice, List<String> missing) {
        List<LabReport.Transition> primary = List.of(
                transition(2.3, "waiting", "syncing"), transition(2.4, "syncing", "ready"),
                transition(3.4, "ready", "hot-standby"), transition(14.2, "waiting", "syncing"),
                transition(14.3, "syncing", "ready"), transition(15.2, "ready", "hot-standby"));
        List<LabReport.Transition> standby = List.of(
                transition(2.7, "waiting", "syncing"), transition(2.8, "syncing", "ready"),
                transition(3.8, "ready", "hot-standby"), transition(10.8, "hot-standby", "partner-down"),
                transition(14.8, "partner-down", "hot-standby"));
        return report(primary, standby, "hot-standby", leasedTwice, missing, Duration.ofMillis(4030));
    }

    static LabReport report(List<LabReport.Transition> primary, List<LabReport.Transition> standby,
                            String standbyEnd, List<String> leasedTwice, List<String> missing, Duration failover) {
        return new LabReport("hot-standby", START, "/tmp/lab", List.of("configs: test"),
                List.of(new LabReport.Server("primary", primary, "hot-standby", 160),
                        new LabReport.Server("standby", standby, standbyEnd, 160)),
                List.of(new LabReport.Phase("hot-standby", 3.0, 100, 100, Map.of("primary", 100L), 0),
                        new LabReport.Phase("failover", 5.5, 110, 31, Map.of("standby", 31L), 79),
                        new LabReport.Phase("recovery", 3.0, 30, 30, Map.of("primary", 30L), 0)),
                failover, Duration.ofMillis(2788),
                Map.of("HA_HEARTBEAT_COMMUNICATIONS_FAILED", 6, "HA_COMMUNICATION_INTERRUPTED", 4,
                        "HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED", 21),
                160, leasedTwice, missing, List.of());
    }

    static LabReport.Transition transition(double seconds, String from, String to) {
        return new LabReport.Transition(START.plusNanos((long) (seconds * 1e9)), from, to);
    }
}

package dev.nestor.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two lease invariants, from real lease files written in Kea's CSV format with faults planted in them. */
class LeaseCheckTest {
    private static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
            + "hostname,state,user_context\n";

    @TempDir
    Path directory;

    private static String row(String address, String hwaddr) {
        return address + "," + hwaddr + ",01:" + hwaddr + ",28800,1795666036,1,0,0,,0,\n";
    }

    private Path file(String name, String... rows) throws Exception {
        return Files.writeString(directory.resolve(name), HEADER + String.join("", rows), StandardCharsets.UTF_8);
    }

    private static final List<LeaseCheck.AckedLease> ACKS = List.of(
            new LeaseCheck.AckedLease("172.28.0.2", "00:0c:01:02:03:00", "primary"),
            new LeaseCheck.AckedLease("172.28.0.3", "00:0C:01:02:03:01", "primary"),
            new LeaseCheck.AckedLease("172.28.0.4", "00:0c:01:02:05:00", "standby"));

    @Test
    void identicalFilesHoldingEveryAckPass() throws Exception {
        String[] rows = {row("172.28.0.2", "00:0c:01:02:03:00"), row("172.28.0.3", "00:0c:01:02:03:01"),
                row("172.28.0.4", "00:0c:01:02:05:00")};
        Map<String, String> primary = LeaseFile.active(file("primary.csv", rows));
        Map<String, String> standby = LeaseFile.active(file("standby.csv", rows));
        assertThat(LeaseCheck.leasedTwice(ACKS, primary, standby)).isEmpty();
        assertThat(LeaseCheck.missing(ACKS, primary, standby)).isEmpty();
    }

    @Test
    void aPlantedDuplicateIsFoundAndFailsTheVerdict() throws Exception {
        Map<String, String> primary = LeaseFile.active(file("primary.csv", row("172.28.0.2", "00:0c:01:02:03:00"),
                row("172.28.0.3", "00:0c:01:02:03:01"), row("172.28.0.4", "00:0c:01:02:05:00")));
        // the standby gave 172.28.0.3 to another client
        Map<String, String> standby = LeaseFile.active(file("standby.csv", row("172.28.0.2", "00:0c:01:02:03:00"),
                row("172.28.0.3", "00:0c:01:02:09:09"), row("172.28.0.4", "00:0c:01:02:05:00")));
        List<String> twice = LeaseCheck.leasedTwice(ACKS, primary, standby);
        assertThat(twice).containsExactly("172.28.0.3: 00:0c:01:02:03:01, 00:0c:01:02:09:09");

        Verdict verdict = Verdict.judge(LabReports.passing(twice, LeaseCheck.missing(ACKS, primary, standby)));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.exitCode()).isEqualTo(Verdict.EXIT_FAIL);
        assertThat(verdict.line()).startsWith("VERDICT: FAIL (").contains("1 address(es) leased twice");
    }

    @Test
    void twoAcksOfOneAddressToTwoClientsAreADuplicateEvenWithCleanFiles() {
        List<LeaseCheck.AckedLease> acks = List.of(
                new LeaseCheck.AckedLease("172.28.0.2", "00:0c:01:02:03:00", "primary"),
                new LeaseCheck.AckedLease("172.28.0.2", "00:0c:01:02:05:07", "standby"));
        Map<String, String> files = Map.of("172.28.0.2", "00:0c:01:02:05:07");
        assertThat(LeaseCheck.leasedTwice(acks, files, files)).hasSize(1);
    }

    @Test
    void aPlantedMissingLeaseIsFoundAndFailsTheVerdict() throws Exception {
        Map<String, String> primary = LeaseFile.active(file("primary.csv", row("172.28.0.2", "00:0c:01:02:03:00"),
                row("172.28.0.3", "00:0c:01:02:03:01"), row("172.28.0.4", "00:0c:01:02:05:00")));
        // the standby never recorded a lease the primary ACKed
        Map<String, String> standby = LeaseFile.active(file("standby.csv", row("172.28.0.2", "00:0c:01:02:03:00"),
                row("172.28.0.4", "00:0c:01:02:05:00")));
        List<String> missing = LeaseCheck.missing(ACKS, primary, standby);
        assertThat(missing).containsExactly("172.28.0.3 00:0c:01:02:03:01 (ACKed by primary) missing from standby");
        assertThat(LeaseCheck.leasedTwice(ACKS, primary, standby)).isEmpty();

        Verdict verdict = Verdict.judge(LabReports.passing(List.of(), missing));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.line()).contains("1 ACKed lease(s) missing from a lease file");
    }

    @Test
    void aLeaseDeletedLaterInTheFileCountsAsMissing() throws Exception {
        String deleted = "172.28.0.4,00:0c:01:02:05:00,,0,1795666036,1,0,0,,0,\n";
        String[] rows = {row("172.28.0.2", "00:0c:01:02:03:00"), row("172.28.0.3", "00:0c:01:02:03:01"),
                row("172.28.0.4", "00:0c:01:02:05:00")};
        Map<String, String> primary = LeaseFile.active(file("primary.csv", rows));
        Map<String, String> standby = LeaseFile.active(file("standby.csv", rows[0], rows[1], rows[2], deleted));
        assertThat(standby).doesNotContainKey("172.28.0.4");
        assertThat(LeaseCheck.missing(ACKS, primary, standby)).singleElement().asString()
                .endsWith("missing from standby");
    }

    @Test
    void leaseFileReadingFollowsKea() throws Exception {
        Path leases = file("leases.csv", row("172.28.0.2", "00:0c:01:02:03:00"),
                row("172.28.0.2", "00:0c:01:02:03:05"),
                "172.28.0.3,00:0c:01:02:03:01,,28800,1795666036,1,0,0,,1,\n", // declined: not active
                "172.28.0.9,00:0c:01:02:03:09,,288");                        // torn by SIGKILL
        Files.writeString(directory.resolve("leases.csv.1"), HEADER + row("172.28.0.7", "00:0c:01:02:03:07"));
        assertThat(LeaseFile.active(leases)).containsExactly(Map.entry("172.28.0.7", "00:0c:01:02:03:07"),
                Map.entry("172.28.0.2", "00:0c:01:02:03:05"));
        assertThat(LeaseFile.activeOrEmpty(directory.resolve("absent.csv"))).isEmpty();
    }
}

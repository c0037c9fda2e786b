package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease files cross between Nestor and stock kea-dhcp4 2.2 in both directions; the leases are compared through Kea's
 * own {@code lease4-get-all} answer. Skipped when not root or when Kea is not installed.
 */
class KeaInterop4Test {

    static final String SUBNETS = "\"subnet4\": [ { \"id\": 1, \"subnet\": \"192.0.2.0/24\" },"
            + " { \"id\": 7, \"subnet\": \"198.51.100.0/24\" } ]";

    @TempDir
    Path directory;

    /** A lease rendered as Kea's {@code Lease4::toElement} prints it (keys sorted, as Kea's maps are). */
    static String keaJson(Lease4 lease) {
        StringBuilder json = new StringBuilder("{ ");
        if (!lease.clientId().isEmpty()) {
            json.append("\"client-id\": \"").append(lease.clientId()).append("\", ");
        }
        json.append("\"cltt\": ").append(lease.cltt())
                .append(", \"fqdn-fwd\": ").append(lease.fqdnForward())
                .append(", \"fqdn-rev\": ").append(lease.fqdnReverse())
                .append(", \"hostname\": \"").append(lease.hostname()).append('"')
                .append(", \"hw-address\": \"").append(lease.hardwareAddress()).append('"')
                .append(", \"ip-address\": \"").append(lease.addressText()).append('"')
                .append(", \"state\": ").append(lease.state().code())
                .append(", \"subnet-id\": ").append(lease.subnetId());
        if (!lease.userContext().isEmpty()) {
            json.append(", \"user-context\": ").append(lease.userContext());
        }
        json.append(", \"valid-lft\": ").append(lease.validLifetime()).append(" }");
        return json.toString();
    }

    static String leasesOf(String answer) {
        int start = answer.indexOf("\"leases\": [ ");
        int end = answer.lastIndexOf(" ] }, \"result\": 0");
        assertThat(start).as("leases in answer %s", answer).isPositive();
        return answer.substring(start + "\"leases\": [ ".length(), end);
    }

    static String expected(List<Lease4> leases) {
        return leases.stream().map(KeaInterop4Test::keaJson).collect(Collectors.joining(", "));
    }

    static Lease4.Builder lease(String address, String hw) {
        return Lease4.builder(Lease4.parseAddress(address)).hardwareAddress(Identifier.parseHex(hw))
                .validLifetime(4000).cltt(1_900_000_000L).subnetId(1);
    }

    @Test
    void keaLoadsALeaseFileWrittenByNestor() throws Exception {
        KeaProcess.assumeAvailable("kea-dhcp4");
        Path file = directory.resolve("kea-leases4.csv");
        List<Lease4> leases;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(MemfileSettings.persistent(file).withLfcInterval(0),
                Clock.systemUTC())) {
            store.add(lease("192.0.2.10", "00:0c:01:02:03:04").clientId(Identifier.parseHex("01:00:0c:01:02:03:04"))
                    .hostname("host-a.example.org").fqdnForward(true).fqdnReverse(true).build());
            store.add(lease("192.0.2.11", "00:0c:01:02:03:05").hostname("comma,amp&host")
                    .userContext("{ \"a\": [ 1, 2 ], \"b\": \"c,d&e\" }").build());
            store.add(Lease4.builder(Lease4.parseAddress("192.0.2.12")).validLifetime(86400).cltt(1_900_000_000L)
                    .subnetId(1).state(LeaseState.DECLINED).build());
            store.add(lease("192.0.2.13", "00:0c:01:02:03:07").state(LeaseState.EXPIRED_RECLAIMED).build());
            // state 3 (released) is written by Kea 3.0; Kea 2.2 loads it as it is
            store.add(lease("192.0.2.16", "00:0c:01:02:03:0b").state(LeaseState.RELEASED).build());
            store.add(lease("192.0.2.14", "00:0c:01:02:03:08").build());
            store.update(lease("192.0.2.14", "00:0c:01:02:03:08").cltt(1_900_000_500L).validLifetime(7200).build());
            store.add(lease("192.0.2.15", "00:0c:01:02:03:09").build());
            store.delete(Lease4.parseAddress("192.0.2.15"));
            store.add(lease("198.51.100.1", "00:0c:01:02:03:0a").subnetId(7)
                    .validLifetime(Lease4.INFINITE_LIFETIME).build());
            leases = store.getAll();
        }
        assertThat(leases).hasSize(7);
        try (KeaProcess kea = KeaProcess.start("kea-dhcp4", directory, file, SUBNETS)) {
            String answer = kea.command("{\"command\":\"lease4-get-all\"}");
            assertThat(leasesOf(answer)).isEqualTo(expected(leases));
        }
    }

    @Test
    void nestorLoadsALeaseFileWrittenByKea() throws Exception {
        KeaProcess.assumeAvailable("kea-dhcp4");
        Path file = directory.resolve("kea-leases4.csv");
        String keaView;
        try (KeaProcess kea = KeaProcess.start("kea-dhcp4", directory, file, SUBNETS)) {
            List<String> commands = List.of(
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"192.0.2.20\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:0f\",\"client-id\":\"01:0a:0b\","
                            + "\"hostname\":\"Mixed,Case&x\",\"user-context\":{\"a\":[1,2],\"b\":\"c,d\"},"
                            + "\"valid-lft\":3600,\"expire\":1900003600}}",
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"192.0.2.21\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:10\",\"valid-lft\":3600,\"expire\":1900003600,"
                            + "\"fqdn-fwd\":true,\"fqdn-rev\":false,\"hostname\":\"h.example.org\"}}",
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"192.0.2.22\","
                            + "\"hw-address\":\"\",\"state\":1,\"valid-lft\":86400,\"expire\":1900086400}}",
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"192.0.2.23\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:11\",\"valid-lft\":3600,\"expire\":1900003600}}",
                    "{\"command\":\"lease4-update\",\"arguments\":{\"ip-address\":\"192.0.2.23\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:12\",\"valid-lft\":600,\"expire\":1900000600,"
                            + "\"state\":2}}",
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"198.51.100.5\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:13\",\"subnet-id\":7}}",
                    "{\"command\":\"lease4-add\",\"arguments\":{\"ip-address\":\"198.51.100.6\","
                            + "\"hw-address\":\"0a:0b:0c:0d:0e:14\",\"subnet-id\":7}}",
                    "{\"command\":\"lease4-del\",\"arguments\":{\"ip-address\":\"198.51.100.6\"}}");
            for (String command : commands) {
                assertThat(kea.command(command)).as(command).contains("\"result\": 0");
            }
            keaView = leasesOf(kea.command("{\"command\":\"lease4-get-all\"}"));
        }
        assertThat(Files.readAllLines(file)).hasSize(1 + 8);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(MemfileSettings.persistent(file).withLfcInterval(0),
                Clock.systemUTC())) {
            assertThat(store.loadSummary().rowErrors()).isZero();
            assertThat(store.count()).isEqualTo(5);
            assertThat(expected(store.getAll())).isEqualTo(keaView);
            Lease4 escaped = store.get(Lease4.parseAddress("192.0.2.20")).orElseThrow();
            assertThat(escaped.hostname()).isEqualTo("mixed,case&x");
            assertThat(escaped.userContext()).isEqualTo("{ \"a\": [ 1, 2 ], \"b\": \"c,d\" }");
        }
    }
}

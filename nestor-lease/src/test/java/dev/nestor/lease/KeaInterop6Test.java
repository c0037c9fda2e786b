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
 * v6 lease files cross between Nestor and stock kea-dhcp6 2.2 in both directions, compared through Kea's
 * {@code lease6-get-all}. Skipped when not root or when Kea is not installed.
 */
class KeaInterop6Test {

    @TempDir
    Path directory;

    String subnets() {
        return "\"data-directory\": \"" + directory + "\", \"subnet6\": [ { \"id\": 1, \"subnet\": \"2001:db8:1::/64\" },"
                + " { \"id\": 2, \"subnet\": \"2001:db8:2::/48\", \"pd-pools\": [ { \"prefix\": \"2001:db8:2::\","
                + " \"prefix-len\": 48, \"delegated-len\": 56 } ] } ]";
    }

    /** A lease rendered as Kea's {@code Lease6::toElement} prints it (keys sorted). */
    static String keaJson(Lease6 lease) {
        StringBuilder json = new StringBuilder("{ ");
        json.append("\"cltt\": ").append(lease.cltt())
                .append(", \"duid\": \"").append(lease.duid()).append('"')
                .append(", \"fqdn-fwd\": ").append(lease.fqdnForward())
                .append(", \"fqdn-rev\": ").append(lease.fqdnReverse())
                .append(", \"hostname\": \"").append(lease.hostname()).append('"');
        if (!lease.hardwareAddress().isEmpty()) {
            json.append(", \"hw-address\": \"").append(lease.hardwareAddress()).append('"');
        }
        json.append(", \"iaid\": ").append(lease.iaid())
                .append(", \"ip-address\": \"").append(lease.addressText()).append('"')
                .append(", \"preferred-lft\": ").append(lease.preferredLifetime());
        if (lease.type() == LeaseType.PD) {
            json.append(", \"prefix-len\": ").append(lease.prefixLength());
        }
        json.append(", \"state\": ").append(lease.state().code())
                .append(", \"subnet-id\": ").append(lease.subnetId())
                .append(", \"type\": \"").append(lease.type().keaName()).append('"');
        if (!lease.userContext().isEmpty()) {
            json.append(", \"user-context\": ").append(lease.userContext());
        }
        json.append(", \"valid-lft\": ").append(lease.validLifetime()).append(" }");
        return json.toString();
    }

    static String expected(List<Lease6> leases) {
        return leases.stream().map(KeaInterop6Test::keaJson).collect(Collectors.joining(", "));
    }

    static Lease6.Builder lease(String address) {
        long[] parts = new long[2];
        byte[] text = address.getBytes();
        assertThat(CsvCodec.parseIpv6(text, 0, text.length, parts)).isTrue();
        return Lease6.builder(parts[0], parts[1]).duid(Identifier.parseHex("00:01:00:01:aa:bb:cc:dd:ee:ff"))
                .iaid(1).validLifetime(4000).preferredLifetime(3000).cltt(1_900_000_000L).subnetId(1);
    }

    @Test
    void keaLoadsAV6LeaseFileWrittenByNestor() throws Exception {
        KeaProcess.assumeAvailable("kea-dhcp6");
        Path file = directory.resolve("kea-leases6.csv");
        List<Lease6> leases;
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(MemfileSettings.persistent(file).withLfcInterval(0),
                Clock.systemUTC())) {
            store.add(lease("2001:db8:1::5").hardwareAddress(Identifier.parseHex("aa:bb:cc:dd:ee:ff"))
                    .hardwareAddressSource(1).hostname("a,b&c").userContext("{ \"x\": \"y,z\" }").build());
            store.add(lease("2001:db8:2::").type(LeaseType.PD).prefixLength(56).iaid(2).subnetId(2).build());
            store.add(lease("2001:db8:1::6").duid(Lease6.DECLINED_DUID).state(LeaseState.DECLINED).build());
            store.add(lease("2001:db8:1::7").fqdnForward(true).hostname("h.example.org").build());
            store.update(lease("2001:db8:1::7").cltt(1_900_000_100L).hostname("h2.example.org").build());
            store.add(lease("2001:db8:1::8").build());
            store.delete(lease("2001:db8:1::8").build().addressHigh(), lease("2001:db8:1::8").build().addressLow());
            leases = store.getAll();
        }
        assertThat(leases).hasSize(4);
        try (KeaProcess kea = KeaProcess.start("kea-dhcp6", directory, file, subnets())) {
            String answer = kea.command("{\"command\":\"lease6-get-all\"}");
            assertThat(KeaInterop4Test.leasesOf(answer)).isEqualTo(expected(leases));
        }
    }

    @Test
    void nestorLoadsAV6LeaseFileWrittenByKea() throws Exception {
        KeaProcess.assumeAvailable("kea-dhcp6");
        Path file = directory.resolve("kea-leases6.csv");
        String keaView;
        try (KeaProcess kea = KeaProcess.start("kea-dhcp6", directory, file, subnets())) {
            List<String> commands = List.of(
                    "{\"command\":\"lease6-add\",\"arguments\":{\"ip-address\":\"2001:db8:1::5\","
                            + "\"duid\":\"00:01:00:01:aa:bb:cc:dd:ee:ff\",\"iaid\":1,\"hw-address\":\"aa:bb:cc:dd:ee:ff\","
                            + "\"valid-lft\":4000,\"preferred-lft\":3000,\"expire\":1900004000,\"hostname\":\"a,b&c\","
                            + "\"user-context\":{\"x\":\"y,z\"}}}",
                    "{\"command\":\"lease6-add\",\"arguments\":{\"ip-address\":\"2001:db8:2::\",\"type\":\"IA_PD\","
                            + "\"prefix-len\":56,\"duid\":\"00:01:00:01:aa:bb:cc:dd:ee:ff\",\"iaid\":2,\"subnet-id\":2,"
                            + "\"valid-lft\":4000,\"preferred-lft\":3000,\"expire\":1900004000}}",
                    "{\"command\":\"lease6-add\",\"arguments\":{\"ip-address\":\"2001:db8:1::6\",\"duid\":\"00\","
                            + "\"iaid\":1,\"state\":1,\"valid-lft\":4000,\"expire\":1900004000}}",
                    "{\"command\":\"lease6-add\",\"arguments\":{\"ip-address\":\"2001:db8:1::7\",\"duid\":\"01:02:03\","
                            + "\"iaid\":7,\"valid-lft\":4000,\"preferred-lft\":3000,\"expire\":1900004000}}",
                    "{\"command\":\"lease6-update\",\"arguments\":{\"ip-address\":\"2001:db8:1::7\","
                            + "\"duid\":\"01:02:04\",\"iaid\":8,\"valid-lft\":5000,\"preferred-lft\":3000,"
                            + "\"expire\":1900005000,\"state\":2}}",
                    "{\"command\":\"lease6-add\",\"arguments\":{\"ip-address\":\"2001:db8:1::8\",\"duid\":\"01:02:03\","
                            + "\"iaid\":7,\"valid-lft\":4000,\"preferred-lft\":3000,\"expire\":1900004000}}",
                    "{\"command\":\"lease6-del\",\"arguments\":{\"ip-address\":\"2001:db8:1::8\"}}");
            for (String command : commands) {
                assertThat(kea.command(command)).as(command).contains("\"result\": 0");
            }
            keaView = KeaInterop4Test.leasesOf(kea.command("{\"command\":\"lease6-get-all\"}"));
        }
        assertThat(Files.readAllLines(file)).hasSize(1 + 7);
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(MemfileSettings.persistent(file).withLfcInterval(0),
                Clock.systemUTC())) {
            assertThat(store.loadSummary().rowErrors()).isZero();
            assertThat(store.count()).isEqualTo(4);
            assertThat(expected(store.getAll())).isEqualTo(keaView);
            assertThat(store.getByIa(LeaseType.PD, Identifier.parseHex("00:01:00:01:aa:bb:cc:dd:ee:ff"), 2))
                    .singleElement().extracting(Lease6::prefixLength).isEqualTo(56);
        }
    }
}

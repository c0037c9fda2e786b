package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemfileLeaseStore4Test {

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    static final String HEADER =
            "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n";

    @TempDir
    Path directory;

    static Lease4 lease(String address, String hw, long cltt) {
        return Lease4.builder(Lease4.parseAddress(address)).hardwareAddress(Identifier.parseHex(hw))
                .validLifetime(4000).cltt(cltt).subnetId(1).build();
    }

    MemfileLeaseStore4 open(Path file) throws LeaseStoreException {
        return MemfileLeaseStore4.open(MemfileSettings.persistent(file).withLfcInterval(0), CLOCK);
    }

    @Test
    void writesKeaRowsAndReadsThemBack() throws Exception {
        Path file = directory.resolve("kea-leases4.csv");
        Lease4 first = lease("192.0.2.10", "00:0c:01:02:03:04", 1_700_000_000L).toBuilder()
                .clientId(Identifier.parseHex("01:00:0c:01:02:03:04")).hostname("host-a").build();
        Lease4 second = lease("192.0.2.11", "00:0c:01:02:03:05", 1_700_000_100L).toBuilder()
                .fqdnForward(true).fqdnReverse(true).hostname("host-b.example.org")
                .userContext("{ \"note\": \"x, y & z\" }").build();
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.add(first)).isTrue();
            assertThat(store.add(first)).isFalse();
            assertThat(store.add(second)).isTrue();
        }
        assertThat(Files.readString(file)).isEqualTo(HEADER
                + "192.0.2.10,00:0c:01:02:03:04,01:00:0c:01:02:03:04,4000,1700004000,1,0,0,host-a,0,\n"
                + "192.0.2.11,00:0c:01:02:03:05,,4000,1700004100,1,1,1,host-b.example.org,0,"
                + "{ \"note\": \"x&#x2c y &#x26 z\" }\n");
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.getAll()).containsExactly(first, second);
            assertThat(store.getByHardwareAddress(Identifier.parseHex("00:0c:01:02:03:05"))).containsExactly(second);
            assertThat(store.getByClientId(Identifier.parseHex("01:00:0c:01:02:03:04"), 1)).contains(first);
            assertThat(store.loadSummary().rows()).isEqualTo(2);
        }
    }

    @Test
    void deleteWritesZeroLifetimeRowAndLastRowWins() throws Exception {
        Path file = directory.resolve("leases.csv");
        Lease4 original = lease("192.0.2.10", "00:0c:01:02:03:04", 1_700_000_000L);
        Lease4 renewed = original.toBuilder().cltt(1_700_000_500L).hostname("renewed").build();
        try (MemfileLeaseStore4 store = open(file)) {
            store.add(original);
            assertThat(store.update(renewed)).isTrue();
            assertThat(store.delete(original.address())).contains(renewed);
            assertThat(store.delete(original.address())).isEmpty();
            store.add(lease("192.0.2.12", "00:0c:01:02:03:06", 1_700_000_000L));
            store.update(renewed.toBuilder().address(Lease4.parseAddress("192.0.2.13")).build());
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(3)).isEqualTo("192.0.2.10,00:0c:01:02:03:04,,0,1700000500,1,0,0,renewed,0,");
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.get(original.address())).isEmpty();
            assertThat(store.count()).isEqualTo(1);
        }
    }

    @Test
    void tornLastLineIsToleratedCountedAndCutOff() throws Exception {
        Path file = directory.resolve("leases.csv");
        Files.writeString(file, HEADER
                + "192.0.2.10,00:0c:01:02:03:04,,4000,1700004000,1,0,0,,0,\n"
                + "192.0.2.11,00:0c:01:02:03:05,,40", StandardCharsets.UTF_8);
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.loadSummary().tornLastLines()).isEqualTo(1);
            assertThat(store.loadSummary().rowErrors()).isZero();
            assertThat(store.count()).isEqualTo(1);
            store.add(lease("192.0.2.12", "00:0c:01:02:03:06", 1_700_000_000L));
        }
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.loadSummary().tornLastLines()).isZero();
            assertThat(store.loadSummary().rowErrors()).isZero();
            assertThat(store.count()).isEqualTo(2);
        }
    }

    @Test
    void unwritableFileFailsTheWriteAndLeavesMemoryUnchanged() throws Exception {
        // /dev/full is a real file whose every write fails with ENOSPC, as on a full disk
        Path full = Path.of("/dev/full");
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(
                new MemfileSettings(true, full, 0, 0, Durability.WRITE), CLOCK)) {
            Lease4 lost = lease("192.0.2.20", "00:0c:01:02:03:04", 1_700_000_000L);
            assertThatThrownBy(() -> store.add(lost)).isInstanceOf(LeaseStoreException.class)
                    .hasMessageContaining("cannot write lease file");
            assertThat(store.get(lost.address())).isEmpty();
            assertThat(store.getByHardwareAddress(lost.hardwareAddress())).isEmpty();
        }
    }

    @Test
    void inMemoryStoreWritesNoFile() throws Exception {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(MemfileSettings.inMemory(), CLOCK)) {
            store.add(lease("192.0.2.10", "00:0c:01:02:03:04", 1_700_000_000L));
            assertThat(store.count()).isEqualTo(1);
        }
        try (var listing = Files.list(directory)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void refusesToLoadWhileAnotherProcessRunsCleanup() throws Exception {
        Path file = directory.resolve("leases.csv");
        long otherPid = ProcessHandle.current().parent().orElseThrow().pid();
        Files.writeString(directory.resolve("leases.csv.pid"), otherPid + "\n");
        assertThatThrownBy(() -> open(file)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("lease file cleanup is in progress");
        // a stale PID file (no such process) or our own PID does not block loading
        Files.writeString(directory.resolve("leases.csv.pid"), ProcessHandle.current().pid() + "\n");
        open(file).close();
    }

    @Test
    void refusesLeasesKeaCouldNotLoad() throws Exception {
        try (MemfileLeaseStore4 store = open(directory.resolve("leases.csv"))) {
            Lease4 base = lease("192.0.2.10", "00:0c:01:02:03:04", 1_700_000_000L);
            assertThatThrownBy(() -> store.add(base.toBuilder().hardwareAddress(Identifier.EMPTY).build()))
                    .isInstanceOf(LeaseStoreException.class).hasMessageContaining("neither");
            assertThatThrownBy(() -> store.add(base.toBuilder().clientId(Identifier.of(new byte[] {1})).build()))
                    .isInstanceOf(LeaseStoreException.class).hasMessageContaining("client identifier");
            assertThatThrownBy(() -> store.add(base.toBuilder().validLifetime(0).build()))
                    .isInstanceOf(LeaseStoreException.class).hasMessageContaining("deletion");
            assertThat(store.count()).isZero();
            store.add(base.toBuilder().hardwareAddress(Identifier.EMPTY).state(LeaseState.DECLINED).build());
            assertThat(store.count()).isEqualTo(1);
        }
    }

    @Test
    void queriesForTheEngineAndCommands() throws Exception {
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(MemfileSettings.inMemory(), CLOCK)) {
            for (int i = 1; i <= 10; i++) {
                store.add(lease("192.0.2." + i, "00:0c:01:02:03:0" + (i % 3), 1_700_000_000L + i * 100L).toBuilder()
                        .subnetId(i <= 5 ? 1 : 2).hostname(i == 4 ? "Four" : "")
                        .state(i == 7 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT).build());
            }
            assertThat(store.getPage(Lease4.parseAddress("192.0.2.3"), 3)).extracting(Lease4::addressText)
                    .containsExactly("192.0.2.4", "192.0.2.5", "192.0.2.6");
            assertThat(store.getByHostname("four")).extracting(Lease4::addressText).containsExactly("192.0.2.4");
            assertThat(store.getByHardwareAddress(Identifier.parseHex("00:0c:01:02:03:01"), 2))
                    .map(Lease4::addressText).contains("192.0.2.7");
            // expire = cltt + 4000; at now = 1700004450 leases 1..4 have expired; 7 is reclaimed and not listed
            assertThat(store.getExpired(1_700_004_450L, 3)).extracting(Lease4::addressText)
                    .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3");
            assertThat(store.countBySubnetAndState()).containsExactly(
                    new SubnetStateCount(1, LeaseState.DEFAULT, 5), new SubnetStateCount(2, LeaseState.DEFAULT, 4),
                    new SubnetStateCount(2, LeaseState.EXPIRED_RECLAIMED, 1));
            assertThat(store.deleteExpiredReclaimed(1_700_005_000L, 0)).isEqualTo(1);
            assertThat(store.wipeSubnet(2)).isEqualTo(4);
            assertThat(store.getAll()).hasSize(5);
            assertThat(store.wipeAll()).isEqualTo(5);
            assertThat(store.count()).isZero();
        }
    }

    @Test
    void twoStoresOnOneFileNeverOverwriteEachOthersRows() throws Exception {
        // as during a reconfiguration that opens the new store before closing the old one
        Path file = directory.resolve("leases.csv");
        try (MemfileLeaseStore4 first = open(file)) {
            first.add(lease("192.0.2.1", "00:0c:01:02:03:01", 1_700_000_000L));
            try (MemfileLeaseStore4 second = open(file)) {
                first.add(lease("192.0.2.2", "00:0c:01:02:03:02", 1_700_000_000L));
                second.add(lease("192.0.2.3", "00:0c:01:02:03:03", 1_700_000_000L));
                first.add(lease("192.0.2.4", "00:0c:01:02:03:04", 1_700_000_000L));
            }
        }
        try (MemfileLeaseStore4 store = open(file)) {
            assertThat(store.getAll()).extracting(Lease4::addressText)
                    .containsExactly("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4");
            assertThat(store.loadSummary().rowErrors()).isZero();
        }
    }
}

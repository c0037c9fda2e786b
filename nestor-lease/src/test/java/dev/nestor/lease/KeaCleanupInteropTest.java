package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease file cleanup crosses over too: stock kea-lfc compacts files Nestor wrote (then Nestor loads kea-lfc's
 * {@code .2}), and stock kea-dhcp4 loads the {@code .2} plus current file that Nestor's own cleanup left.
 */
class KeaCleanupInteropTest {

    @TempDir
    Path directory;

    static List<Lease4> writeSome(MemfileLeaseStore4 store, int from, int count) throws LeaseStoreException {
        for (int i = from; i < from + count; i++) {
            Lease4 lease = KeaInterop4Test.lease("192.0.2." + i, "00:0c:01:02:03:" + Integer.toHexString(i))
                    .hostname("h" + i + ",x").build();
            store.add(lease);
            if (i % 3 == 0) {
                store.update(lease.toBuilder().cltt(lease.cltt() + 10).build());
            }
            if (i % 4 == 0) {
                store.delete(lease.address());
            }
        }
        return store.getAll();
    }

    @Test
    void keaLfcCompactsNestorFilesAndNestorLoadsTheResult() throws Exception {
        Path lfc = Path.of("/usr/sbin/kea-lfc");
        KeaProcess.assumeAvailable("kea-dhcp4");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(lfc), "kea-lfc is not installed");
        Path file = directory.resolve("kea-leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        List<Lease4> expected;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC())) {
            writeSome(store, 10, 40);
            store.runLeaseFileCleanup();
            expected = writeSome(store, 60, 40);
        }
        // what the server does before spawning kea-lfc: move the current file to .1
        String name = file.toString();
        Files.move(file, Path.of(name + ".1"));
        Process process = new ProcessBuilder(lfc.toString(), "-4", "-x", name + ".2", "-i", name + ".1",
                "-o", name + ".output", "-f", name + ".completed", "-p", name + ".pid", "-c", "ignored")
                .redirectErrorStream(true).redirectOutput(directory.resolve("lfc.out").toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(directory.resolve("lfc.out"))).isZero();
        assertThat(Path.of(name + ".1")).doesNotExist();
        assertThat(Files.readAllLines(Path.of(name + ".2"))).hasSize(1 + expected.size());
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC())) {
            assertThat(store.getAll()).isEqualTo(expected);
            assertThat(store.loadSummary().files()).containsExactly(Path.of(name + ".2"));
        }
    }

    @Test
    void keaDhcp4LoadsWhatNestorCleanupLeft() throws Exception {
        KeaProcess.assumeAvailable("kea-dhcp4");
        Path file = directory.resolve("kea-leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        List<Lease4> expected;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC())) {
            writeSome(store, 10, 40);
            store.runLeaseFileCleanup();
            expected = writeSome(store, 60, 40);
        }
        assertThat(directory.resolve("kea-leases4.csv.2")).exists();
        try (KeaProcess kea = KeaProcess.start("kea-dhcp4", directory, file, KeaInterop4Test.SUBNETS)) {
            String answer = kea.command("{\"command\":\"lease4-get-all\"}");
            assertThat(KeaInterop4Test.leasesOf(answer)).isEqualTo(KeaInterop4Test.expected(expected));
        }
    }
}

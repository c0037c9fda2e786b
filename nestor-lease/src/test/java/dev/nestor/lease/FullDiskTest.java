package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writes that hit a full disk must fail loudly and leave memory as the file says: on a real 64 KiB tmpfs (needs
 * root to mount, else skipped) and on {@code /dev/full}.
 */
class FullDiskTest {

    @TempDir
    Path directory;

    static Lease4 lease(int thread, int i) {
        return Lease4.builder(0x0a000000 | (thread << 16) | i)
                .hardwareAddress(Identifier.of(new byte[] {0, 1, 2, (byte) thread, (byte) (i >> 8), (byte) i}))
                .validLifetime(3600).cltt(1_900_000_000L).subnetId(1).hostname("some-host-name-" + i).build();
    }

    static void run(Process process) throws Exception {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void acknowledgedLeasesAreExactlyThoseInTheFileWhenTheDiskFills(Durability durability) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path mount = directory.resolve("small");
        java.nio.file.Files.createDirectories(mount);
        run(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()).start());
        try {
            Path file = mount.resolve("leases4.csv");
            MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0)
                    .withDurability(durability);
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            Set<Integer> refused = ConcurrentHashMap.newKeySet();
            List<Lease4> inMemory;
            try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK);
                 ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 400; i++) {
                            Lease4 lease = lease(thread, i);
                            try {
                                assertThat(store.add(lease)).isTrue();
                                acknowledged.add(lease.address());
                            } catch (LeaseStoreException error) {
                                assertThat(error).hasMessageContaining("cannot write lease file");
                                refused.add(lease.address());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get(60, TimeUnit.SECONDS);
                }
                inMemory = store.getAll();
                for (int address : refused) {
                    assertThat(store.get(address)).isEmpty();
                }
            }
            assertThat(refused).isNotEmpty();
            assertThat(acknowledged).isNotEmpty();
            assertThat(inMemory).extracting(Lease4::address).containsExactlyInAnyOrderElementsOf(acknowledged);
            try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
                assertThat(store.getAll()).isEqualTo(inMemory);
                assertThat(store.loadSummary().rowErrors()).isZero();
                assertThat(store.loadSummary().tornLastLines()).isZero();
            }
        } finally {
            run(new ProcessBuilder("umount", mount.toString()).start());
        }
    }

    @Test
    void everyWriteToDevFullFailsAndNothingStaysInMemory() throws Exception {
        MemfileSettings settings = new MemfileSettings(true, Path.of("/dev/full"), 0, 0, Durability.GROUP_FSYNC);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            for (int i = 0; i < 20; i++) {
                Lease4 lease = lease(1, i);
                assertThatThrownBy(() -> store.add(lease)).isInstanceOf(LeaseStoreException.class);
            }
            assertThat(store.count()).isZero();
            assertThat(store.getByHardwareAddress(lease(1, 3).hardwareAddress())).isEmpty();
        }
    }

    @Test
    void asyncWriteToDevFullFailsItsFutureAndRevertsMemory() throws Exception {
        MemfileSettings settings = new MemfileSettings(true, Path.of("/dev/full"), 0, 0, Durability.WRITE);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            var future = store.addAsync(lease(2, 1));
            assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(LeaseStoreException.class);
            assertThat(store.get(lease(2, 1).address())).isEmpty();
        }
    }
}

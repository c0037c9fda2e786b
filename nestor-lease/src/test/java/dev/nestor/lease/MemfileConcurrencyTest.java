package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many writers at once, with and without lease file cleanup running: nothing acknowledged may be lost. */
class MemfileConcurrencyTest {

    static final int THREADS = 8;
    static final int PER_THREAD = 1500;

    @TempDir
    Path directory;

    /** Each thread adds its own addresses, renews every second one, deletes every fifth. */
    static void work(LeaseStore4 store, int thread) throws LeaseStoreException {
        for (int i = 0; i < PER_THREAD; i++) {
            int address = 0x0a000000 | (thread << 16) | i;
            Lease4 lease = Lease4.builder(address)
                    .hardwareAddress(Identifier.of(new byte[] {0, 1, 2, (byte) thread, (byte) (i >> 8), (byte) i}))
                    .validLifetime(3600).cltt(1_900_000_000L + i).subnetId(thread + 1).build();
            assertThat(store.add(lease)).isTrue();
            if (i % 2 == 0) {
                assertThat(store.update(lease.toBuilder().cltt(lease.cltt() + 60).hostname("r" + i).build()))
                        .isTrue();
            }
            if (i % 5 == 0) {
                assertThat(store.delete(address)).isPresent();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void everyAcknowledgedWriteIsInTheFileAfterReopen(Durability durability) throws Exception {
        Path file = directory.resolve("leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0).withDurability(durability);
        List<Lease4> before;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK);
             ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    work(store, thread);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
            before = store.getAll();
        }
        assertThat(before).hasSize(THREADS * (PER_THREAD - PER_THREAD / 5));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).isEqualTo(before);
            assertThat(store.loadSummary().rowErrors()).isZero();
        }
    }

    @Test
    void cleanupWhileWritingLosesNothingAndLeavesKeaFileNames() throws Exception {
        Path file = directory.resolve("leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        List<Lease4> before;
        int cleanups = 0;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK);
             ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    work(store, thread);
                    return null;
                }));
            }
            Future<?> all = pool.submit(() -> {
                for (Future<?> future : futures) {
                    future.get();
                }
                running.set(false);
                return null;
            });
            while (running.get() && cleanups < 50) {
                CleanupSummary summary = store.runLeaseFileCleanup();
                assertThat(summary.rotated()).isTrue();
                cleanups++;
            }
            all.get(120, TimeUnit.SECONDS);
            before = store.getAll();
            store.runLeaseFileCleanup();
            cleanups++;
        }
        assertThat(cleanups).isGreaterThan(1);
        assertThat(directory.resolve("leases4.csv.2")).exists();
        for (String gone : List.of(".1", ".output", ".completed", ".pid")) {
            assertThat(directory.resolve("leases4.csv" + gone)).doesNotExist();
        }
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(Files.readAllLines(directory.resolve("leases4.csv.2"))).hasSize(1 + before.size());
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).isEqualTo(before);
        }
    }

    @Test
    void interruptedCleanupIsRecoveredByTheNextOne() throws Exception {
        Path file = directory.resolve("leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        List<Lease4> before;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            work(store, 1);
            store.runLeaseFileCleanup();
            work(store, 2);
            before = store.getAll();
        }
        // as if the server died right after moving the current file aside
        Files.move(file, directory.resolve("leases4.csv.1"));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).isEqualTo(before);
            CleanupSummary summary = store.runLeaseFileCleanup();
            assertThat(summary.rotated()).isFalse();
            assertThat(directory.resolve("leases4.csv.1")).doesNotExist();
        }
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).isEqualTo(before);
        }
    }

    @Test
    void asyncWritesPipelineManyLeasesPerSyncAndAllReachTheFile() throws Exception {
        Path file = directory.resolve("leases4.csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0)
                .withDurability(Durability.GROUP_FSYNC);
        List<Lease4> before;
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            List<java.util.concurrent.CompletableFuture<?>> futures = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                Lease4 lease = Lease4.builder(0x0b000000 + i).hardwareAddress(Identifier.of(new byte[] {9, 9,
                    (byte) (i >> 8), (byte) i})).validLifetime(3600).cltt(1_900_000_000L).subnetId(1).build();
                futures.add(store.addAsync(lease));
                futures.add(store.updateAsync(lease.toBuilder().hostname("a" + i).build()));
                if (i % 7 == 0) {
                    futures.add(store.deleteAsync(lease.address()));
                }
            }
            for (var future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(futures).allMatch(future -> !future.isCompletedExceptionally());
            before = store.getAll();
        }
        assertThat(before).hasSize(3000 - 3000 / 7 - 1);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).isEqualTo(before);
        }
    }
}

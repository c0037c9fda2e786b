package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MemfileLeaseStore4#storedLength()} and the {@link SyncObserver}, on a real file. */
class SyncObserverTest {
    @TempDir
    Path directory;

    private static Lease4 lease(int i) {
        return Lease4.builder(0x0a000100 + i).hardwareAddress(Identifier.of(new byte[] {0, 1, 2, 3, 4, (byte) i}))
                .validLifetime(3600).cltt(1_900_000_000L).subnetId(1).build();
    }

    @Test
    void everySyncIsObservedBeforeItsWritesCompleteAndCoversThem() throws Exception {
        Path file = directory.resolve("leases4.csv");
        List<Long> synced = new CopyOnWriteArrayList<>();
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0)
                .withDurability(Durability.GROUP_FSYNC);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            store.syncObserver(synced::add);
            assertThat(store.add(lease(1))).isTrue();
            long size = Files.size(file);
            assertThat(synced).as("the blocking add waited for a sync of the whole file").contains(size);
            assertThat(store.storedLength()).isEqualTo(size);
            var future = store.updateAsync(lease(1).toBuilder().validLifetime(7200).build());
            assertThat(future.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(store.storedLength()).isEqualTo(Files.size(file)).isGreaterThan(size);
            assertThat(synced.getLast()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void plainWritesNeverSyncButStillReportTheirLength() throws Exception {
        Path file = directory.resolve("leases4.csv");
        List<Long> synced = new CopyOnWriteArrayList<>();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(MemfileSettings.persistent(file).withLfcInterval(0),
                MemfileLeaseStore4Test.CLOCK)) {
            store.syncObserver(synced::add);
            store.add(lease(2));
            assertThat(store.storedLength()).isEqualTo(Files.size(file));
            assertThat(store.durability()).isEqualTo(Durability.WRITE);
        }
        assertThat(synced).isEmpty();
    }
}

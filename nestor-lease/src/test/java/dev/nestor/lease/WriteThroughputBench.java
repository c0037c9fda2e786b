package dev.nestor.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Prints how many lease writes per second a memfile v4 store takes from a pool of worker threads, in each durability
 * mode: each worker adds leases and renews them (the engine's mix of new and renewed leases), bounded in count and
 * time. Prints figures; asserts nothing about time.
 */
public final class WriteThroughputBench {

    private WriteThroughputBench() {
    }

    /** Runs {@code threads} writers for at most {@code seconds} or {@code perThread} leases each. */
    public static String run(Path directory, Durability durability, int threads, int perThread, int seconds)
            throws Exception {
        Path file = directory.resolve("throughput-" + durability + ".csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0).withDurability(durability);
        LongAdder writes = new LongAdder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC());
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread && System.nanoTime() < deadline; i++) {
                        int address = 0x0a000000 | (thread << 18) | i;
                        Lease4 lease = Lease4.builder(address)
                                .hardwareAddress(Identifier.of(new byte[] {0, 0x16, 0x3e, (byte) thread,
                                    (byte) (i >> 8), (byte) i}))
                                .validLifetime(3600).cltt(1_900_000_000L).subnetId(1).build();
                        store.add(lease);
                        store.update(lease.toBuilder().cltt(1_900_000_060L).build());
                        writes.add(2);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(seconds + 60L, TimeUnit.SECONDS);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return String.format("%s: %d writes by %d threads in %.2f s = %.0f writes/s", durability, writes.sum(),
                threads, elapsed, writes.sum() / elapsed);
    }

    /**
     * Like {@link #run}, but each worker keeps up to {@code inFlight} async writes outstanding, as an engine that
     * parks replies until their lease is stored would.
     */
    public static String runAsync(Path directory, Durability durability, int threads, int perThread, int inFlight,
                                  int seconds) throws Exception {
        Path file = directory.resolve("throughput-async-" + durability + ".csv");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0).withDurability(durability);
        LongAdder writes = new LongAdder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC());
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    java.util.ArrayDeque<java.util.concurrent.CompletableFuture<Boolean>> window =
                            new java.util.ArrayDeque<>();
                    for (int i = 0; i < perThread && System.nanoTime() < deadline; i++) {
                        int address = 0x0a000000 | (thread << 18) | i;
                        Lease4 lease = Lease4.builder(address)
                                .hardwareAddress(Identifier.of(new byte[] {0, 0x16, 0x3e, (byte) thread,
                                    (byte) (i >> 8), (byte) i}))
                                .validLifetime(3600).cltt(1_900_000_000L).subnetId(1).build();
                        window.add(store.addAsync(lease));
                        if (window.size() >= inFlight) {
                            window.poll().get();
                        }
                        writes.increment();
                    }
                    for (var pending : window) {
                        pending.get();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(seconds + 60L, TimeUnit.SECONDS);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return String.format("%s async (%d in flight per thread): %d writes by %d threads in %.2f s = %.0f writes/s",
                durability, inFlight, writes.sum(), threads, elapsed, writes.sum() / elapsed);
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("nestor-lease-throughput");
        try {
            for (Durability durability : Durability.values()) {
                System.out.println(run(directory, durability, 8, 50_000, 10));
            }
            System.out.println(runAsync(directory, Durability.GROUP_FSYNC, 8, 100_000, 32, 10));
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

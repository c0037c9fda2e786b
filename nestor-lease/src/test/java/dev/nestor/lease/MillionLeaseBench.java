package dev.nestor.lease;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Loads a lease file of a million realistic leases (6-byte hardware address, 7-byte client id, a host name) and
 * prints the load time and the heap held per lease. Run with
 * {@code java -cp ... dev.nestor.lease.MillionLeaseBench [count]} or through {@code MillionLeaseBenchTest}
 * ({@code -Dnestor.bench=true}). Prints figures; asserts nothing about time.
 */
public final class MillionLeaseBench {

    private MillionLeaseBench() {
    }

    /** Writes {@code count} v4 leases (10.x.y.z, one row each, Kea 2.2 format). */
    static void writeFile(Path file, int count) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(CsvSchema.V4.headerLine.getBytes(StandardCharsets.US_ASCII));
            StringBuilder row = new StringBuilder(128);
            for (int i = 0; i < count; i++) {
                int address = 0x0a000000 + i;
                byte[] hw = {0x00, 0x16, 0x3e, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
                byte[] clientId = new byte[7];
                clientId[0] = 1;
                System.arraycopy(hw, 0, clientId, 1, 6);
                Lease4 lease = Lease4.builder(address).hardwareAddress(Identifier.of(hw))
                        .clientId(Identifier.of(clientId)).validLifetime(86400).cltt(1_900_000_000L + (i % 86400))
                        .subnetId(1 + (i >>> 16)).hostname("host-" + i + ".example.org").build();
                row.setLength(0);
                Lease4Csv.append(row, lease, false);
                out.write(row.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    static long gcMillis() {
        long total = 0;
        for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, bean.getCollectionTime());
        }
        return total;
    }

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** One load so the measured one runs compiled code, as a long-running server would. */
    private static void warmUp(MemfileSettings settings) throws LeaseStoreException {
        try (MemfileLeaseStore4 warm = MemfileLeaseStore4.open(settings, Clock.systemUTC())) {
            warm.count();
        }
    }

    /** Loads {@code count} leases and returns a one-line report. */
    public static String run(Path directory, int count) throws IOException, LeaseStoreException {
        Path file = directory.resolve("kea-leases4.csv");
        writeFile(file, count);
        long fileBytes = Files.size(file);
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        warmUp(settings);
        long heapBefore = usedHeap();
        // wall time depends on what else the machine runs; the loading thread's CPU time and GC time do less
        long gcBefore = gcMillis();
        long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, Clock.systemUTC());
        long nanos = System.nanoTime() - start;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
        long gc = gcMillis() - gcBefore;
        long processCpu = os.getProcessCpuTime() - processCpuBefore;
        long heapAfter = usedHeap();
        long leases = store.count();
        String report = String.format("loaded %d leases (%d MB file) in %d ms wall; CPU: %d ms reading thread,"
                        + " %d ms whole process (inserter, GC, JIT included), %d ms GC; heap %.1f bytes/lease"
                        + " (used heap %d MB -> %d MB)", leases, fileBytes >> 20, nanos / 1_000_000, cpu / 1_000_000,
                processCpu / 1_000_000, gc, (heapAfter - heapBefore) / (double) leases, heapBefore >> 20,
                heapAfter >> 20);
        store.close();
        return report;
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path directory = Files.createTempDirectory("nestor-lease-bench");
        try {
            System.out.println(run(directory, count));
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}

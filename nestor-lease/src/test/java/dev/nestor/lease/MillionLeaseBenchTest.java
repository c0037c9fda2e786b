package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints the million-lease load figures and write throughput; runs only with {@code -Dnestor.bench=true} (it needs ~1 GB heap). */
class MillionLeaseBenchTest {

    @TempDir
    Path directory;

    @Test
    void loadsAMillionLeases() throws Exception {
        assumeTrue(Boolean.getBoolean("nestor.bench"), "benchmark runs only with -Dnestor.bench=true");
        String report = MillionLeaseBench.run(directory, 1_000_000);
        System.out.println("MillionLeaseBench: " + report);
        assertThat(report).startsWith("loaded 1000000 leases");
        for (Durability durability : Durability.values()) {
            String throughput = WriteThroughputBench.run(directory, durability, 8, 50_000, 10);
            System.out.println("WriteThroughputBench: " + throughput);
            assertThat(throughput).contains("writes/s");
        }
        String async = WriteThroughputBench.runAsync(directory, Durability.GROUP_FSYNC, 8, 100_000, 32, 10);
        System.out.println("WriteThroughputBench: " + async);
    }
}

package dev.nestor.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class KeaLoggingTest {

    @AfterEach
    void restoreDefault() {
        KeaLogging.apply("kea-dhcp4", List.of(), false);
    }

    @Test
    void childLoggerInheritsSeverityAndWritesKeaLinesToItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dhcp4.log");
        var out = new KeaLogging.Output(file.toString(), true, 0, 1, "");
        KeaLogging.apply("kea-dhcp4", List.of(new KeaLogging.LoggerSpec("kea-dhcp4", "WARN", 0, List.of(out))), false);

        LoggerFactory.getLogger("kea-dhcp4.dhcp4").info("DHCP4_STARTING not shown at WARN");
        LoggerFactory.getLogger("kea-dhcp4.dhcp4").warn("DHCP4_PACKET_DROP_0001 shown");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[kea-dhcp4\\.dhcp4/\\d+\\..+] DHCP4_PACKET_DROP_0001 shown");
    }

    @Test
    void severityWordsMapAsKeaDefines() {
        assertThat(KeaLogging.levelOf("fatal", 0)).isEqualTo(Level.ERROR);
        assertThat(KeaLogging.levelOf("DEBUG", 0)).isEqualTo(Level.DEBUG);
        assertThat(KeaLogging.levelOf("DEBUG", 99)).isEqualTo(Level.TRACE);
        assertThat(KeaLogging.levelOf("NONE", 0)).isEqualTo(Level.OFF);
        assertThat(KeaLogging.levelOf("bogus", 0)).isEqualTo(Level.INFO);
    }

    @Test
    void rotatesAtMaxSizeKeepingMaxVersions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.log");
        var out = new KeaLogging.Output(file.toString(), true, 1, 2, "%m%n");
        KeaLogging.apply("kea-dhcp4", List.of(new KeaLogging.LoggerSpec("kea-dhcp4", "INFO", 0, List.of(out))), false);
        var log = LoggerFactory.getLogger("kea-dhcp4.leases");
        String line = "x".repeat(1000);
        // the size check runs at most every 100 ms: log until the first rotation shows, bounded in time
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(dir.resolve("r.log.1")) && System.nanoTime() < deadline) {
            for (int i = 0; i < 300; i++) {
                log.info(line);
            }
        }
        assertThat(Files.exists(dir.resolve("r.log.1"))).isTrue();
        assertThat(Files.exists(dir.resolve("r.log.3"))).isFalse();
    }
}

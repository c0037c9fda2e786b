package dev.nestor.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.nestor.config.LoggerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogbackLoggersTest {
    @TempDir
    Path directory;

    @AfterEach
    void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        KeaLog.maxDebugLevel(99);
    }

    @Test
    void writesKeaLinesToAFileAndHonoursSeverityAndDebugLevel() throws Exception {
        Path file = directory.resolve("kea-dhcp4.log");
        assertThat(LogbackLoggers.apply(List.of(
                new LoggerConfig("kea-dhcp4", "DEBUG", 10,
                        List.of(new LoggerConfig.Output(file.toString(), true, 10240000, 1, "")), null),
                new LoggerConfig("kea-dhcp4.bad-packets", "NONE", 0, List.of(), null)))).isTrue();
        KeaLog.log(LogMessage.DHCP4_LEASE_ALLOC, "[hwtype=1 00:0c:01:02:03:04], cid=[no info], tid=0x1",
                "10.0.0.5", 4000);
        KeaLog.log(LogMessage.DHCP4_PACKET_QUEUE_FULL);
        KeaLog.log(LogMessage.DHCP4_BUFFER_RECEIVED, "127.0.0.1", 67, "127.0.0.2", 67, "lo");
        KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0001, "a", "b", "c", "d");
        String text = Files.readString(file);
        assertThat(text).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  "
                + "\\[kea-dhcp4\\.leases/\\d+\\.[^\\]]+\\] DHCP4_LEASE_ALLOC \\[hwtype=1 00:0c:01:02:03:04\\], "
                + "cid=\\[no info\\], tid=0x1: lease 10\\.0\\.0\\.5 has been allocated for 4000 seconds$");
        assertThat(text).contains("DEBUG [kea-dhcp4.packets/").contains("DHCP4_PACKET_QUEUE_FULL");
        assertThat(text).doesNotContain("DHCP4_BUFFER_RECEIVED").doesNotContain("DHCP4_PACKET_DROP_0001");
    }

    @Test
    void rotatesAtMaxSizeKeepingMaxVerFiles() throws Exception {
        Path file = directory.resolve("rotating.log");
        LogbackLoggers.apply(List.of(new LoggerConfig("kea-dhcp4", "INFO", 0,
                List.of(new LoggerConfig.Output(file.toString(), true, 1000, 2, "")), null)));
        String filler = "x".repeat(1000);
        // logback checks the size through an invocation gate, so write until it rotates (bounded)
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < 100_000 && System.nanoTime() < deadline
                && !Files.exists(directory.resolve("rotating.log.2")); i++) {
            KeaLog.log(LogMessage.DHCP4_SERVER_FAILED, filler);
        }
        assertThat(directory.resolve("rotating.log.1")).exists();
        assertThat(directory.resolve("rotating.log.3")).doesNotExist();
    }
}

package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.UnixClient;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.server.stats.StatisticsRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistic sample timestamps are the server's local time in Kea 2.2's format
 * ({@code YYYY-MM-DD HH:MM:SS.ffffff}, no zone), checked against fixed instants and against stock kea-dhcp4
 * run with the same {@code TZ}.
 */
class StatisticTimestampTest {

    private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @TempDir
    Path directory;

    /** The timestamp of {@code name}'s only sample, asked over a real UNIX control socket. */
    private String nestorTimestamp(ZoneId zone, Instant changed, String name) throws Exception {
        StatisticsRegistry statistics = new StatisticsRegistry(Clock.fixed(changed, ZoneOffset.UTC));
        statistics.statistic(name).add(7);
        try (ControlService control = ControlService.builder().statistics(statistics).zone(zone).build()) {
            Path socket = directory.resolve("nestor-" + zone.getId().replace('/', '-') + ".sock");
            control.openUnix(socket, ControlLimits.DEFAULTS);
            String one = UnixClient.send(socket, "{\"command\": \"statistic-get\", \"arguments\": {\"name\": \"" + name + "\"}}");
            String all = UnixClient.send(socket, "{\"command\": \"statistic-get-all\"}");
            String fromOne = timestampOf(one, name);
            assertThat(timestampOf(all, name)).isEqualTo(fromOne);
            return fromOne;
        }
    }

    private static String timestampOf(String answer, String name) throws Exception {
        JsonObject map = (JsonObject) JsonParser.parseStrict(answer, "answer");
        JsonArray samples = (JsonArray) ((JsonObject) map.get("arguments")).get(name);
        return ((JsonString) ((JsonArray) samples.get(0)).get(1)).value();
    }

    @Test
    void printsTheChangeTimeInTheGivenZone() throws Exception {
        Instant changed = Instant.parse("2019-07-30T10:04:28.386Z");
        assertThat(nestorTimestamp(ZoneOffset.UTC, changed, "pkt4-received")).isEqualTo("2019-07-30 10:04:28.386000");
        assertThat(nestorTimestamp(ZoneId.of("Asia/Kolkata"), changed, "pkt4-received"))
                .isEqualTo("2019-07-30 15:34:28.386000");
        // summer time, and the day changing backwards
        assertThat(nestorTimestamp(ZoneId.of("America/New_York"), Instant.parse("2019-07-30T02:00:00.001Z"), "pkt4-sent"))
                .isEqualTo("2019-07-29 22:00:00.001000");
        assertThat(nestorTimestamp(ZoneId.of("America/New_York"), Instant.parse("2019-01-30T02:00:00Z"), "pkt4-sent"))
                .isEqualTo("2019-01-29 21:00:00.000000");
    }

    @Test
    void stockKeaPrintsLocalTimeInTheSameFormat() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "running stock kea-dhcp4 needs root");
        Assumptions.assumeTrue(Files.isExecutable(KEA), "stock kea-dhcp4 is not installed");
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        Path socket = directory.resolve("kea.sock");
        Path config = directory.resolve("kea-dhcp4.json");
        Files.writeString(config, """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [] },
                    "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                    "lease-database": { "type": "memfile", "persist": false },
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ],
                    "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "%s" } ] } ]
                } }
                """.formatted(socket, directory.resolve("kea.log")));
        ProcessBuilder builder = new ProcessBuilder(KEA.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        builder.environment().put("TZ", zone.getId());
        Instant before = Instant.now().minusSeconds(1);
        Process kea = builder.start();
        try {
            String answer = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (answer == null && System.nanoTime() < deadline) {
                assertThat(kea.isAlive()).as("kea-dhcp4 exited: %s", Files.readString(directory.resolve("kea.out"))).isTrue();
                try {
                    answer = Files.exists(socket) ? UnixClient.send(socket, "{\"command\": \"statistic-get-all\"}") : null;
                } catch (java.io.IOException e) {
                    answer = null;
                }
                if (answer == null) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
            assertThat(answer).as("kea-dhcp4 control socket").isNotNull();
            Instant after = Instant.now().plusSeconds(1);
            String kea22 = timestampOf(answer, "pkt4-received");
            assertThat(kea22).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
            // read back in the zone Kea was given, the stamp falls inside the run: Kea prints local time
            Instant keaInstant = LocalDateTime.parse(kea22, KEA_TIME).atZone(zone).toInstant();
            assertThat(keaInstant).isBetween(before, after);
            String nestor = nestorTimestamp(zone, keaInstant, "pkt4-received");
            assertThat(nestor).hasSameSizeAs(kea22).startsWith(kea22.substring(0, 23));
        } finally {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

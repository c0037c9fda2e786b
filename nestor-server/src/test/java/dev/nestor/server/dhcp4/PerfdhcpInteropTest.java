package dev.nestor.server.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.lease.Durability;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock perfdhcp (relay mode) against Nestor on 127.0.2.4:67, perfdhcp on 127.0.2.5:67. Needs root and perfdhcp;
 * skipped otherwise.
 */
class PerfdhcpInteropTest {
    private static final String SERVER = "127.0.2.4";
    private static final String RELAY = "127.0.2.5";

    @TempDir
    Path directory;

    @BeforeAll
    static void requireRootAndPerfdhcp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root: perfdhcp binds port 67");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/perfdhcp")), "stock perfdhcp not installed");
        for (String address : List.of(SERVER, RELAY)) {
            Process add = new ProcessBuilder("ip", "addr", "add", address + "/8", "dev", "lo")
                    .redirectErrorStream(true).start();
            add.getInputStream().readAllBytes();
            add.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Dhcp4Config config(Path leases) throws Exception {
        String text = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/%s" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s", "lfc-interval": 0 },
                  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": 2,
                                       "packet-queue-size": 8192 },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.0/8" } ],
                      "relay": { "ip-addresses": [ "%s" ] },
                      "option-data": [ { "name": "routers", "data": "10.0.0.1" } ] } ]
                } }
                """.formatted(SERVER, leases, RELAY);
        return ConfigLoader.parseDhcp4(text, "perfdhcp-test.json", directory).config();
    }

    private static String perfdhcp(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/perfdhcp", "-4", "-l", RELAY));
        command.addAll(List.of(args));
        command.add(SERVER);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("perfdhcp did not finish");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static List<Long> numbers(String output, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + ": ([0-9]+)").matcher(output);
        List<Long> values = new java.util.ArrayList<>();
        while (matcher.find()) {
            values.add(Long.parseLong(matcher.group(1)));
        }
        return values;
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void tenThousandClientsGetUniqueAddressesWithoutDropsAndKeepThemAfterRestart(Durability durability)
            throws Exception {
        Path leases = directory.resolve("leases4.csv");
        Dhcp4Config config = config(leases);
        long leaseCount;
        try (Dhcp4Service service = Dhcp4Service.start(config, Ports.standard(), durability,
                Clock.systemUTC())) {
            String output = perfdhcp("-r", "1000", "-R", "10000", "-n", "10000", "-p", "30", "-W", "2000000", "-u");
            var statistics = service.server().statistics();
            String diagnostics = output + "\nserver: received " + statistics.value("pkt4-received") + ", receive-drop "
                    + statistics.value("pkt4-receive-drop") + ", offers " + statistics.value("pkt4-offer-sent")
                    + ", acks " + statistics.value("pkt4-ack-sent");
            assertThat(numbers(output, "non unique addresses")).as(diagnostics).containsExactly(0L, 0L);
            assertThat(numbers(output, "sent packets")).as(diagnostics).containsExactly(10000L, 10000L);
            assertThat(numbers(output, "drops")).as(diagnostics).containsExactly(0L, 0L);
            assertThat(service.server().statistics().value("pkt4-ack-sent")).isEqualTo(10000);
            assertThat(service.server().statistics().value("subnet[1].assigned-addresses")).isEqualTo(10000);
            leaseCount = service.server().leaseStore().count();
        }
        assertThat(leaseCount).isEqualTo(10000);
        try (MemfileLeaseStore4 reopened = MemfileLeaseStore4.open(MemfileSettings.persistent(leases),
                Clock.systemUTC())) {
            assertThat(reopened.count()).isEqualTo(10000);
        }
    }
}

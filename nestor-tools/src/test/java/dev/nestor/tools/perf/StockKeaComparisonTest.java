package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nestor perf} and stock perfdhcp 2.2, with the same settings, one after the other, each
 * against a freshly started stock kea-dhcp4 on loopback (relay mode on port 67 of 127.0.5.x, so
 * root is needed): the counts must agree within noise and the report must have the same labels in
 * the same order. Skipped without root or without the Kea binaries.
 */
class StockKeaComparisonTest {

    private static final String SERVER = "127.0.5.10";
    private static final String RELAY = "127.0.5.11";
    private static final String SECOND_SERVER = "127.0.5.12";
    private static final Path KEA = Path.of("/usr/sbin/kea-dhcp4");
    private static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
    private static final Pattern RATE = Pattern.compile("Rate: ([0-9.e+]+) ");

    @TempDir
    Path temporary;

    @BeforeAll
    static void requireRootAndKea() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(KEA) && Files.isExecutable(PERFDHCP),
                "stock kea-dhcp4 and perfdhcp are not installed: comparison skipped");
        assumeTrue("0".equals(output("id", "-u").strip()), "not root (port 67, loopback aliases): comparison skipped");
        for (String address : List.of(SERVER, RELAY, SECOND_SERVER)) {
            // "File exists" when the alias is already there
            output("ip", "addr", "add", address + "/8", "dev", "lo");
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return text;
    }

    /** A fresh kea-dhcp4 answering relayed traffic from {@link #RELAY}, with an in-memory lease store. */
    private Process startKea(String name) throws IOException, InterruptedException {
        return startKea(name, SERVER);
    }

    private Process startKea(String name, String server) throws IOException, InterruptedException {
        Path directory = Files.createDirectories(temporary.resolve(name));
        Path config = directory.resolve("kea-dhcp4.json");
        Files.writeString(config, """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/%s" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.55.0.0/16",
                                 "pools": [ { "pool": "10.55.0.10-10.55.255.200" } ],
                                 "relay": { "ip-addresses": [ "%s" ] } } ],
                  "loggers": [ { "name": "kea-dhcp4", "output_options": [ { "output": "stdout" } ],
                                 "severity": "INFO" } ]
                } }
                """.formatted(server, RELAY));
        ProcessBuilder builder = new ProcessBuilder(KEA.toString(), "-c", config.toString()).redirectErrorStream(true);
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOGGER_DESTINATION", "stdout");
        Process kea = builder.start();
        CountDownLatch started = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(kea.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains("DHCP4_STARTED")) {
                        started.countDown();
                    }
                }
            } catch (IOException ended) {
                // Kea stopped
            }
        });
        if (!started.await(15, TimeUnit.SECONDS)) {
            kea.destroyForcibly();
            throw new IllegalStateException("kea-dhcp4 did not start");
        }
        return kea;
    }

    private static void stop(Process kea) throws InterruptedException {
        kea.destroy();
        if (!kea.waitFor(10, TimeUnit.SECONDS)) {
            kea.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Run(int exitCode, String out) {
        long value(String block, String label) {
            return new PerfClientEndToEndTest.Outcome(exitCode, out, "").value(block, label);
        }

        double rate() {
            Matcher matcher = RATE.matcher(out);
            assertThat(matcher.find()).as(out).isTrue();
            return Double.parseDouble(matcher.group(1));
        }

        /** The report's labels in order, numbers dropped (the first, "Running:" line differs by program name). */
        List<String> labels() {
            List<String> labels = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("Running:")) {
                    continue;
                }
                int colon = line.indexOf(':');
                labels.add(colon >= 0 ? line.substring(0, colon + 1) : line.replaceAll("[0-9.]+", "N"));
            }
            return labels;
        }
    }

    private Run perfdhcp(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PERFDHCP.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private static Run nestor(List<String> args) {
        PerfClientEndToEndTest.Outcome outcome = PerfClientEndToEndTest.run(args.toArray(String[]::new));
        assertThat(outcome.err()).isEmpty();
        return new Run(outcome.exitCode(), outcome.out());
    }

    /** Runs both tools, each against a fresh Kea. */
    private List<Run> both(List<String> args) throws IOException, InterruptedException {
        Process kea = startKea("kea-for-perfdhcp");
        Run stock;
        try {
            stock = perfdhcp(args);
        } finally {
            stop(kea);
        }
        kea = startKea("kea-for-nestor");
        Run ours;
        try {
            ours = nestor(args);
        } finally {
            stop(kea);
        }
        System.out.println("perfdhcp    " + String.join(" ", args) + " -> exit " + stock.exitCode() + ", " + summary(stock));
        System.out.println("nestor perf " + String.join(" ", args) + " -> exit " + ours.exitCode() + ", " + summary(ours));
        return List.of(stock, ours);
    }

    private static String summary(Run run) {
        StringBuilder text = new StringBuilder("rate " + run.rate());
        for (String block : List.of("DISCOVER-OFFER", "REQUEST-ACK")) {
            if (run.out().contains("***Statistics for: " + block + "***")) {
                text.append("; ").append(block).append(" sent ").append(run.value(block, "sent packets"))
                        .append(" received ").append(run.value(block, "received packets"))
                        .append(" non-unique ").append(run.value(block, "non unique addresses"));
            }
        }
        return text.toString();
    }

    private static void assertClose(long stock, long ours, double tolerance, String what) {
        assertThat((double) ours).as("%s: perfdhcp %d, nestor perf %d", what, stock, ours)
                .isBetween(stock * (1 - tolerance) - 2, stock * (1 + tolerance) + 2);
    }

    @Test
    void fourWayExchangesAtTwoHundredPerSecond() throws IOException, InterruptedException {
        List<Run> runs = both(List.of("-4", "-r", "200", "-p", "5", "-R", "500", "-l", RELAY, SERVER));
        Run stock = runs.get(0);
        Run ours = runs.get(1);

        for (String block : List.of("DISCOVER-OFFER", "REQUEST-ACK")) {
            assertClose(stock.value(block, "sent packets"), ours.value(block, "sent packets"), 0.05, block + " sent");
            assertClose(stock.value(block, "received packets"), ours.value(block, "received packets"), 0.05,
                    block + " received");
            assertThat(ours.value(block, "received packets")).isGreaterThanOrEqualTo(ours.value(block, "sent packets") * 95 / 100);
        }
        assertThat(ours.rate()).isBetween(stock.rate() * 0.85, stock.rate() * 1.15);
        assertThat(ours.labels()).isEqualTo(stock.labels());
    }

    @Test
    void uniquenessCheckWithRepeatingClients() throws IOException, InterruptedException {
        List<Run> runs = both(List.of("-4", "-u", "-r", "200", "-p", "2", "-R", "100", "-x", "e", "-l", RELAY, SERVER));
        Run stock = runs.get(0);
        Run ours = runs.get(1);

        for (Run run : runs) {
            // 100 clients, each keeps its lease: every ACK after the first 100 repeats an address
            assertThat(run.value("REQUEST-ACK", "non unique addresses")).as(run.out())
                    .isEqualTo(run.value("REQUEST-ACK", "received packets") - 100);
        }
        assertClose(stock.value("DISCOVER-OFFER", "non unique addresses"),
                ours.value("DISCOVER-OFFER", "non unique addresses"), 0.05, "non unique");
        assertThat(ours.labels()).isEqualTo(stock.labels());
        assertThat(ours.out()).contains("reached test-period.\n");
    }

    @Test
    void twoServersEachSeeEveryPacketAsFromARelayWithTwoHelpers() throws IOException, InterruptedException {
        Process first = startKea("kea-first");
        Process second = null;
        PerfClientEndToEndTest.Outcome outcome;
        Path json = temporary.resolve("two-servers.json");
        try {
            second = startKea("kea-second", SECOND_SERVER);
            outcome = PerfClientEndToEndTest.run("-4", "-r", "100", "-n", "200", "-n", "200", "-R", "200", "-W", "3000000",
                    "-p", "30", "-l", RELAY, "--servers", SERVER + "," + SECOND_SERVER, "--json", json.toString());
        } finally {
            stop(first);
            if (second != null) {
                stop(second);
            }
        }
        System.out.println("two stock Keas: " + Files.readString(json).replaceAll("\\s+", " "));
        String report = Files.readString(json);
        // both servers offer; the REQUEST names one server-id, so only that server acknowledges
        assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isEqualTo(200);
        assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(200);
        // the slower server's OFFERs are orphans; its last few may arrive after the final ACK ends the run
        assertThat(outcome.value("DISCOVER-OFFER", "orphans")).isBetween(190L, 200L);
        assertThat(outcome.value("REQUEST-ACK", "received packets")).isEqualTo(200);
        assertThat(outcome.value("REQUEST-ACK", "orphans")).isZero();
        assertThat(report).contains("\"address\": \"" + SERVER + "\"", "\"address\": \"" + SECOND_SERVER + "\"")
                .contains("{ \"name\": \"DISCOVER-OFFER\", \"sent\": 200, \"received\": 200 }, "
                        + "{ \"name\": \"REQUEST-ACK\", \"sent\": 200, \"received\": ");
        assertThat(outcome.exitCode()).isZero();
    }

    @Test
    void discoverOfferOnly() throws IOException, InterruptedException {
        List<Run> runs = both(List.of("-4", "-i", "-r", "300", "-p", "2", "-R", "1000", "-l", RELAY, SERVER));
        Run stock = runs.get(0);
        Run ours = runs.get(1);

        assertClose(stock.value("DISCOVER-OFFER", "sent packets"), ours.value("DISCOVER-OFFER", "sent packets"), 0.05,
                "sent");
        assertClose(stock.value("DISCOVER-OFFER", "received packets"), ours.value("DISCOVER-OFFER", "received packets"),
                0.05, "received");
        assertThat(ours.rate()).isBetween(stock.rate() * 0.85, stock.rate() * 1.15);
        assertThat(ours.labels()).isEqualTo(stock.labels());
    }
}

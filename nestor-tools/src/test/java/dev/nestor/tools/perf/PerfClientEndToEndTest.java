package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the load client against {@link TinyDhcp4Responder} on loopback (free ports, no root) and
 * checks that what it counts is what the responder did: sent, received, drops, orphans,
 * malformed packets, non-unique addresses, the relay fields and the multi-server counters.
 * Every run is bounded by {@code -n} and {@code -p}.
 */
class PerfClientEndToEndTest {

    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    Path temporary;

    /** The output, error output and exit code of one run. */
    record Outcome(int exitCode, String out, String err) {
        long value(String blockName, String label) {
            int block = out.indexOf("***Statistics for: " + blockName + "***");
            assertThat(block).as("block %s in%n%s", blockName, out).isGreaterThanOrEqualTo(0);
            int line = out.indexOf("\n" + label + ": ", block);
            int start = line + label.length() + 3;
            int end = out.indexOf('\n', start);
            return Long.parseLong(out.substring(start, end).strip());
        }
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PerfClient.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static int freePort(InetAddress address) throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(address, 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /** Client arguments for a relay on 127.0.0.1 at a free port towards the responder's port. */
    static List<String> clientArgs(int serverPort, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("-4", "-l", "127.0.0.1", "-L",
                Integer.toString(freePort(LOOPBACK)), "-N", Integer.toString(serverPort)));
        args.addAll(List.of(more));
        return args;
    }

    /** Waits (bounded) until a responder counter reaches {@code expected}: its thread may still be reading. */
    static void awaitCount(java.util.concurrent.atomic.AtomicLong counter, long expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counter.get() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(counter.get()).isEqualTo(expected);
    }

    @Test
    void aPerfectServerAnswersEveryExchangeAndTheExitCodeIsZero() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            List<String> args = clientArgs(responder.port(), "-r", "2000", "-n", "300", "-n", "300", "-R", "100",
                    "-W", "3000000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
            assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isEqualTo(300);
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(300);
            assertThat(outcome.value("REQUEST-ACK", "sent packets")).isEqualTo(300);
            assertThat(outcome.value("REQUEST-ACK", "received packets")).isEqualTo(300);
            assertThat(outcome.value("REQUEST-ACK", "drops")).isZero();
            assertThat(responder.discovers.get()).isEqualTo(300);
            assertThat(responder.requests.get()).isEqualTo(300);
            assertThat(responder.lastHops).isEqualTo(1);
            assertThat(responder.lastRelayAddress).isEqualTo(PerfEngine.toInt(LOOPBACK));
            assertThat(outcome.out()).startsWith("Running: nestor perf -4 -l 127.0.0.1 -L ")
                    .contains("Scenario: basic.\n", "***Rate statistics***\n", "expected rate: 2000\n\n",
                            "Malformed packets: 0\n", "drops ratio: 0 %\n", "drops ratio: 0.000 %\n");
        }
    }

    @Test
    void ignoredDiscoversAreCountedAsDropsAndGiveExitCodeThree() throws IOException {
        TinyDhcp4Responder.Behaviour everyTenth = new TinyDhcp4Responder.Behaviour(10, 0, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, everyTenth)) {
            List<String> args = clientArgs(responder.port(), "-r", "2000", "-n", "200", "-R", "50",
                    "-W", "1500000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isEqualTo(200);
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(180);
            assertThat(outcome.value("DISCOVER-OFFER", "drops")).isEqualTo(20);
            assertThat(outcome.out()).contains("drops ratio: 10 %\n");
            assertThat(outcome.value("REQUEST-ACK", "sent packets")).isEqualTo(180);
            assertThat(outcome.value("REQUEST-ACK", "received packets")).isEqualTo(180);
        }
    }

    @Test
    void aPlantedDuplicateAddressIsReportedWithMinusU() throws IOException {
        TinyDhcp4Responder.Behaviour duplicate = new TinyDhcp4Responder.Behaviour(0, 7, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, duplicate)) {
            List<String> args = clientArgs(responder.port(), "-u", "-r", "1000", "-n", "50", "-n", "50", "-R", "50",
                    "-W", "3000000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(50);
            assertThat(outcome.value("DISCOVER-OFFER", "non unique addresses")).isEqualTo(1);
            assertThat(outcome.value("REQUEST-ACK", "non unique addresses")).isEqualTo(1);
        }
    }

    @Test
    void withoutMinusUDuplicatesAreNotChecked() throws IOException {
        TinyDhcp4Responder.Behaviour duplicate = new TinyDhcp4Responder.Behaviour(0, 7, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, duplicate)) {
            List<String> args = clientArgs(responder.port(), "-r", "1000", "-n", "20", "-n", "20", "-R", "20",
                    "-W", "3000000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("DISCOVER-OFFER", "non unique addresses")).isZero();
        }
    }

    @Test
    void duplicatedRepliesAreOrphansAndGarbageIsMalformed() throws IOException {
        TinyDhcp4Responder.Behaviour faults = new TinyDhcp4Responder.Behaviour(0, 0, 10, 25);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, faults)) {
            // 95 exchanges: the faults planted up to the 90th reply arrive before the last reply ends the wait
            List<String> args = clientArgs(responder.port(), "-i", "-r", "1000", "-n", "95", "-R", "100",
                    "-W", "2000000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(95);
            assertThat(outcome.value("DISCOVER-OFFER", "orphans")).isEqualTo(9);
            assertThat(outcome.out()).contains("Malformed packets: 3\n")
                    .contains("DISCOVER-OFFER/second, expected rate: 1000")
                    .doesNotContain("REQUEST-ACK");
            assertThat(responder.requests.get()).isZero();
            assertThat(outcome.exitCode()).isZero();
        }
    }

    @Test
    void preloadedExchangesAreUntrackedAndTheirRepliesAreOrphans() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            List<String> args = clientArgs(responder.port(), "-i", "-P", "5", "-r", "1000", "-n", "20",
                    "-W", "500000", "-p", "20", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isEqualTo(20);
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(20);
            assertThat(outcome.value("DISCOVER-OFFER", "orphans")).isEqualTo(5);
            assertThat(responder.discovers.get()).isEqualTo(25);
        }
    }

    @Test
    void theElapsedTimeRampSetsSecsInsideItsWindow() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            List<String> args = clientArgs(responder.port(), "-i", "-Y", "0", "-y", "30", "-r", "100", "-p", "2",
                    "-W", "300000", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isPositive();
            // second 0 of the window carries secs 1, second 1 carries 2
            assertThat(responder.maximumSecs.get()).isBetween(1L, 3L);
        }
    }

    @Test
    void maximumDropsEndTheTest() throws IOException {
        TinyDhcp4Responder.Behaviour silent = new TinyDhcp4Responder.Behaviour(1, 0, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, silent)) {
            List<String> args = clientArgs(responder.port(), "-D", "5", "-x", "e", "-r", "1000", "-p", "20",
                    "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.value("DISCOVER-OFFER", "drops")).isEqualTo(5);
            assertThat(outcome.out()).contains("Reached maximum drops number.\n")
                    .contains("min delay: inf ms\navg delay: min delay: n/a\n")
                    .contains("drops ratio: -nan %\n")
                    .endsWith("Interrupted\n");
        }
    }

    @Test
    void everyPacketGoesToEachServerAndPerServerCountersAreInTheJsonReport() throws IOException {
        InetAddress second = InetAddress.ofLiteral("127.0.0.3");
        TinyDhcp4Responder active = null;
        TinyDhcp4Responder standby = null;
        try {
            for (int attempt = 0; attempt < 20 && standby == null; attempt++) {
                active = new TinyDhcp4Responder(InetAddress.ofLiteral("127.0.0.2"), TinyDhcp4Responder.Behaviour.perfect());
                try {
                    standby = new TinyDhcp4Responder(second, new TinyDhcp4Responder.Behaviour(1, 0, 0, 0), active.port());
                } catch (IOException portTaken) {
                    active.close();
                    active = null;
                }
            }
            assertThat(standby).as("two responders on one port").isNotNull();
            Path json = temporary.resolve("report.json");
            List<String> args = clientArgs(active.port(), "-r", "1000", "-n", "100", "-n", "100", "-R", "100",
                    "-W", "3000000", "-p", "20", "--servers", "127.0.0.2,127.0.0.3", "--json", json.toString());
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
            assertThat(active.discovers.get()).isEqualTo(100);
            awaitCount(standby.discovers, 100);
            awaitCount(standby.requests, 100);
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(100);
            String report = Files.readString(json);
            assertThat(report).contains("\"address\": \"127.0.0.2\"", "\"address\": \"127.0.0.3\"")
                    .contains("{ \"name\": \"DISCOVER-OFFER\", \"sent\": 100, \"received\": 100 }")
                    .contains("{ \"name\": \"DISCOVER-OFFER\", \"sent\": 100, \"received\": 0 }")
                    .contains("\"exit-code\": 0");
        } finally {
            if (active != null) {
                active.close();
            }
            if (standby != null) {
                standby.close();
            }
        }
    }

    @Test
    void avalancheRetriesUntilEveryClientIsServed() throws IOException {
        TinyDhcp4Responder.Behaviour everyThird = new TinyDhcp4Responder.Behaviour(3, 0, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, everyThird)) {
            List<String> args = clientArgs(responder.port(), "--scenario", "avalanche", "-R", "30", "-s", "7",
                    "-p", "60", "127.0.0.1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.out()).contains("Scenario: avalanche.\n", "to provision 30 clients. \n",
                    "Responses received: 60\n");
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isEqualTo(30);
            assertThat(outcome.value("REQUEST-ACK", "received packets")).isEqualTo(30);
            assertThat(responder.discovers.get()).isGreaterThan(30);
            assertThat(outcome.out()).contains("Requests resent: " + (responder.discovers.get() - 30) + "\n");
        }
    }

    static int freePort6() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            probe.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    static List<String> clientArgs6(int serverPort, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("-6", "-l", "::1", "-L", Integer.toString(freePort6()), "-N",
                Integer.toString(serverPort)));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void relayedSolicitAdvertiseRequestReply() throws IOException {
        try (TinyDhcp6Responder responder = new TinyDhcp6Responder(0)) {
            List<String> args = clientArgs6(responder.port(), "-A", "1", "-r", "1000", "-n", "100", "-n", "100",
                    "-R", "50", "-u", "-W", "3000000", "-p", "20", "::1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
            assertThat(outcome.value("SOLICIT-ADVERTISE", "sent packets")).isEqualTo(100);
            assertThat(outcome.value("SOLICIT-ADVERTISE", "received packets")).isEqualTo(100);
            assertThat(outcome.value("REQUEST-REPLY", "received packets")).isEqualTo(100);
            assertThat(outcome.value("REQUEST-REPLY", "rejected leases")).isZero();
            assertThat(outcome.value("REQUEST-REPLY", "non unique addresses")).isZero();
            assertThat(responder.relayed.get()).isEqualTo(200);
        }
    }

    @Test
    void v6ErrorStatusesAreRejectedLeases() throws IOException {
        try (TinyDhcp6Responder responder = new TinyDhcp6Responder(4)) {
            List<String> args = clientArgs6(responder.port(), "-r", "1000", "-n", "40", "-n", "40", "-R", "40",
                    "-W", "3000000", "-p", "20", "::1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.value("REQUEST-REPLY", "received packets")).isEqualTo(40);
            assertThat(outcome.value("REQUEST-REPLY", "rejected leases")).isEqualTo(10);
            assertThat(responder.relayed.get()).isZero();
        }
    }

    @Test
    void v6RapidCommitCountsTheReplyAsTheAnswer() throws IOException {
        try (TinyDhcp6Responder responder = new TinyDhcp6Responder(0)) {
            List<String> args = clientArgs6(responder.port(), "-i", "-c", "-Y", "0", "-y", "30", "-r", "1000",
                    "-n", "30", "-W", "500000", "-p", "20", "::1");
            Outcome outcome = run(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.value("SOLICIT-ADVERTISE", "received packets")).isEqualTo(30);
            assertThat(outcome.out()).contains("Solicit-Reply/second").doesNotContain("REQUEST-REPLY");
            assertThat(responder.requests.get()).isZero();
            // elapsed-time is in hundredths: second 0 of the ramp sends 100
            assertThat(responder.maximumElapsed.get()).isIn(100L, 200L);
        }
    }

    @Test
    void periodicReportsInBothLayouts() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            Outcome plain = run(clientArgs(responder.port(), "-t", "1", "-r", "50", "-p", "2", "127.0.0.1")
                    .toArray(String[]::new));
            Outcome separated = run(clientArgs(responder.port(), "-i", "-t", "1", "-C", ";", "-r", "50", "-p", "2",
                    "127.0.0.1").toArray(String[]::new));

            assertThat(plain.out()).containsPattern("\nsent: \\d+/\\d+; received: \\d+/\\d+; drops: \\d+/\\d+; "
                    + "rejected: 0/0\n");
            assertThat(separated.out()).doesNotContain("Running:").containsPattern("(?m)^\\d+;\\d+;\\d+;0$");
        }
    }

    @Test
    void leaseTimestampAndServerIdDiagnostics() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            Outcome outcome = run(clientArgs(responder.port(), "-x", "lst", "-n", "1", "-n", "1", "-W", "3000000",
                    "127.0.0.1").toArray(String[]::new));

            // the responder does not echo option 61, so the client_id column is empty
            assertThat(outcome.out()).contains("***Leases for REQUEST-ACK***\nclient_id,adrress,prefix\n,10.9.0.10,\n")
                    .contains("Server id: 7f000001\n")
                    .containsPattern("\\*\\*\\*Timestamps for packets: DISCOVER-OFFER\\*\\*\\*\nsent / received: "
                            + "\\d{6}\\.\\d{6} / \\d{6}\\.\\d{6}\n");
        }
    }

    @Test
    void repliesLaterThanTheDropTimeAreCollectedAndOrphaned() throws IOException {
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            // a loopback round trip takes far longer than one microsecond
            Outcome outcome = run(clientArgs(responder.port(), "-i", "-d", "0.000001", "-r", "500", "-n", "20",
                    "-W", "500000", "127.0.0.1").toArray(String[]::new));

            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.value("DISCOVER-OFFER", "received packets")).isZero();
            assertThat(outcome.value("DISCOVER-OFFER", "orphans")).isEqualTo(20);
            assertThat(outcome.value("DISCOVER-OFFER", "collected packets")).isEqualTo(20);
        }
    }

    @Test
    void aDropPercentageEndsTheTest() throws IOException {
        TinyDhcp4Responder.Behaviour everySecond = new TinyDhcp4Responder.Behaviour(2, 0, 0, 0);
        try (TinyDhcp4Responder responder = new TinyDhcp4Responder(LOOPBACK, everySecond)) {
            Outcome outcome = run(clientArgs(responder.port(), "-i", "-D", "40%", "-x", "e", "-r", "200", "-n", "1000",
                    "-p", "20", "127.0.0.1").toArray(String[]::new));

            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.out()).contains("Reached maximum percentage of drops.\n");
            assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isBetween(11L, 999L);
        }
    }

    @Test
    void aServerThatIsNotListeningGivesDropsNotAnError() throws IOException {
        List<String> args = clientArgs(freePort(LOOPBACK), "-r", "200", "-n", "20", "-W", "200000", "-p", "20",
                "127.0.0.1");
        Outcome outcome = run(args.toArray(String[]::new));

        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.value("DISCOVER-OFFER", "sent packets")).isEqualTo(20);
        assertThat(outcome.value("DISCOVER-OFFER", "drops")).isEqualTo(20);
    }

    @Test
    void aBadCommandLineExitsOneWithPerfdhcpsMessage() {
        Outcome outcome = run("-r", "x", "127.0.0.1");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("\nERROR: parsing command line options: "
                + "value of rate: -r<value> must be a positive integer\n");
        assertThat(outcome.out()).startsWith("nestor perf [-1]");
    }

    @Test
    void aLocalAddressThatIsNotOnThisHostIsARunError() {
        Outcome outcome = run("-4", "-l", "192.0.2.77", "-n", "1", "127.0.0.1");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).contains("ERROR: running perfdhcp: There is no such address 192.0.2.77");
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(run("-h").exitCode()).isZero();
        assertThat(run("-h").out()).contains("--servers");
        assertThat(run("-v").out()).startsWith("VERSION: ");
    }
}

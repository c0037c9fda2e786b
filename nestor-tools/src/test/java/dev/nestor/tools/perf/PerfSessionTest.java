package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The program-driven run the lab uses: two responders on one address told apart by port, every ACK reported with
 * the client's hardware address, the leased address and which target answered.
 */
class PerfSessionTest {
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @Test
    void twoServersOnOneAddressAreToldApartByPortAndEveryAckIsReported() throws Exception {
        try (TinyDhcp4Responder first = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect());
             TinyDhcp4Responder second = new TinyDhcp4Responder(LOOPBACK, TinyDhcp4Responder.Behaviour.perfect())) {
            PerfOptions options = PerfOptionsParser.parseRun("-4", "-r", "500", "-R", "20", "-n", "20", "-W",
                    "2000000", "-p", "20", "-b", "mac=00:0c:01:02:03:00", "-L",
                    Integer.toString(PerfClientEndToEndTest.freePort(LOOPBACK)), "127.0.0.1");
            List<PerfSession.Ack> acks = new CopyOnWriteArrayList<>();
            List<InetSocketAddress> targets = List.of(new InetSocketAddress(LOOPBACK, first.port()),
                    new InetSocketAddress(LOOPBACK, second.port()));
            PerfReport report;
            PerfSession.Progress progress;
            try (PerfSession session = PerfSession.open(options, LOOPBACK, targets, acks::add,
                    new PrintStream(OutputStream.nullOutputStream()))) {
                report = session.run();
                progress = session.progress();
            }
            assertThat(first.discovers.get()).as("every DISCOVER reaches the first target").isEqualTo(20);
            assertThat(second.discovers.get()).as("every DISCOVER reaches the second target").isEqualTo(20);
            assertThat(progress.firstSent()).isEqualTo(20);
            assertThat(progress.secondReplies()).isEqualTo(20);
            assertThat(report.exchanges().get(1).received()).isEqualTo(20);
            // both responders ACK every REQUEST (they ignore the server identifier), so both are heard
            assertThat(acks).extracting(PerfSession.Ack::server).contains(0, 1).doesNotContain(-1);
            assertThat(acks).extracting(PerfSession.Ack::hwaddr).contains("00:0c:01:02:03:00", "00:0c:01:02:03:13");
            assertThat(acks).allSatisfy(ack -> assertThat(ack.address().getHostAddress()).startsWith("10.9."));
        }
    }
}

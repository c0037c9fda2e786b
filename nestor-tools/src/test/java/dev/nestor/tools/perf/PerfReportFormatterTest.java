package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The text report against what stock perfdhcp 2.2 printed for the same numbers (captured on this
 * machine against stock kea-dhcp4, and the no-answer run of spec/perfdhcp.md §3), and the JSON report.
 */
class PerfReportFormatterTest {

    private static PerfReport.Exchange exchange(String name, long sent, long received, Double minimum, Double average,
                                                Double maximum, Double deviation) {
        return new PerfReport.Exchange(name, sent, received, Math.max(0, sent - received), 0, 0, 0, 0, minimum, average,
                maximum, deviation, List.of(), List.of());
    }

    private static PerfReport report(PerfOptions options, double duration, List<PerfReport.Exchange> exchanges) {
        return new PerfReport(options, duration, 0, exchanges, List.of(), 0, null, 0, null, 0, null);
    }

    @Test
    void noAnswersPrintsPerfdhcpsQuirks() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "-r", "10", "-p", "2", "-l", "127.0.0.1", "127.0.0.55");
        PerfReport report = report(options, 2.0, List.of(
                exchange("DISCOVER-OFFER", 19, 0, null, null, null, null),
                exchange("REQUEST-ACK", 0, 0, null, null, null, null)));

        assertThat(PerfReportFormatter.text(report)).isEqualTo("""
                ***Rate statistics***
                Rate: 0 4-way exchanges/second, expected rate: 10

                ***Malformed Packets***
                Malformed packets: 0
                ***Statistics for: DISCOVER-OFFER***
                sent packets: 19
                received packets: 0
                drops: 19
                drops ratio: 100 %
                orphans: 0
                rejected leases: 0
                non unique addresses: 0

                min delay: inf ms
                avg delay: min delay: n/a
                avg delay: n/a
                max delay: n/a
                std deviation: n/a
                collected packets: 0

                ***Statistics for: REQUEST-ACK***
                sent packets: 0
                received packets: 0
                drops: 0
                drops ratio: -nan %
                orphans: 0
                rejected leases: 0
                non unique addresses: 0

                min delay: inf ms
                avg delay: min delay: n/a
                avg delay: n/a
                max delay: n/a
                std deviation: n/a
                collected packets: 0

                """);
    }

    @Test
    void answeredRunMatchesStockPerfdhcpOutput() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "-r", "200", "-p", "5", "-R", "500", "-l", "127.0.5.2",
                "127.0.5.1");
        // perfdhcp printed "Rate: 199.718": 999 ACKs over 5.00205 s
        PerfReport report = report(options, 999 / 199.718, List.of(
                exchange("DISCOVER-OFFER", 999, 999, 0.170, 0.528, 6.768, 0.592),
                exchange("REQUEST-ACK", 999, 999, 0.150, 0.376, 6.894, 0.419)));

        assertThat(PerfReportFormatter.text(report)).isEqualTo("""
                ***Rate statistics***
                Rate: 199.718 4-way exchanges/second, expected rate: 200

                ***Malformed Packets***
                Malformed packets: 0
                ***Statistics for: DISCOVER-OFFER***
                sent packets: 999
                received packets: 999
                drops: 0
                drops ratio: 0 %
                orphans: 0
                rejected leases: 0
                non unique addresses: 0

                min delay: 0.170 ms
                avg delay: 0.528 ms
                max delay: 6.768 ms
                std deviation: 0.592 ms
                collected packets: 0

                ***Statistics for: REQUEST-ACK***
                sent packets: 999
                received packets: 999
                drops: 0
                drops ratio: 0.000 %
                orphans: 0
                rejected leases: 0
                non unique addresses: 0

                min delay: 0.150 ms
                avg delay: 0.376 ms
                max delay: 6.894 ms
                std deviation: 0.419 ms
                collected packets: 0

                """);
    }

    @Test
    void initialOnlyWithoutRateHasNoSuffixAndNoBlankLine() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "-i", "-n", "50", "-l", "127.0.5.2", "127.0.5.1");
        PerfReport report = report(options, 9 / 1095.96, List.of(exchange("DISCOVER-OFFER", 50, 9, 0.1, 0.2, 0.3, 0.05)));

        assertThat(PerfReportFormatter.text(report)).startsWith("""
                ***Rate statistics***
                Rate: 1095.96 DISCOVER-OFFER/second
                ***Malformed Packets***
                Malformed packets: 0
                ***Statistics for: DISCOVER-OFFER***
                sent packets: 50
                received packets: 9
                drops: 41
                drops ratio: 82 %
                """);
    }

    @Test
    void bannerAndAvalancheTail() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "--scenario", "avalanche", "-R", "20", "-l", "127.0.5.2",
                "127.0.5.1");
        PerfReport report = new PerfReport(options, 0.2013, 0, List.of(
                exchange("DISCOVER-OFFER", 20, 20, 1.0, 1.0, 1.0, 0.0),
                exchange("REQUEST-ACK", 20, 20, 1.0, 1.0, 1.0, 0.0)), List.of(), 0, null, 0, null, 0,
                new PerfReport.Avalanche(200_890_000L, 20, 40, 0, 40));

        assertThat(PerfReportFormatter.banner(options)).isEqualTo("""
                Running: nestor perf -4 -, avalanche -R 20 -l 127.0.5.2 127.0.5.1
                Scenario: avalanche.
                Multi-thread mode enabled.
                """);
        assertThat(PerfReportFormatter.text(report)).endsWith("""
                collected packets: 0

                It took 00:00:00.200890 to provision 20 clients.\s
                Requests sent + resent: 40
                Requests resent: 0
                Responses received: 40
                """);
    }

    @Test
    void diagnosticsTail() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "-x", "eislt", "-n", "1", "127.0.0.1");
        PerfReport.Exchange offer = new PerfReport.Exchange("DISCOVER-OFFER", 1, 1, 0, 0, 0, 0, 0, 0.608, 0.608, 0.608,
                0.0, List.of(new PerfReport.Timestamp(0.000615, 0.001223)), List.of("01000c01020304,10.5.0.10,"));
        PerfReport report = new PerfReport(options, 0.2, 0, List.of(offer), List.of(), 0, "Reached max requests limit.",
                0, "7f000501", 12, null);

        assertThat(PerfReportFormatter.text(report)).endsWith("""
                collected packets: 0

                ***Timestamps for packets: DISCOVER-OFFER***
                sent / received: 000000.000615 / 000000.001223

                Server id: 7f000501
                ***Leases for DISCOVER-OFFER***
                client_id,adrress,prefix
                01000c01020304,10.5.0.10,


                Short waits for packets: 12
                Interrupted
                """);
    }

    @Test
    void quietBannerWithSeparator() throws PerfUsageException {
        assertThat(PerfReportFormatter.banner(PerfOptionsParser.parseRun("-C", ",", "-t", "1", "127.0.0.1"))).isEmpty();
    }

    @Test
    void jsonReportCarriesEveryCounterAndServer() throws PerfUsageException {
        PerfOptions options = PerfOptionsParser.parseRun("-4", "--servers", "127.0.5.1,127.0.5.3", "-n", "10");
        PerfReport report = new PerfReport(options, 1.5, 2, List.of(
                exchange("DISCOVER-OFFER", 10, 9, 0.5, 0.6, 0.7, 0.01),
                exchange("REQUEST-ACK", 9, 0, null, null, null, null)),
                List.of(new PerfReport.Server(InetAddress.ofLiteral("127.0.5.1"),
                                List.of(new PerfReport.ServerExchange("DISCOVER-OFFER", 10, 9),
                                        new PerfReport.ServerExchange("REQUEST-ACK", 9, 0))),
                        new PerfReport.Server(InetAddress.ofLiteral("127.0.5.3"),
                                List.of(new PerfReport.ServerExchange("DISCOVER-OFFER", 10, 0),
                                        new PerfReport.ServerExchange("REQUEST-ACK", 9, 0)))),
                0, "Reached max requests limit.", 3, "7f000501", 0, null);

        String json = PerfReportFormatter.json(report);

        assertThat(json).contains("\"ip-version\": 4,", "\"duration-seconds\": 1.5,", "\"rate\": 0,",
                "\"malformed-packets\": 2,", "\"exit-code\": 3,", "\"exit-reason\": \"Reached max requests limit.\"",
                "\"sent\": 10,", "\"received\": 9,", "\"drops-ratio\": 10,", "\"min-delay-ms\": 0.5,",
                "\"min-delay-ms\": null,", "\"address\": \"127.0.5.3\"",
                "{ \"name\": \"DISCOVER-OFFER\", \"sent\": 10, \"received\": 0 }");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(json.chars().filter(c -> c == '[').count()).isEqualTo(json.chars().filter(c -> c == ']').count());
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "100, 100", "2.5, 2.5", "199.71847, 199.718", "9.985034, 9.98503", "1095.9612, 1095.96",
            "1000000, 1e+06", "1234567, 1.23457e+06", "0.0001, 0.0001", "0.00001234, 1.234e-05", "99.99999, 100",
            "123456, 123456", "0.5, 0.5"})
    void defaultStreamNotation(double value, String expected) {
        assertThat(PerfReportFormatter.general(value)).isEqualTo(expected);
    }

    @Test
    void specialValues() {
        assertThat(PerfReportFormatter.general(Double.NaN)).isEqualTo("-nan");
        assertThat(PerfReportFormatter.general(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PerfReportFormatter.fixed(0)).isEqualTo("0.000");
        assertThat(PerfReportFormatter.fixed(6.7684)).isEqualTo("6.768");
        assertThat(PerfReportFormatter.fixed(100)).isEqualTo("100.000");
        assertThat(PerfReportFormatter.duration(3_723_000_001_000L)).isEqualTo("01:02:03.000001");
        assertThat(PerfReportFormatter.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }
}

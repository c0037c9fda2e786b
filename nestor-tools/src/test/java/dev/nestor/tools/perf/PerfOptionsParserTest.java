package dev.nestor.tools.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each perfdhcp flag {@code nestor perf} takes, with perfdhcp's meaning and its refusal texts. */
class PerfOptionsParserTest {

    private static PerfOptions parse(String... args) throws PerfUsageException {
        return PerfOptionsParser.parseRun(args);
    }

    @Test
    void defaultsAreThoseOfPerfdhcp() throws PerfUsageException {
        PerfOptions options = parse("127.0.0.1");

        assertThat(options.ipVersion()).isEqualTo(4);
        assertThat(options.rate()).isZero();
        assertThat(options.clientCount()).isEqualTo(1);
        assertThat(options.baseMac()).containsExactly(0x00, 0x0c, 0x01, 0x02, 0x03, 0x04);
        assertThat(options.effectiveLocalPort()).isEqualTo(67);
        assertThat(options.effectiveRemotePort()).isEqualTo(67);
        assertThat(options.dropTimeNanos(0)).isEqualTo(1_000_000_000L);
        assertThat(options.scenario()).isEqualTo(PerfOptions.Scenario.BASIC);
        assertThat(options.servers()).containsExactly(InetAddress.ofLiteral("127.0.0.1"));
        assertThat(options.twoWayOnly()).isFalse();
    }

    @Test
    void theBenchmarkCommandLineParses() throws PerfUsageException {
        PerfOptions options = parse("-4", "-r", "200", "-p", "5", "-R", "500", "-l", "127.0.5.2", "127.0.5.1");

        assertThat(options.rate()).isEqualTo(200);
        assertThat(options.testPeriodSeconds()).isEqualTo(5);
        assertThat(options.clientCount()).isEqualTo(500);
        assertThat(options.localName()).isEqualTo("127.0.5.2");
        assertThat(options.runningArguments()).isEqualTo("-4 -r 200 -p 5 -R 500 -l 127.0.5.2 127.0.5.1");
    }

    @Test
    void getoptRulesGroupedFlagsAttachedValuesAndPermutedServer() throws PerfUsageException {
        PerfOptions options = parse("127.0.0.1", "-4iu", "-r10", "-xel");

        assertThat(options.initialOnly()).isTrue();
        assertThat(options.checkUniqueness()).isTrue();
        assertThat(options.rate()).isEqualTo(10);
        assertThat(options.diagnostic('e')).isTrue();
        assertThat(options.diagnostic('l')).isTrue();
        assertThat(options.diagnostic('t')).isFalse();
        assertThat(options.runningArguments()).isEqualTo("-4 -i -u -r 10 -x el 127.0.0.1");
    }

    @Test
    void versionSixDefaultsAndRelay() throws PerfUsageException {
        PerfOptions direct = parse("-6", "::1");
        PerfOptions relayed = parse("-6", "-A", "1", "::1");

        assertThat(direct.effectiveLocalPort()).isEqualTo(546);
        assertThat(direct.effectiveRemotePort()).isEqualTo(547);
        assertThat(relayed.relayLevel()).isEqualTo(1);
        assertThat(relayed.effectiveLocalPort()).isEqualTo(547);
    }

    @Test
    void requestAndDropLimitsApplyPerExchange() throws PerfUsageException {
        PerfOptions options = parse("-n", "100", "-n", "90", "-D", "5", "-D", "10%", "-d", "2", "-d", "0.5", "127.0.0.1");

        assertThat(options.requestLimit(0)).isEqualTo(100);
        assertThat(options.requestLimit(1)).isEqualTo(90);
        assertThat(options.dropLimit(0).reached(100, 5)).isTrue();
        assertThat(options.dropLimit(0).reached(100, 4)).isFalse();
        assertThat(options.dropLimit(1).isPercent()).isTrue();
        assertThat(options.dropLimit(1).reached(10, 9)).as("needs more than 10 sent").isFalse();
        assertThat(options.dropLimit(1).reached(20, 2)).isTrue();
        assertThat(options.dropTimeNanos(0)).isEqualTo(2_000_000_000L);
        assertThat(options.dropTimeNanos(1)).isEqualTo(500_000_000L);
    }

    @Test
    void portsBasesAndTheElapsedRamp() throws PerfUsageException {
        PerfOptions options = parse("-L", "10067", "-N", "10068", "-b", "mac=00::11::22::33::44::55", "-b",
                "duid=000300010a0b0c0d0e0f", "-Y", "10", "-y", "5", "-B", "127.0.0.1");

        assertThat(options.effectiveLocalPort()).isEqualTo(10067);
        assertThat(options.effectiveRemotePort()).isEqualTo(10068);
        assertThat(options.baseMac()).containsExactly(0x00, 0x11, 0x22, 0x33, 0x44, 0x55);
        assertThat(options.baseDuid()).hasSize(10);
        assertThat(options.elapsedStart()).isEqualTo(10);
        assertThat(options.elapsedPeriod()).isEqualTo(5);
        assertThat(options.broadcast()).isTrue();
    }

    @Test
    void remainingFlags() throws PerfUsageException {
        PerfOptions options = parse("-4", "-s", "42", "-W", "250000", "-P", "10", "-t", "2", "-C", ",", "-1",
                "-g", "single", "-o", "60,41424344", "127.0.0.1");

        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.exitWaitMicros()).isEqualTo(250_000);
        assertThat(options.preload()).isEqualTo(10);
        assertThat(options.reportIntervalSeconds()).isEqualTo(2);
        assertThat(options.reportSeparator()).isEqualTo(",");
        assertThat(options.useFirstServerId()).isTrue();
        assertThat(options.singleThread()).isTrue();
        assertThat(options.extraOptions()).containsExactly(new PerfOptions.ExtraOption(60, new byte[]{0x41, 0x42, 0x43, 0x44}));
    }

    @Test
    void avalancheScenarioEchoesAsPerfdhcpDoes() throws PerfUsageException {
        PerfOptions options = parse("-4", "--scenario", "avalanche", "-R", "20", "127.0.0.1");

        assertThat(options.scenario()).isEqualTo(PerfOptions.Scenario.AVALANCHE);
        assertThat(options.runningArguments()).isEqualTo("-4 -, avalanche -R 20 127.0.0.1");
        assertThat(parse("--scenario=basic", "127.0.0.1").scenario()).isEqualTo(PerfOptions.Scenario.BASIC);
    }

    @Test
    void serversListAndJsonReport() throws PerfUsageException {
        PerfOptions options = parse("--servers", "127.0.5.1,127.0.5.3", "--json", "out.json");

        assertThat(options.servers()).containsExactly(InetAddress.ofLiteral("127.0.5.1"), InetAddress.ofLiteral("127.0.5.3"));
        assertThat(options.jsonReport()).isEqualTo(Path.of("out.json"));
        PerfOptions both = parse("127.0.5.1", "--servers", "127.0.5.1,127.0.5.4");
        assertThat(both.servers()).containsExactly(InetAddress.ofLiteral("127.0.5.1"), InetAddress.ofLiteral("127.0.5.4"));
    }

    @Test
    void serverAllMeansBroadcast() throws PerfUsageException {
        PerfOptions options = parse("all");

        assertThat(options.servers()).containsExactly(InetAddress.ofLiteral("255.255.255.255"));
        assertThat(options.broadcast()).isTrue();
        assertThat(parse("-6", "all").servers()).containsExactly(InetAddress.ofLiteral("ff02::1:2"));
    }

    @Test
    void helpAndVersionRequests() throws PerfUsageException {
        assertThat(PerfOptionsParser.parse(new String[]{"-h"})).isInstanceOf(PerfOptionsParser.Request.Help.class);
        assertThat(PerfOptionsParser.parse(new String[]{"-4v"})).isInstanceOf(PerfOptionsParser.Request.Version.class);
        assertThat(PerfOptionsParser.parse(new String[]{"-r", "5", "1.2.3.4"}))
                .isInstanceOf(PerfOptionsParser.Request.Run.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -r x 1.2.3.4                  | value of rate: -r<value> must be a positive integer
            -4 -6 1.2.3.4                 | IP version already set to 4
            -R -1 1.2.3.4                 | value of -R <value> must be non-negative integer
            -p 0 1.2.3.4                  | value of test period: -p<value> must be a positive integer
            -n 0 1.2.3.4                  | value of num-request: -n<value> must be a positive integer
            -D 0 1.2.3.4                  | value of max drops number: -D<value> must be a positive integer
            -D 200% 1.2.3.4               | value of drop percentage: -D<value%> must be 0..100
            -d 0 1.2.3.4                  | drop-time must be a positive number
            -Y 2 1.2.3.4                  | Option -Y can't be used without -y
            -y 2 1.2.3.4                  | Option -y can't be used without -Y
            -b mac=zz:11:22:33:44:55 1.2.3.4 | invalid characters in MAC provided
            -b mac=00:11:22:33:44 1.2.3.4 | expected -b<base> format for mac address is -b mac=00::0C::01::02::03::04 or -b mac=00:0C:01:02:03:04
            -b duid=zz 1.2.3.4            | invalid characters in DUID provided, expected hex digits
            -b foo=1 1.2.3.4              | base value not provided as -b<value>, expected -b mac=<mac> or -b duid=<duid>
            -L -1 1.2.3.4                 | value of local port: -L<value> must not be a negative integer
            -L 70000 1.2.3.4              | local-port must be lower than 65535
            -W -5 1.2.3.4                 | value of exist wait time: -W<value> must not be a negative integer
            -P -1 1.2.3.4                 | number of preload packets: -P<value> must not be a negative integer
            -s x 1.2.3.4                  | value of seed: -s <seed> must be non-negative integer
            -t 0 1.2.3.4                  | value of report delay: -t<value> must be a positive integer
            -n 1 -n 2 -n 3 1.2.3.4        | value of maximum number of requests: -n<value> already specified, unexpected 3rd occurrence of -n<value>
            -i -n 1 -n 2 1.2.3.4          | second -n<num-request> is not compatible with -i
            --scenario foo 1.2.3.4        | scenario value 'foo' is wrong - should be 'basic' or 'avalanche'
            -g foo 1.2.3.4                | value of thread mode (-g) 'foo' is wrong - should be '-g single' or '-g multi'
            -r 10 1.2.3.4 5.6.7.8         | extra arguments?
            -q 1.2.3.4                    | wrong command line option
            -r                            | wrong command line option
            -o 3,01 1.2.3.4               | -4 or -6 must be explicitly specified before -o is used.
            -A 1 1.2.3.4                  | Can't use -4 with -A, it's a V6 only option.
            -6 -A 2 ::1                   | -A only supports 1 at the moment.
            -6 -c ::1                     | -i must be set to use -c
            -4 -c 1.2.3.4                 | -6 (IPv6) must be set to use -c
            -6 -B ::1                     | -B is not compatible with IPv6 (-6)
            -R 0 --scenario avalanche 1.2.3.4 | in case of avalanche scenario number\\nof clients must be specified using -R option explicitly
            -r 10                         | without an interface, server is required
            -T template.hex 1.2.3.4       | -T is a perfdhcp option that nestor perf does not implement
            -4 ::1                        | server address must be an IPv4 address with -4
            """)
    void refusalsCarryPerfdhcpsReason(String commandLine, String reason) {
        String[] args = commandLine.strip().split("\\s+");

        assertThatThrownBy(() -> PerfOptionsParser.parse(args))
                .isInstanceOf(PerfUsageException.class)
                .hasMessage(reason.replace("\\n", "\n"));
    }

    @Test
    void macAndDuidParsingAcceptsBothSpellings() throws PerfUsageException {
        assertThat(PerfOptionsParser.parseMac("0a:0b:0c:0d:0e:0f")).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(PerfOptionsParser.parseMac("A::B::C::D::E::F")).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(parse("-b", "ether=00:00:00:00:00:01", "1.2.3.4").baseMac()).containsExactly(0, 0, 0, 0, 0, 1);
        assertThat(parse("-6", "-b", "duid=0001", "::1").baseDuid()).containsExactly(0, 1);
    }
}

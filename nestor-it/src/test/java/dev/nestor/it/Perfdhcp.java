package dev.nestor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stock perfdhcp in relay mode ({@code -4 -l RELAY ... SERVER}): perfdhcp binds RELAY:67 and the server answers the
 * relay there. Every run is bounded by the caller's {@code -p}/{@code -n} and by a hard process timeout here.
 */
final class Perfdhcp {
    /** The counters of perfdhcp's final report (basic scenario, 4-way). */
    record Report(int exitCode, String output, long discoversSent, long offersReceived, long requestsSent,
            long acksReceived, long discoverDrops, long requestDrops, long nonUnique) {
        long drops() {
            return discoverDrops + requestDrops;
        }

        @Override
        public String toString() {
            return "perfdhcp exit " + exitCode + ": DISCOVER " + discoversSent + "/OFFER " + offersReceived
                    + ", REQUEST " + requestsSent + "/ACK " + acksReceived + ", drops " + discoverDrops + "+"
                    + requestDrops + ", non-unique " + nonUnique;
        }
    }

    /** A perfdhcp process started in the background. */
    static final class Run {
        private final Process process;
        private final Path output;
        private final Duration timeout;

        private Run(Process process, Path output, Duration timeout) {
            this.process = process;
            this.output = output;
            this.timeout = timeout;
        }

        /** Waits for perfdhcp to finish (bounded) and parses its report. */
        Report await() throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("perfdhcp ran over " + timeout.toMillis() + " ms:\n"
                        + Files.readString(output));
            }
            return parse(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    private Perfdhcp() {
    }

    /** Starts {@code perfdhcp -4 -l relay ARGS server} with its output in {@code directory/name.out}. */
    static Run start(Path directory, String name, String relay, String server, Duration timeout, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Loopback.PERFDHCP.toString(), "-4", "-l", relay));
        command.addAll(List.of(arguments));
        command.add(server);
        Path output = directory.resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Run(process, output, timeout);
    }

    /** Runs perfdhcp to completion and returns its report. */
    static Report run(Path directory, String name, String relay, String server, Duration timeout, String... arguments)
            throws IOException, InterruptedException {
        return start(directory, name, relay, server, timeout, arguments).await();
    }

    /** Parses the final report; missing blocks count as zero. */
    static Report parse(int exitCode, String output) {
        String discover = block(output, "DISCOVER-OFFER");
        String request = block(output, "REQUEST-ACK");
        return new Report(exitCode, output, number(discover, "sent packets"), number(discover, "received packets"),
                number(request, "sent packets"), number(request, "received packets"), number(discover, "drops"),
                number(request, "drops"), number(discover, "non unique addresses") + number(request, "non unique addresses"));
    }

    private static String block(String output, String exchange) {
        int start = output.indexOf("***Statistics for: " + exchange + "***");
        if (start < 0) {
            return "";
        }
        int end = output.indexOf("***Statistics for:", start + 10);
        return end < 0 ? output.substring(start) : output.substring(start, end);
    }

    private static long number(String block, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + ": ([0-9]+)").matcher(block);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}

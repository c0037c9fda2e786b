package dev.nestor.tools.perf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Renders a {@link PerfReport} as perfdhcp 2.2 prints it (labels, blank lines and the number
 * formatting of a C++ output stream, quirks included: {@code drops ratio} in default notation in
 * the first block and fixed 3-decimal notation afterwards, {@code -nan} for 0 ÷ 0, the
 * {@code avg delay: min delay: n/a} lines when nothing was received) and as a JSON document for
 * scripts.
 */
public final class PerfReportFormatter {

    private PerfReportFormatter() {
    }

    /** The start banner perfdhcp prints before the test (not with {@code -C}). */
    public static String banner(PerfOptions options) {
        if (options.reportSeparator() != null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append("Running: ").append(PerfClient.PROGRAM_NAME).append(' ').append(options.runningArguments()).append('\n');
        text.append("Scenario: ").append(options.scenario().label()).append(".\n");
        if (!options.singleThread()) {
            text.append("Multi-thread mode enabled.\n");
        }
        return text.toString();
    }

    /** The final report and the diagnostics that follow it. */
    public static String text(PerfReport report) {
        PerfOptions options = report.options();
        StringBuilder text = new StringBuilder();
        text.append("***Rate statistics***\n");
        text.append("Rate: ").append(general(report.rate())).append(' ').append(report.rateName()).append("/second");
        if (options.rate() > 0) {
            text.append(", expected rate: ").append(options.rate()).append("\n\n");
        } else {
            text.append('\n');
        }
        text.append("***Malformed Packets***\n");
        text.append("Malformed packets: ").append(report.malformed()).append('\n');
        // perfdhcp's stream switches to fixed 3-decimal notation at the first delay block, for good
        boolean fixed = false;
        for (PerfReport.Exchange exchange : report.exchanges()) {
            text.append("***Statistics for: ").append(exchange.name()).append("***\n");
            text.append("sent packets: ").append(exchange.sent()).append('\n');
            text.append("received packets: ").append(exchange.received()).append('\n');
            text.append("drops: ").append(exchange.drops()).append('\n');
            double ratio = exchange.dropsRatio();
            text.append("drops ratio: ").append(Double.isNaN(ratio) ? "-nan" : fixed ? fixed(ratio) : general(ratio))
                    .append(" %\n");
            text.append("orphans: ").append(exchange.orphans()).append('\n');
            text.append("rejected leases: ").append(exchange.rejected()).append('\n');
            text.append("non unique addresses: ").append(exchange.nonUnique()).append("\n\n");
            fixed = true;
            if (exchange.minimumDelay() == null) {
                text.append("min delay: inf ms\n");
                text.append("avg delay: min delay: n/a\n");
                text.append("avg delay: n/a\n");
                text.append("max delay: n/a\n");
                text.append("std deviation: n/a\n");
            } else {
                text.append("min delay: ").append(fixed(exchange.minimumDelay())).append(" ms\n");
                text.append("avg delay: ").append(fixed(exchange.averageDelay())).append(" ms\n");
                text.append("max delay: ").append(fixed(exchange.maximumDelay())).append(" ms\n");
                text.append("std deviation: ").append(fixed(exchange.standardDeviation())).append(" ms\n");
            }
            text.append("collected packets: ").append(exchange.collected()).append("\n\n");
        }
        if (options.diagnostic('t')) {
            for (PerfReport.Exchange exchange : report.exchanges()) {
                text.append("***Timestamps for packets: ").append(exchange.name()).append("***\n");
                for (PerfReport.Timestamp timestamp : exchange.timestamps()) {
                    text.append("sent / received: ").append(String.format(Locale.ROOT, "%013.6f", timestamp.sentSeconds()))
                            .append(" / ").append(String.format(Locale.ROOT, "%013.6f", timestamp.receivedSeconds()))
                            .append('\n');
                }
                text.append('\n');
            }
        }
        if (options.diagnostic('s') && report.serverId() != null) {
            text.append("Server id: ").append(report.serverId()).append('\n');
        }
        if (options.diagnostic('l')) {
            for (PerfReport.Exchange exchange : report.exchanges()) {
                text.append("***Leases for ").append(exchange.name()).append("***\n");
                text.append("client_id,adrress,prefix\n");
                for (String lease : exchange.leases()) {
                    text.append(lease).append('\n');
                }
                text.append("\n\n");
            }
        }
        if (report.avalanche() != null) {
            PerfReport.Avalanche avalanche = report.avalanche();
            text.append("It took ").append(duration(avalanche.durationNanos())).append(" to provision ")
                    .append(avalanche.clients()).append(" clients. \n");
            text.append("Requests sent + resent: ").append(avalanche.sentAndResent()).append('\n');
            text.append("Requests resent: ").append(avalanche.resent()).append('\n');
            text.append("Responses received: ").append(avalanche.received()).append('\n');
        }
        if (options.diagnostic('i')) {
            text.append("Short waits for packets: ").append(report.shortWaits()).append('\n');
        }
        if (options.diagnostic('e')) {
            text.append("Interrupted\n");
        }
        return text.toString();
    }

    /** {@code HH:MM:SS.uuuuuu}, as boost prints a time duration. */
    static String duration(long nanos) {
        long micros = nanos / 1000;
        long seconds = micros / 1_000_000;
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", seconds / 3600, seconds / 60 % 60, seconds % 60,
                micros % 1_000_000);
    }

    /** C++ {@code std::fixed} with precision 3. */
    static String fixed(double value) {
        if (Double.isNaN(value)) {
            return "-nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A C++ output stream's default notation for a double: 6 significant digits, no trailing zeros. */
    static String general(double value) {
        if (Double.isNaN(value)) {
            return "-nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.setScale(0).toPlainString() : mantissa.toPlainString();
            return digits + (exponent < 0 ? "e-" : "e+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }

    /** The JSON report ({@code --json FILE}): every number of the text report plus the per-server counters. */
    public static String json(PerfReport report) {
        PerfOptions options = report.options();
        StringBuilder json = new StringBuilder(1024);
        json.append("{\n");
        field(json, 1, "tool", quote(PerfClient.PROGRAM_NAME), true);
        field(json, 1, "arguments", quote(options.runningArguments()), true);
        field(json, 1, "ip-version", Integer.toString(options.ipVersion()), true);
        field(json, 1, "scenario", quote(options.scenario().label()), true);
        field(json, 1, "duration-seconds", number(report.durationSeconds()), true);
        field(json, 1, "rate", number(report.rate()), true);
        field(json, 1, "rate-name", quote(report.rateName()), true);
        field(json, 1, "expected-rate", options.rate() > 0 ? Integer.toString(options.rate()) : "null", true);
        field(json, 1, "malformed-packets", Long.toString(report.malformed()), true);
        field(json, 1, "replies-from-unknown-sources", Long.toString(report.unknownSource()), true);
        field(json, 1, "exit-reason", report.exitReason() == null ? "null" : quote(report.exitReason()), true);
        field(json, 1, "exit-code", Integer.toString(report.exitCode()), true);
        field(json, 1, "server-id", report.serverId() == null ? "null" : quote(report.serverId()), true);
        json.append("  \"exchanges\": [");
        for (int index = 0; index < report.exchanges().size(); index++) {
            PerfReport.Exchange exchange = report.exchanges().get(index);
            json.append(index == 0 ? "\n" : ",\n").append("    {\n");
            field(json, 3, "name", quote(exchange.name()), true);
            field(json, 3, "sent", Long.toString(exchange.sent()), true);
            field(json, 3, "received", Long.toString(exchange.received()), true);
            field(json, 3, "drops", Long.toString(exchange.drops()), true);
            field(json, 3, "drops-ratio", number(exchange.dropsRatio()), true);
            field(json, 3, "orphans", Long.toString(exchange.orphans()), true);
            field(json, 3, "rejected-leases", Long.toString(exchange.rejected()), true);
            field(json, 3, "non-unique-addresses", Long.toString(exchange.nonUnique()), true);
            field(json, 3, "collected-packets", Long.toString(exchange.collected()), true);
            field(json, 3, "min-delay-ms", number(exchange.minimumDelay()), true);
            field(json, 3, "avg-delay-ms", number(exchange.averageDelay()), true);
            field(json, 3, "max-delay-ms", number(exchange.maximumDelay()), true);
            field(json, 3, "std-deviation-ms", number(exchange.standardDeviation()), false);
            json.append("    }");
        }
        json.append("\n  ],\n");
        json.append("  \"servers\": [");
        for (int index = 0; index < report.servers().size(); index++) {
            PerfReport.Server server = report.servers().get(index);
            json.append(index == 0 ? "\n" : ",\n").append("    {\n");
            field(json, 3, "address", quote(server.address().getHostAddress()), true);
            json.append("      \"exchanges\": [");
            for (int position = 0; position < server.exchanges().size(); position++) {
                PerfReport.ServerExchange exchange = server.exchanges().get(position);
                json.append(position == 0 ? "" : ", ").append("{ \"name\": ").append(quote(exchange.name()))
                        .append(", \"sent\": ").append(exchange.sent())
                        .append(", \"received\": ").append(exchange.received()).append(" }");
            }
            json.append("]\n    }");
        }
        json.append("\n  ]");
        if (report.avalanche() != null) {
            PerfReport.Avalanche avalanche = report.avalanche();
            json.append(",\n  \"avalanche\": { \"duration-seconds\": ").append(number(avalanche.durationNanos() / 1e9))
                    .append(", \"clients\": ").append(avalanche.clients())
                    .append(", \"requests-sent-and-resent\": ").append(avalanche.sentAndResent())
                    .append(", \"requests-resent\": ").append(avalanche.resent())
                    .append(", \"responses-received\": ").append(avalanche.received()).append(" }");
        }
        json.append("\n}\n");
        return json.toString();
    }

    private static void field(StringBuilder json, int depth, String name, String value, boolean comma) {
        json.append("  ".repeat(depth)).append('"').append(name).append("\": ").append(value).append(comma ? ",\n" : "\n");
    }

    private static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "null";
        }
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            switch (character) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (character < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
                    } else {
                        quoted.append(character);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}

package dev.nestor.tools.lab;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the lab shows while it runs: on a terminal a small panel redrawn in place (ANSI), elsewhere (pipes, CI,
 * tests) plain time-stamped lines, one when something changes and one every few seconds.
 */
sealed interface LiveView permits LiveView.Panel, LiveView.Lines {

    /** One server as the view shows it. */
    record ServerLine(String name, String state, int leases, List<String> scopes) {
    }

    /**
     * What is going on now.
     *
     * @param phase    the current phase's name
     * @param step     what the phase is doing ("waiting for partner-down")
     * @param fraction how far the phase is, 0 to 1
     * @param servers  the pair
     * @param sent     DISCOVERs sent in the phase
     * @param acks     ACKs received in the phase
     * @param drops    requests unanswered so far in the phase
     * @param rate     ACKs per second lately
     */
    record Snapshot(String phase, String step, double fraction, List<ServerLine> servers, long sent, long acks,
                    long drops, double rate) {
    }

    /** Shows {@code snapshot}. */
    void show(Snapshot snapshot);

    /** A line of its own (a phase result, a stop); keeps the panel below it. */
    void note(String line);

    /** Leaves the view (the report follows). */
    void finish();

    /** A panel when {@code terminal}, else lines. */
    static LiveView on(PrintStream out, boolean terminal) {
        return terminal ? new Panel(out) : new Lines(out);
    }

    /** The progress bar: {@code [#####.....]  50%}. */
    static String bar(double fraction, int width) {
        double bounded = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(bounded * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", (int) Math.round(bounded * 100));
    }

    /** An ANSI panel redrawn in place: cursor up over the previous drawing, clear each line. */
    final class Panel implements LiveView {
        private final PrintStream out;
        private int drawn;

        Panel(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void show(Snapshot snapshot) {
            StringBuilder text = new StringBuilder();
            erase(text);
            text.append(String.format(Locale.ROOT, "\u001b[1m%-12s\u001b[0m %s  %s%n", snapshot.phase(),
                    LiveView.bar(snapshot.fraction(), 30), snapshot.step()));
            for (ServerLine server : snapshot.servers()) {
                text.append(String.format(Locale.ROOT, "  %-8s %-14s leases %4d  scopes %s%n", server.name(),
                        server.state(), server.leases(), server.scopes()));
            }
            text.append(String.format(Locale.ROOT, "  load     %6.1f ACK/s  sent %d  ACKed %d  unanswered %d%n",
                    snapshot.rate(), snapshot.sent(), snapshot.acks(), snapshot.drops()));
            drawn = 2 + snapshot.servers().size();
            out.print(text);
            out.flush();
        }

        private void erase(StringBuilder text) {
            for (int line = 0; line < drawn; line++) {
                text.append("\u001b[1A\u001b[2K");
            }
            drawn = 0;
        }

        @Override
        public synchronized void note(String line) {
            StringBuilder text = new StringBuilder();
            erase(text);
            text.append(line).append('\n');
            out.print(text);
            out.flush();
        }

        @Override
        public synchronized void finish() {
            out.println();
            out.flush();
            drawn = 0;
        }
    }

    /** Plain lines: a line when the phase, step or a state changes, else one every {@value #EVERY_MILLIS} ms. */
    final class Lines implements LiveView {
        static final long EVERY_MILLIS = 5000;
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final PrintStream out;
        private String lastKey = "";
        private long lastAt;

        Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void show(Snapshot snapshot) {
            StringBuilder key = new StringBuilder(snapshot.phase()).append('|').append(snapshot.step());
            StringBuilder servers = new StringBuilder();
            for (ServerLine server : snapshot.servers()) {
                key.append('|').append(server.state());
                servers.append(String.format(Locale.ROOT, "  %s %s (%d leases)", server.name(), server.state(),
                        server.leases()));
            }
            long now = System.currentTimeMillis();
            if (key.toString().equals(lastKey) && now - lastAt < EVERY_MILLIS) {
                return;
            }
            lastKey = key.toString();
            lastAt = now;
            out.println(String.format(Locale.ROOT, "%s %s %s %s;%s; load %.1f ACK/s, sent %d, ACKed %d, unanswered %d",
                    TIME.format(LocalTime.now()), snapshot.phase(), LiveView.bar(snapshot.fraction(), 10),
                    snapshot.step(), servers, snapshot.rate(), snapshot.sent(), snapshot.acks(), snapshot.drops()));
            out.flush();
        }

        @Override
        public synchronized void note(String line) {
            out.println(TIME.format(LocalTime.now()) + " " + line);
            out.flush();
        }

        @Override
        public void finish() {
            out.flush();
        }
    }
}

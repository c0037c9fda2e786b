package dev.nestor.tools.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code nestor perf}: a DHCP load client that takes perfdhcp 2.2's command line, prints its
 * report and exits with its codes (0 all answered, 3 some request unanswered, 1 error), so that
 * commands written for perfdhcp run unchanged. Adds {@code --servers A,B} (relay to several
 * servers) and {@code --json FILE}.
 *
 * <p>The one entry point is {@link #run(String[], PrintStream, PrintStream)}; a command-line
 * front end passes the raw arguments through.
 */
public final class PerfClient {

    /** How the banner names the program. */
    public static final String PROGRAM_NAME = "nestor perf";
    /** perfdhcp's exit code for a finished test where every request was answered. */
    public static final int EXIT_OK = 0;
    /** perfdhcp's exit code for command-line, socket or run-time errors. */
    public static final int EXIT_ERROR = 1;
    /** perfdhcp's exit code for a finished test with unanswered requests. */
    public static final int EXIT_DROPS = 3;

    private static final long REPORT_GRACE_SECONDS = 5;

    private PerfClient() {
    }

    /**
     * Runs {@code nestor perf} with perfdhcp-style arguments.
     *
     * @return the exit code: 0, 1 or 3 as perfdhcp 2.2 uses them
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PerfOptionsParser.Request request;
        try {
            request = PerfOptionsParser.parse(args);
        } catch (PerfUsageException usage) {
            out.print(PerfUsage.TEXT);
            out.flush();
            err.println();
            err.println("ERROR: parsing command line options: " + usage.getMessage());
            return EXIT_ERROR;
        }
        return switch (request) {
            case PerfOptionsParser.Request.Help() -> {
                out.print(PerfUsage.TEXT);
                yield EXIT_OK;
            }
            case PerfOptionsParser.Request.Version() -> {
                out.println("VERSION: " + version());
                yield EXIT_OK;
            }
            case PerfOptionsParser.Request.Run(PerfOptions options) -> runTest(options, out, err);
        };
    }

    private static String version() {
        String version = PerfClient.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** Runs a parsed test; Ctrl-C ends it with a report, as in perfdhcp. */
    static int runTest(PerfOptions options, PrintStream out, PrintStream err) {
        out.print(PerfReportFormatter.banner(options));
        out.flush();
        PerfReport report;
        CountDownLatch printed = new CountDownLatch(1);
        Thread interrupt = null;
        boolean hooked = false;
        try (PerfEngine engine = PerfEngine.open(options, out)) {
            interrupt = Thread.ofPlatform().unstarted(() -> {
                engine.requestStop();
                awaitQuietly(printed);
            });
            hooked = addShutdownHook(interrupt);
            report = engine.run();
            out.print(PerfReportFormatter.text(report));
            out.flush();
            // still inside the run, so that an interrupted run writes its JSON before the JVM exits
            if (options.jsonReport() != null && !writeJson(options, report, err)) {
                return EXIT_ERROR;
            }
        } catch (IOException | RuntimeException failure) {
            err.println();
            err.println("ERROR: running perfdhcp: " + failure.getMessage());
            return EXIT_ERROR;
        } finally {
            printed.countDown();
            if (hooked) {
                removeShutdownHook(interrupt);
            }
        }
        return report.exitCode();
    }

    private static boolean writeJson(PerfOptions options, PerfReport report, PrintStream err) {
        try {
            Files.writeString(options.jsonReport(), PerfReportFormatter.json(report), StandardCharsets.UTF_8);
            return true;
        } catch (IOException failure) {
            err.println("ERROR: writing the JSON report " + options.jsonReport() + ": " + failure.getMessage());
            return false;
        }
    }

    /**
     * Runs a parsed test and returns its report without printing it (for tests and lab scenarios
     * that read the numbers).
     */
    public static PerfReport measure(PerfOptions options, PrintStream out) throws IOException {
        try (PerfEngine engine = PerfEngine.open(options, out)) {
            return engine.run();
        }
    }

    /** Lets Ctrl-C's shutdown hook wait (bounded) until the interrupted run has printed its report. */
    private static void awaitQuietly(CountDownLatch printed) {
        try {
            printed.await(REPORT_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook has run
        }
    }
}

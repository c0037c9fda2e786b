package dev.nestor.tools.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * {@code nestor lab}: runs a scenario, prints its live view and report, and returns the exit code (0 pass, 1 fail,
 * 2 usage or start error). Every server it starts is stopped when it returns, and by a shutdown hook on Ctrl-C
 * (SIGINT) or SIGTERM at any moment; with {@code --keep} the pair stays up after the report until Ctrl-C. A lab
 * killed by SIGKILL cannot run its hook: its servers then stop by themselves ({@link ParentWatch}).
 */
public final class Lab {
    private Lab() {
    }

    /** Runs {@code options}' scenario, printing to {@code out} (view, report) and {@code err} (errors). */
    public static int run(LabOptions options, PrintStream out, PrintStream err) {
        String problem = options.problem();
        if (problem != null) {
            err.println("nestor lab: " + problem);
            return Verdict.EXIT_START_ERROR;
        }
        HotStandbyLab lab = new HotStandbyLab(options, out);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            lab.abort();
            out.println();
            out.println(finished.getCount() > 0 ? "nestor lab: interrupted, stopping the servers it started"
                    : "nestor lab: stopping the pair");
            out.flush();
            lab.close();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        boolean keepRunning = false;
        try {
            LabReport report = lab.run();
            if (lab.aborted()) {
                return Verdict.EXIT_START_ERROR;
            }
            Verdict verdict = Verdict.judge(report);
            out.print(LabReportFormatter.text(report, verdict));
            out.flush();
            if (options.jsonReport() != null) {
                try {
                    Files.writeString(options.jsonReport(), LabReportFormatter.json(report, verdict),
                            StandardCharsets.UTF_8);
                } catch (IOException unwritable) {
                    err.println("nestor lab: cannot write " + options.jsonReport() + ": " + unwritable.getMessage());
                }
            }
            if (options.keep()) {
                keepRunning = true;
                printKeep(lab, out);
                finished.countDown();
                // until Ctrl-C: the shutdown hook stops the pair
                new CountDownLatch(1).await();
            }
            return verdict.exitCode();
        } catch (LabStartException notStarted) {
            err.println("nestor lab: " + notStarted.getMessage());
            return Verdict.EXIT_START_ERROR;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Verdict.EXIT_START_ERROR;
        } finally {
            finished.countDown();
            if (!keepRunning) {
                lab.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it stops the servers
            }
        }
    }

    private static void printKeep(HotStandbyLab lab, PrintStream out) {
        out.println();
        out.println("--keep: the pair stays up until Ctrl-C. Files, logs and configs: " + lab.directory());
        for (ServerProcess server : lab.servers()) {
            out.println("  " + server.name() + " (pid " + server.pid() + ", DHCP port " + server.serverPort()
                    + "): control socket " + server.control().socket());
        }
        ServerProcess primary = lab.servers().getFirst();
        out.println("try:");
        out.println("  echo '{\"command\": \"status-get\"}' | socat - UNIX-CONNECT:" + primary.control().socket());
        out.println("  echo '{\"command\": \"lease4-get-all\"}' | socat - UNIX-CONNECT:" + primary.control().socket());
        out.println("  echo '{\"command\": \"ha-heartbeat\"}' | socat - UNIX-CONNECT:"
                + lab.servers().getLast().control().socket());
        out.flush();
    }
}

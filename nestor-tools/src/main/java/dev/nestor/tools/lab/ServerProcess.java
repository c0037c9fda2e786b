package dev.nestor.tools.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server of the lab's pair as a child process: its config, log (stdout and stderr, appended across restarts),
 * lease file and control socket in the run directory. It can be stopped (SIGKILL or SIGTERM) and started again on
 * the same files. Every process it starts is stopped by {@link #close()}.
 */
final class ServerProcess implements AutoCloseable {
    static final String STARTED = "DHCP4_STARTED";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern TRANSITION = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*\\bHA_STATE_TRANSITION\\b.*\\bfrom (\\S+) to (\\S+) state");

    private final String name;
    private final ServerLauncher launcher;
    private final Path config;
    private final Path log;
    private final Path leaseFile;
    private final ControlChannel control;
    private final int serverPort;
    private final int clientPort;
    private volatile Process process;

    ServerProcess(String name, ServerLauncher launcher, Path config, Path log, Path leaseFile, Path controlSocket,
                  int serverPort, int clientPort) {
        this.name = name;
        this.launcher = launcher;
        this.config = config;
        this.log = log;
        this.leaseFile = leaseFile;
        this.control = new ControlChannel(controlSocket);
        this.serverPort = serverPort;
        this.clientPort = clientPort;
    }

    /**
     * Starts the server and waits until its log (from this start on) says {@value #STARTED}.
     *
     * @throws IOException naming the server and the tail of its log when it exits first or is not started in time
     */
    void start(Duration timeout) throws IOException, InterruptedException {
        long offset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(launcher.command(config, serverPort, clientPort))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!logSince(offset).contains(STARTED)) {
            if (!process.isAlive()) {
                throw new IOException("the " + name + " exited with code " + process.exitValue()
                        + " before " + STARTED + "; its log ends:\n" + tail(logSince(offset)));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the " + name + " did not log " + STARTED + " within " + timeout.toSeconds()
                        + " s; its log ends:\n" + tail(logSince(offset)));
            }
            Thread.sleep(50);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** Stops the server: SIGKILL ({@code forcibly}) or SIGTERM, waiting for it to exit (SIGKILL after a grace). */
    void stop(boolean forcibly) throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        if (forcibly) {
            running.destroyForcibly();
        } else {
            running.destroy();
        }
        if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            running.destroyForcibly();
            running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    boolean alive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The running process's id, or -1. */
    long pid() {
        Process running = process;
        return running == null ? -1 : running.pid();
    }

    /** The whole log (every start). */
    String logText() {
        return logSince(0);
    }

    private String logSince(long offset) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            int from = (int) Math.min(offset, bytes.length);
            return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** How many log lines carry message ID {@code id} (as a whole word). */
    int count(String id) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(id) + "\\b");
        int count = 0;
        for (String line : logText().split("\n")) {
            if (word.matcher(line).find()) {
                count++;
            }
        }
        return count;
    }

    /** The HA_STATE_TRANSITION lines of the log, states in lower case as status-get writes them. */
    List<LabReport.Transition> transitions() {
        return transitions(logText());
    }

    static List<LabReport.Transition> transitions(String logText) {
        List<LabReport.Transition> transitions = new ArrayList<>();
        for (String line : logText.split("\n")) {
            Matcher matcher = TRANSITION.matcher(line);
            if (matcher.find()) {
                try {
                    transitions.add(new LabReport.Transition(LocalDateTime.parse(matcher.group(1), LOG_TIME),
                            matcher.group(2).toLowerCase(Locale.ROOT), matcher.group(3).toLowerCase(Locale.ROOT)));
                } catch (DateTimeParseException odd) {
                    // a line that only looks like a transition
                }
            }
        }
        return transitions;
    }

    static String tail(String text) {
        String[] lines = text.split("\n");
        int from = Math.max(0, lines.length - 15);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    String name() {
        return name;
    }

    Path config() {
        return config;
    }

    Path log() {
        return log;
    }

    Path leaseFile() {
        return leaseFile;
    }

    ControlChannel control() {
        return control;
    }

    int serverPort() {
        return serverPort;
    }

    @Override
    public void close() {
        try {
            stop(false);
        } catch (InterruptedException interrupted) {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
            Thread.currentThread().interrupt();
        }
    }
}

package dev.nestor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A server started as a child process whose stdout and stderr go to files in its directory. Guarantees: the process
 * is ended by {@link #close()} (SIGTERM, then SIGKILL after 10 s), and every wait is bounded.
 */
class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    ChildProcess(String name, List<String> command, Path directory, Map<String, String> environment) throws IOException {
        Files.createDirectories(directory);
        // a fresh file per start, so a restarted server's log is not confused with its previous run's
        String unique = name;
        for (int run = 2; Files.exists(directory.resolve(unique + ".out")); run++) {
            unique = name + "-" + run;
        }
        this.name = unique;
        this.stdout = directory.resolve(unique + ".out");
        this.stderr = directory.resolve(unique + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().putAll(environment);
        this.process = builder.start();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to stdout so far. */
    String output() {
        try {
            return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** stdout then stderr, for failure messages. */
    String outputs() {
        try {
            return output() + (Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "");
        } catch (IOException unreadable) {
            return output();
        }
    }

    /** Waits until stdout has a line matching {@code regex} (find semantics, multiline). */
    void awaitLog(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        try {
            Await.until(name + " logging /" + regex + "/", timeout, () -> {
                if (pattern.matcher(output()).find()) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + outputs());
                }
                return false;
            });
        } catch (AssertionError failure) {
            throw new AssertionError(failure.getMessage() + "\n--- " + name + " output ---\n" + tail(outputs()), failure);
        }
    }

    /** True when stdout has a line matching {@code regex}. */
    boolean logged(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(output()).find();
    }

    /** SIGTERM and wait (bounded) for the exit; returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " ignored SIGTERM for " + timeout.toMillis() + " ms; killed");
        }
        return process.exitValue();
    }

    /** SIGKILL, waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.nestor.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar nestor-app/target/nestor.jar dhcp4 -c CONFIG [ARGS]} as a child process, output in files of its
 * directory. {@link #start} returns once the server logged DHCP4_STARTED (or fails with its output).
 */
final class NestorProcess extends ChildProcess {
    static final Duration STARTUP = Duration.ofSeconds(40);

    private final Path config;

    private NestorProcess(String name, List<String> command, Path directory, Path config) throws IOException {
        super(name, command, directory, Map.of());
        this.config = config;
    }

    /** The built application jar (the reactor builds nestor-app before this module's tests). */
    static Path jar() {
        Path here = Path.of("").toAbsolutePath();
        Path inModule = here.resolveSibling("nestor-app").resolve("target/nestor.jar");
        return Files.exists(inModule) ? inModule : here.resolve("nestor-app/target/nestor.jar");
    }

    static Path java() {
        String home = System.getenv("JAVA_HOME");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "java"))) {
            home = System.getProperty("java.home");
        }
        return Path.of(home, "bin", "java");
    }

    /** Starts nestor on {@code config} and waits for DHCP4_STARTED. */
    static NestorProcess start(String name, Path directory, Path config, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "dhcp4", "-c", config.toString()));
        command.addAll(List.of(arguments));
        NestorProcess nestor = new NestorProcess(name, command, directory, config);
        try {
            nestor.awaitLog("DHCP4_STARTED", STARTUP);
        } catch (AssertionError | InterruptedException failed) {
            nestor.close();
            throw failed;
        }
        return nestor;
    }

    Path config() {
        return config;
    }
}

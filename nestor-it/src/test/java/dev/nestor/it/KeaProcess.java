package dev.nestor.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stock {@code kea-dhcp4 -c CONFIG} as a child process, with its pid and lock files in its own directory
 * (KEA_PIDFILE_DIR, KEA_LOCKFILE_DIR) so that several can run side by side. {@link #start} returns once it logged
 * DHCP4_STARTED.
 */
final class KeaProcess extends ChildProcess {
    private KeaProcess(String name, List<String> command, Path directory) throws IOException {
        super(name, command, directory, Map.of("KEA_PIDFILE_DIR", directory.toString(),
                "KEA_LOCKFILE_DIR", directory.toString()));
    }

    static KeaProcess start(String name, Path directory, Path config) throws IOException, InterruptedException {
        Loopback.assumeKea();
        KeaProcess kea = new KeaProcess(name, List.of(Loopback.KEA_DHCP4.toString(), "-c", config.toString()), directory);
        try {
            kea.awaitLog("DHCP4_STARTED", Duration.ofSeconds(30));
        } catch (AssertionError | InterruptedException failed) {
            kea.close();
            throw failed;
        }
        return kea;
    }
}

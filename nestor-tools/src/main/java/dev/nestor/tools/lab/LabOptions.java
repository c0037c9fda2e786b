package dev.nestor.tools.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one lab run.
 *
 * @param scenario     the scenario to run (only {@value #HOT_STANDBY} exists)
 * @param keep         leave the pair running after the report, until Ctrl-C
 * @param directory    the run directory; null for a fresh temporary one
 * @param stop         how the primary is stopped in the failover phase
 * @param clients      clients served in the first phase (one DORA each); 30 more come in each later phase
 * @param jsonReport   where to write the report as JSON, or null
 * @param terminal     draw the live view as an ANSI panel (else plain lines)
 * @param launcher     the command that runs a server
 * @param startTimeout how long a server may take to log DHCP4_STARTED
 */
public record LabOptions(String scenario, boolean keep, Path directory, StopMode stop, int clients, Path jsonReport,
                         boolean terminal, ServerLauncher launcher, Duration startTimeout) {
    public static final String HOT_STANDBY = "hot-standby";
    /** The seed's pool holds 248 addresses; 60 go to the later phases. */
    public static final int MAXIMUM_CLIENTS = 180;
    public static final int DEFAULT_CLIENTS = 100;

    /** How the failover phase stops the primary. */
    public enum StopMode {
        /** SIGKILL: a crash, nothing said to anyone. */
        KILL,
        /** SIGTERM: a clean stop. */
        TERM
    }

    public LabOptions {
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(stop);
        Objects.requireNonNull(launcher);
        Objects.requireNonNull(startTimeout);
    }

    /** The default run: hot-standby, SIGKILL, 100 clients, servers from this JVM's class path. */
    public static LabOptions defaults() {
        return new LabOptions(HOT_STANDBY, false, null, StopMode.KILL, DEFAULT_CLIENTS, null, false,
                ServerLauncher.sameJava(), Duration.ofSeconds(40));
    }

    public LabOptions withDirectory(Path value) {
        return new LabOptions(scenario, keep, value, stop, clients, jsonReport, terminal, launcher, startTimeout);
    }

    public LabOptions withLauncher(ServerLauncher value, Duration timeout) {
        return new LabOptions(scenario, keep, directory, stop, clients, jsonReport, terminal, value, timeout);
    }

    public LabOptions withClients(int value) {
        return new LabOptions(scenario, keep, directory, stop, value, jsonReport, terminal, launcher, startTimeout);
    }

    public LabOptions withStop(StopMode value) {
        return new LabOptions(scenario, keep, directory, value, clients, jsonReport, terminal, launcher, startTimeout);
    }

    /** A usage problem with these options, or null when they can run. */
    public String problem() {
        if (!scenario.equals(HOT_STANDBY)) {
            return "unknown scenario '" + scenario + "': the lab knows only " + HOT_STANDBY;
        }
        if (clients < 1 || clients > MAXIMUM_CLIENTS) {
            return "--clients must be 1 to " + MAXIMUM_CLIENTS + " (the seed's pool holds 248 addresses)";
        }
        return null;
    }
}

package dev.nestor.it;

import static org.junit.jupiter.api.Assumptions.abort;

import dev.nestor.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One server of an HA pair on loopback (nestor or stock kea-dhcp4), with its config, lease file and control socket
 * in its own directory; it can be killed and started again on the same files.
 */
final class HaPeer implements AutoCloseable {
    /** Which implementation runs this peer. */
    enum Kind { NESTOR, KEA }

    private final Kind kind;
    private final String role;
    private final Path directory;
    private final Path config;
    private final JsonObject configJson;
    private ChildProcess process;

    HaPeer(Kind kind, String role, Path directory, int primaryPort, int standbyPort) {
        this.kind = kind;
        this.role = role;
        this.directory = directory;
        this.configJson = SeedConfigs.highAvailability(role, directory, primaryPort, standbyPort, Loopback.RELAY,
                Loopback.RELAY_TWO);
        this.config = SeedConfigs.write(configJson, directory.resolve("kea-dhcp4.conf"));
    }

    /** Starts (or starts again) the server process. */
    HaPeer start() throws IOException, InterruptedException {
        String name = kind.name().toLowerCase(Locale.ROOT) + "-" + role;
        process = kind == Kind.NESTOR ? NestorProcess.start(name, directory, config)
                : KeaProcess.start(name, directory, config);
        control().awaitReady(Duration.ofSeconds(20));
        return this;
    }

    /**
     * For a nestor peer: skips the test unless status-get reports an HA relationship within 10 s (the HA service
     * starts shortly after DHCP4_STARTED).
     */
    HaPeer assumeHaAttached() throws InterruptedException {
        if (kind == Kind.NESTOR) {
            try {
                Await.until(process.name() + " reporting high-availability in status-get", Duration.ofSeconds(10),
                        () -> status().isPresent());
            } catch (AssertionError notAttached) {
                abort("HA not attached in this build");
            }
        }
        return this;
    }

    /** The {@code high-availability[0]} map of status-get, if the server reports one. */
    Optional<JsonObject> status() throws IOException {
        JsonObject answer = control().send("status-get");
        return answer.object("arguments").flatMap(arguments -> arguments.array("high-availability"))
                .filter(list -> !list.isEmpty()).map(list -> (JsonObject) list.get(0));
    }

    /** This server's HA state as status-get reports it ("" when unknown). */
    String state() {
        try {
            return status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("local"))
                    .flatMap(local -> local.string("state")).orElse("");
        } catch (IOException notAnswering) {
            return "";
        }
    }

    /** The partner as status-get reports it: {@code high-availability[0].ha-servers.remote}. */
    JsonObject remote() throws IOException {
        return status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("remote"))
                .orElseThrow(() -> new AssertionError("status-get has no ha-servers.remote"));
    }

    /** This server's served scopes as status-get reports them. */
    java.util.List<String> scopes() throws IOException {
        java.util.List<String> scopes = new java.util.ArrayList<>();
        status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("local"))
                .flatMap(local -> local.array("scopes")).ifPresent(list -> list.forEach(
                        scope -> scopes.add(((dev.nestor.json.JsonString) scope).value())));
        return scopes;
    }

    /** Waits until status-get says {@code state} or the log has a transition to it. */
    void awaitState(String state, Duration timeout) throws InterruptedException {
        String logged = "HA_STATE_TRANSITION.* to " + state.toUpperCase(Locale.ROOT) + " state";
        try {
            Await.until(process.name() + " in state " + state, timeout,
                    () -> state.equals(state()) || process.logged(logged));
        } catch (AssertionError late) {
            throw new AssertionError(late.getMessage() + "; last state '" + state() + "'\n--- " + process.name()
                    + " ---\n" + ChildProcess.tail(process.outputs()), late);
        }
    }

    ControlClient control() {
        return ControlClient.unix(SeedConfigs.controlSocket(configJson));
    }

    Path leaseFile() {
        return SeedConfigs.leaseFile(configJson);
    }

    ChildProcess process() {
        return process;
    }

    Kind kind() {
        return kind;
    }

    String address() {
        return role.equals("primary") ? Loopback.PRIMARY : Loopback.STANDBY;
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}

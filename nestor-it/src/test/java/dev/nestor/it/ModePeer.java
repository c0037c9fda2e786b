package dev.nestor.it;

import static org.junit.jupiter.api.Assumptions.abort;

import dev.nestor.it.HaPeer.Kind;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One server of an HA relationship of any mode on loopback (nestor or stock kea-dhcp4), its config, lease file and
 * control socket in its own directory; it can be killed and started again on the same files.
 */
final class ModePeer implements AutoCloseable {
    private final Kind kind;
    private final String name;
    private final String address;
    private final Path directory;
    private final JsonObject configJson;
    private final Path config;
    private ChildProcess process;

    ModePeer(Kind kind, String name, String address, Path directory, JsonObject configJson) {
        this.kind = kind;
        this.name = name;
        this.address = address;
        this.directory = directory;
        this.configJson = configJson;
        this.config = SeedConfigs.write(configJson, directory.resolve("kea-dhcp4.conf"));
    }

    /** Starts (or starts again) the server process; skips when a nestor build has no HA attached. */
    ModePeer start() throws IOException, InterruptedException {
        String processName = kind.name().toLowerCase(Locale.ROOT) + "-" + name;
        process = kind == Kind.NESTOR ? NestorProcess.start(processName, directory, config)
                : KeaProcess.start(processName, directory, config);
        control().awaitReady(Duration.ofSeconds(20));
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

    /** The partner's last state as status-get reports it ("" when unknown or not reported). */
    String partnerState() {
        try {
            return status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("remote"))
                    .flatMap(remote -> remote.string("last-state")).orElse("");
        } catch (IOException notAnswering) {
            return "";
        }
    }

    /** This server's served scopes as status-get reports them. */
    List<String> scopes() throws IOException {
        List<String> scopes = new ArrayList<>();
        status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("local"))
                .flatMap(local -> local.array("scopes"))
                .ifPresent(list -> list.forEach(scope -> scopes.add(((JsonString) scope).value())));
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

    String name() {
        return name;
    }

    String address() {
        return address;
    }

    /** The last lines of this server's output, for failure messages. */
    String tail() {
        return process == null ? "" : "--- " + process.name() + " ---\n" + ChildProcess.tail(process.outputs());
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}

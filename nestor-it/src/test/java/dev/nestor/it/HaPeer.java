package dev.nestor.it;

import dev.nestor.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One server of the seed's hot-standby pair on loopback (nestor or stock kea-dhcp4): the seed config of its role
 * adapted by {@link SeedConfigs#highAvailability}, run as a {@link ModePeer} in its own directory; it can be killed
 * and started again on the same files.
 */
final class HaPeer implements AutoCloseable {
    /** Which implementation runs this peer. */
    enum Kind { NESTOR, KEA }

    private final ModePeer peer;

    HaPeer(Kind kind, String role, Path directory, int primaryPort, int standbyPort) {
        String address = role.equals("primary") ? Loopback.PRIMARY : Loopback.STANDBY;
        peer = new ModePeer(kind, role, address, directory, SeedConfigs.highAvailability(role, directory,
                primaryPort, standbyPort, Loopback.RELAY, Loopback.RELAY_TWO));
    }

    /** Starts (or starts again) the server process; a nestor build without HA attached skips the test. */
    HaPeer start() throws IOException, InterruptedException {
        peer.start();
        return this;
    }

    /** Kept for the tests' reading order: {@link #start} has already skipped a nestor build without HA. */
    HaPeer assumeHaAttached() {
        return this;
    }

    /** The {@code high-availability[0]} map of status-get, if the server reports one. */
    Optional<JsonObject> status() throws IOException {
        return peer.status();
    }

    /** This server's HA state as status-get reports it ("" when unknown). */
    String state() {
        return peer.state();
    }

    /** The partner as status-get reports it: {@code high-availability[0].ha-servers.remote}. */
    JsonObject remote() throws IOException {
        return status().flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("remote"))
                .orElseThrow(() -> new AssertionError("status-get has no ha-servers.remote"));
    }

    /** This server's served scopes as status-get reports them. */
    java.util.List<String> scopes() throws IOException {
        return peer.scopes();
    }

    /** Waits until status-get says {@code state} or the log has a transition to it. */
    void awaitState(String state, Duration timeout) throws InterruptedException {
        peer.awaitState(state, timeout);
    }

    ControlClient control() {
        return peer.control();
    }

    Path leaseFile() {
        return peer.leaseFile();
    }

    ChildProcess process() {
        return peer.process();
    }

    Kind kind() {
        return peer.kind();
    }

    String address() {
        return peer.address();
    }

    @Override
    public void close() {
        peer.close();
    }
}

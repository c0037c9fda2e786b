package dev.nestor.tools.lab;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hot-standby pair's configs: {@code examples/hot-standby/{primary,standby}.json} of the repository (found
 * from the running jar or class path, else the copies bundled in nestor-tools' jar), copied into the run
 * directory with only run-time values rewritten: the control socket and lease file paths, the HA peer URLs'
 * ports, and the HA timers.
 */
final class LabConfigs {
    static final String EXAMPLES = "examples/hot-standby";

    /** The guide's short timers for the test plan (milliseconds; max-unacked-clients a count). */
    record Timers(long heartbeatDelay, long maxResponseDelay, long maxAckDelay, long maxUnackedClients) {
        static final Timers GUIDE = new Timers(1000, 3000, 1000, 10);

        String describe() {
            return "heartbeat-delay " + heartbeatDelay + ", max-response-delay " + maxResponseDelay
                    + ", max-ack-delay " + maxAckDelay + ", max-unacked-clients " + maxUnackedClients;
        }
    }

    /** A server's copy in the run directory and the paths it names. */
    record Copy(Path config, Path controlSocket, Path leaseFile) {
    }

    /** The example text of {@code role} and where it came from. */
    record Source(String text, String origin) {
    }

    private LabConfigs() {
    }

    /** Reads the example of {@code role} ("primary" or "standby"). */
    static Source example(String role) throws IOException {
        String file = role + ".json";
        Path directory = repositoryExamples();
        if (directory != null) {
            Path path = directory.resolve(file);
            return new Source(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        }
        try (InputStream in = LabConfigs.class.getResourceAsStream("/" + EXAMPLES + "/" + file)) {
            if (in == null) {
                throw new IOException("no " + EXAMPLES + "/" + file + " in the repository or the class path");
            }
            return new Source(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "the copy of " + EXAMPLES + "/" + file + " bundled in nestor-tools");
        }
    }

    /** {@code examples/hot-standby} of the repository this code runs from, or of the working directory; else null. */
    static Path repositoryExamples() {
        List<Path> starts = new ArrayList<>();
        try {
            URI location = LabConfigs.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            starts.add(Path.of(location).toAbsolutePath());
        } catch (URISyntaxException | RuntimeException unknown) {
            // no code source: the working directory only
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path directory = start; directory != null; directory = directory.getParent()) {
                Path candidate = directory.resolve(EXAMPLES);
                if (Files.isRegularFile(candidate.resolve("primary.json"))
                        && Files.isRegularFile(candidate.resolve("standby.json"))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Writes {@code role}'s copy into {@code directory}: control socket {@code ROLE.sock}, lease file
     * {@code ROLE-leases4.csv}, peer URLs on the given ports (same host), and {@code timers}.
     */
    static Copy write(Source source, String role, Path directory, int primaryHaPort, int standbyHaPort,
                      Timers timers) throws IOException {
        JsonObject root;
        try {
            root = (JsonObject) JsonParser.parseKea(source.text(), source.origin(), null).value();
        } catch (JsonParseException | ClassCastException unreadable) {
            throw new IOException("cannot read " + source.origin() + ": " + unreadable.getMessage(), unreadable);
        }
        JsonObject dhcp4 = root.object("Dhcp4").orElseThrow(() -> new IOException(source.origin() + " has no Dhcp4"));
        Path controlSocket = directory.resolve(role + ".sock");
        Path leaseFile = directory.resolve(role + "-leases4.csv");
        dhcp4 = dhcp4.with("control-socket", dhcp4.object("control-socket").orElse(JsonObject.EMPTY)
                .with("socket-type", Json.string("unix"))
                .with("socket-name", Json.string(controlSocket.toString())));
        dhcp4 = dhcp4.with("lease-database", dhcp4.object("lease-database").orElse(JsonObject.EMPTY)
                .with("name", Json.string(leaseFile.toString())));
        JsonArray.Builder hooks = JsonArray.builder();
        boolean ha = false;
        for (JsonValue value : dhcp4.array("hooks-libraries").orElse(JsonArray.builder().build())) {
            JsonObject hook = (JsonObject) value;
            if (hook.string("library").orElse("").endsWith("libdhcp_ha.so")) {
                hook = withPeers(hook, primaryHaPort, standbyHaPort, timers);
                ha = true;
            }
            hooks.add(hook);
        }
        if (!ha) {
            throw new IOException(source.origin() + " loads no libdhcp_ha.so hook");
        }
        dhcp4 = dhcp4.with("hooks-libraries", hooks.build());
        Path config = directory.resolve(role + ".json");
        Files.writeString(config, JsonWriter.pretty(root.with("Dhcp4", dhcp4)) + "\n", StandardCharsets.UTF_8);
        return new Copy(config, controlSocket, leaseFile);
    }

    private static JsonObject withPeers(JsonObject hook, int primaryHaPort, int standbyHaPort, Timers timers)
            throws IOException {
        JsonObject parameters = hook.object("parameters").orElseThrow(() -> new IOException("HA hook without parameters"));
        JsonArray relationships = parameters.array("high-availability")
                .orElseThrow(() -> new IOException("HA hook without high-availability"));
        JsonObject relationship = (JsonObject) relationships.get(0);
        JsonArray.Builder peers = JsonArray.builder();
        for (JsonValue value : relationship.array("peers").orElseThrow(() -> new IOException("HA without peers"))) {
            JsonObject peer = (JsonObject) value;
            boolean primary = peer.string("role").orElse("").equals("primary");
            URI url = URI.create(peer.string("url").orElseThrow(() -> new IOException("HA peer without url")));
            String host = url.getHost() == null ? "127.0.0.1" : url.getHost();
            peers.add(peer.with("url", Json.string(url.getScheme() + "://" + host + ":"
                    + (primary ? primaryHaPort : standbyHaPort) + "/")));
        }
        relationship = relationship.with("peers", peers.build())
                .with("heartbeat-delay", Json.number(timers.heartbeatDelay()))
                .with("max-response-delay", Json.number(timers.maxResponseDelay()))
                .with("max-ack-delay", Json.number(timers.maxAckDelay()))
                .with("max-unacked-clients", Json.number(timers.maxUnackedClients()));
        return hook.with("parameters", parameters.with("high-availability", JsonArray.of(relationship)));
    }

    /** The relay address of the copy's first subnet (where the lab's client must send from), or 127.0.0.1. */
    static String relayAddress(Source source) {
        try {
            JsonObject dhcp4 = ((JsonObject) JsonParser.parseKea(source.text(), source.origin(), null).value())
                    .object("Dhcp4").orElseThrow();
            JsonObject subnet = (JsonObject) dhcp4.array("subnet4").orElseThrow().get(0);
            return ((dev.nestor.json.JsonString) subnet.object("relay").orElseThrow().array("ip-addresses")
                    .orElseThrow().get(0)).value();
        } catch (JsonParseException | RuntimeException none) {
            return "127.0.0.1";
        }
    }
}

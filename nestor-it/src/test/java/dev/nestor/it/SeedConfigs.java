package dev.nestor.it;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The team's seed configs ({@code seeds/seed-primary.json}, {@code seeds/seed-standby.json}, copies of
 * shared/examples) adapted only where loopback needs it: the interface becomes {@code lo/ADDRESS} with UDP sockets,
 * the lease file and control socket move to the test's directory, the subnet gets a relay entry for perfdhcp's
 * addresses, and HA peer URLs point at loopback with short timers.
 */
final class SeedConfigs {
    /** The seed's subnet pool holds 248 addresses; load tests with more clients widen it (same subnet start). */
    static final String WIDE_SUBNET = "172.28.0.0/20";
    static final String WIDE_POOL = "172.28.0.2-172.28.15.249";

    /** HA timers for tests (milliseconds), short so failover happens within seconds. */
    static final long HEARTBEAT_DELAY = 1000;
    static final long MAX_RESPONSE_DELAY = 3000;
    static final long MAX_ACK_DELAY = 1000;
    static final long MAX_UNACKED_CLIENTS = 10;

    private SeedConfigs() {
    }

    /** The parsed seed ("primary" or "standby"). */
    static JsonObject seed(String which) {
        try (InputStream in = SeedConfigs.class.getResourceAsStream("/seeds/seed-" + which + ".json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (JsonObject) JsonParser.parseKea(text, "seed-" + which + ".json", null).value();
        } catch (IOException | dev.nestor.json.JsonParseException unreadable) {
            throw new IllegalStateException("seed " + which + " unreadable", unreadable);
        }
    }

    /**
     * The primary seed with the HA hook removed (lease_cmds kept), serving on {@code lo/address}, with files in
     * {@code directory}. {@code widePool} widens the subnet so a few thousand clients fit.
     */
    static JsonObject single(Path directory, String address, boolean widePool, String... relays) {
        JsonObject dhcp4 = adapt(seed("primary").object("Dhcp4").orElseThrow(), directory, address, widePool, relays);
        JsonArray.Builder hooks = JsonArray.builder();
        for (JsonValue hook : dhcp4.array("hooks-libraries").orElseThrow()) {
            if (!((JsonObject) hook).string("library").orElseThrow().endsWith("libdhcp_ha.so")) {
                hooks.add(hook);
            }
        }
        return JsonObject.builder().put("Dhcp4", dhcp4.with("hooks-libraries", hooks.build())).build();
    }

    /**
     * The seed of {@code role} ("primary" or "standby") for an HA pair on loopback: peer URLs
     * {@code http://PRIMARY:primaryPort/} and {@code http://STANDBY:standbyPort/}, this server's DHCP socket on its
     * own address, test timers, and HA multi-threading with a dedicated HTTP listener (as Kea 2.2 needs to be
     * reachable without a control agent).
     */
    static JsonObject highAvailability(String role, Path directory, int primaryPort, int standbyPort,
            String... relays) {
        String address = role.equals("primary") ? Loopback.PRIMARY : Loopback.STANDBY;
        JsonObject dhcp4 = adapt(seed(role).object("Dhcp4").orElseThrow(), directory, address, false, relays);
        JsonArray.Builder hooks = JsonArray.builder();
        for (JsonValue value : dhcp4.array("hooks-libraries").orElseThrow()) {
            JsonObject hook = (JsonObject) value;
            if (hook.string("library").orElseThrow().endsWith("libdhcp_ha.so")) {
                JsonObject parameters = hook.object("parameters").orElseThrow();
                JsonObject relationship = (JsonObject) parameters.array("high-availability").orElseThrow().get(0);
                JsonArray.Builder peers = JsonArray.builder();
                for (JsonValue peerValue : relationship.array("peers").orElseThrow()) {
                    JsonObject peer = (JsonObject) peerValue;
                    boolean primary = peer.string("role").orElseThrow().equals("primary");
                    String url = "http://" + (primary ? Loopback.PRIMARY : Loopback.STANDBY) + ":"
                            + (primary ? primaryPort : standbyPort) + "/";
                    peers.add(peer.with("url", dev.nestor.json.Json.string(url)));
                }
                relationship = relationship.with("peers", peers.build())
                        .with("heartbeat-delay", dev.nestor.json.Json.number(HEARTBEAT_DELAY))
                        .with("max-response-delay", dev.nestor.json.Json.number(MAX_RESPONSE_DELAY))
                        .with("max-ack-delay", dev.nestor.json.Json.number(MAX_ACK_DELAY))
                        .with("max-unacked-clients", dev.nestor.json.Json.number(MAX_UNACKED_CLIENTS))
                        .with("multi-threading", JsonObject.builder().put("enable-multi-threading", true)
                                .put("http-dedicated-listener", true).put("http-listener-threads", 2)
                                .put("http-client-threads", 2).build());
                hook = hook.with("parameters",
                        parameters.with("high-availability", JsonArray.of(relationship)));
            }
            hooks.add(hook);
        }
        return JsonObject.builder().put("Dhcp4", dhcp4.with("hooks-libraries", hooks.build())).build();
    }

    private static JsonObject adapt(JsonObject dhcp4, Path directory, String address, boolean widePool,
            String... relays) {
        JsonObject interfaces = JsonObject.builder()
                .put("interfaces", JsonArray.builder().add("lo/" + address))
                .put("dhcp-socket-type", "udp").build();
        JsonObject controlSocket = dhcp4.object("control-socket").orElseThrow()
                .with("socket-name", dev.nestor.json.Json.string(directory.resolve("control.sock").toString()));
        JsonObject leaseDatabase = dhcp4.object("lease-database").orElseThrow()
                .with("name", dev.nestor.json.Json.string(directory.resolve("leases4.csv").toString()));
        JsonArray.Builder relayAddresses = JsonArray.builder();
        for (String relay : relays) {
            relayAddresses.add(relay);
        }
        JsonObject subnet = (JsonObject) dhcp4.array("subnet4").orElseThrow().get(0);
        subnet = subnet.with("relay", JsonObject.builder().put("ip-addresses", relayAddresses).build());
        if (widePool) {
            subnet = subnet.with("subnet", dev.nestor.json.Json.string(WIDE_SUBNET))
                    .with("pools", JsonArray.of(JsonObject.builder().put("pool", WIDE_POOL).build()));
        }
        return dhcp4.with("interfaces-config", interfaces).with("control-socket", controlSocket)
                .with("lease-database", leaseDatabase).with("subnet4", JsonArray.of(subnet));
    }

    /** The socket path a config's control-socket names. */
    static Path controlSocket(JsonObject config) {
        return Path.of(config.object("Dhcp4").orElseThrow().object("control-socket").orElseThrow()
                .string("socket-name").orElseThrow());
    }

    /** The lease file a config names. */
    static Path leaseFile(JsonObject config) {
        return Path.of(config.object("Dhcp4").orElseThrow().object("lease-database").orElseThrow()
                .string("name").orElseThrow());
    }

    /** Writes {@code config} to {@code file} (pretty JSON) and returns the file. */
    static Path write(JsonObject config, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JsonWriter.pretty(config), StandardCharsets.UTF_8);
            return file;
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}

package dev.nestor.it;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;
import java.nio.file.Path;
import java.util.List;

/**
 * Server configs for the HA mode tests, from the team's primary seed adapted as {@link SeedConfigs} does (interface
 * {@code lo/ADDRESS} with UDP sockets, files in the test's directory, a relay entry for perfdhcp, the wide
 * 172.28.0.0/20 subnet) with an HA relationship of any mode and peers, test timers and HA multi-threading with a
 * dedicated HTTP listener. Each server gets its own pool inside the shared subnet: Nestor has no {@code HA_<server>}
 * client classes yet, and split pools keep two load-balancing servers from handing out one address twice.
 */
final class ModeConfigs {
    /** One peer of a relationship: its name, Kea role, address and HTTP port. */
    record Member(String name, String role, String address, int port) {
        String url() {
            return "http://" + address + ":" + port + "/";
        }
    }

    private ModeConfigs() {
    }

    /**
     * The config of server {@code self} in a relationship of {@code mode} with {@code members}, serving
     * {@code pool} of the wide subnet. {@code extra} members are added to the relationship (e.g. wait-backup-ack).
     */
    static JsonObject server(String mode, Member self, List<Member> members, Path directory, String pool,
            JsonObject extra, String... relays) {
        JsonObject dhcp4 = SeedConfigs.seed("primary").object("Dhcp4").orElseThrow();
        JsonArray.Builder peers = JsonArray.builder();
        for (Member member : members) {
            peers.add(JsonObject.builder().put("name", member.name()).put("url", member.url())
                    .put("role", member.role()).build());
        }
        JsonObject.Builder relationship = JsonObject.builder().put("this-server-name", self.name())
                .put("mode", mode).put("peers", peers)
                .put("heartbeat-delay", SeedConfigs.HEARTBEAT_DELAY)
                .put("max-response-delay", SeedConfigs.MAX_RESPONSE_DELAY)
                .put("max-ack-delay", SeedConfigs.MAX_ACK_DELAY)
                .put("max-unacked-clients", SeedConfigs.MAX_UNACKED_CLIENTS)
                .put("multi-threading", JsonObject.builder().put("enable-multi-threading", true)
                        .put("http-dedicated-listener", true).put("http-listener-threads", 2)
                        .put("http-client-threads", 2).build());
        extra.members().forEach(relationship::put);
        JsonArray.Builder hooks = JsonArray.builder();
        for (JsonValue value : dhcp4.array("hooks-libraries").orElseThrow()) {
            JsonObject hook = (JsonObject) value;
            if (hook.string("library").orElseThrow().endsWith("libdhcp_ha.so")) {
                hook = hook.with("parameters", JsonObject.builder()
                        .put("high-availability", JsonArray.of(relationship.build())).build());
            }
            hooks.add(hook);
        }
        JsonObject interfaces = JsonObject.builder().put("interfaces", JsonArray.builder().add("lo/" + self.address()))
                .put("dhcp-socket-type", "udp").build();
        JsonObject controlSocket = dhcp4.object("control-socket").orElseThrow()
                .with("socket-name", Json.string(directory.resolve("control.sock").toString()));
        JsonObject leaseDatabase = dhcp4.object("lease-database").orElseThrow()
                .with("name", Json.string(directory.resolve("leases4.csv").toString()));
        JsonArray.Builder relayAddresses = JsonArray.builder();
        for (String relay : relays) {
            relayAddresses.add(relay);
        }
        JsonObject subnet = ((JsonObject) dhcp4.array("subnet4").orElseThrow().get(0))
                .with("relay", JsonObject.builder().put("ip-addresses", relayAddresses).build())
                .with("subnet", Json.string(SeedConfigs.WIDE_SUBNET))
                .with("pools", JsonArray.of(JsonObject.builder().put("pool", pool).build()));
        dhcp4 = dhcp4.with("interfaces-config", interfaces).with("control-socket", controlSocket)
                .with("lease-database", leaseDatabase).with("subnet4", JsonArray.of(subnet))
                .with("hooks-libraries", hooks.build());
        return JsonObject.builder().put("Dhcp4", dhcp4).build();
    }
}

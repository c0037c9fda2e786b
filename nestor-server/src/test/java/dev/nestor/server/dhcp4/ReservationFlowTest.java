package dev.nestor.server.dhcp4;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.lease.Durability;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import dev.nestor.server.testing.TestClient;
import dev.nestor.server.testing.TestClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host reservations and option inheritance from a Kea configuration text, served over loopback. */
class ReservationFlowTest {
    @TempDir
    Path directory;
    private TestClient client;
    private Dhcp4Service service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        client.close();
    }

    private void start() throws Exception {
        client = new TestClient();
        String text = """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                  "valid-lifetime": 4000,
                  "option-data": [ { "name": "domain-name", "data": "global.example" },
                                   { "name": "ntp-servers", "data": "10.9.9.9", "always-send": true } ],
                  "subnet4": [ { "id": 7, "subnet": "10.0.0.0/8",
                      "pools": [ { "pool": "10.0.0.10 - 10.0.0.12",
                                   "option-data": [ { "name": "domain-name-servers", "data": "10.0.0.53" } ] } ],
                      "relay": { "ip-addresses": [ "127.0.0.1" ] },
                      "option-data": [ { "name": "routers", "data": "10.0.0.1" },
                                       { "name": "domain-name", "data": "subnet.example" } ],
                      "reservations": [
                        { "hw-address": "00:0c:01:00:00:01", "ip-address": "10.0.0.200", "hostname": "printer",
                          "next-server": "10.0.0.5",
                          "option-data": [ { "name": "routers", "data": "10.0.0.254" } ] },
                        { "hw-address": "00:0c:01:00:00:02", "ip-address": "10.0.0.11" } ] } ]
                } }
                """.formatted(directory.resolve("leases4.csv"));
        Dhcp4Config config = ConfigLoader.parseDhcp4(text, "reservations.json", directory).config();
        service = Dhcp4Service.start(config, new Ports(0, client.port()), Durability.WRITE, Clock.systemUTC());
        client.target(service.server().boundPorts().getFirst());
    }

    @Test
    void reservedClientGetsItsAddressNameAndHostOptions() throws Exception {
        start();
        Reply offer = client.exchange(client.packet(1, mac(1)).option(55, new byte[]{1, 3, 6, 12, 15}));
        assertThat(offer.yiaddr()).isEqualTo(ip("10.0.0.200"));
        assertThat(new String(offer.option(12), StandardCharsets.US_ASCII)).isEqualTo("printer");
        assertThat(offer.intOption(3)).as("host option over subnet option").isEqualTo(ip("10.0.0.254"));
        assertThat(offer.siaddr()).isEqualTo(ip("10.0.0.5"));
        Reply ack = client.exchange(client.packet(3, mac(1)).address(50, offer.yiaddr())
                .address(54, ip("127.0.0.1")));
        assertThat(ack.type()).isEqualTo(5);
        assertThat(service.server().leaseStore().get(ip("10.0.0.200"))).isPresent();
        assertThat(service.server().statistics().value("subnet[7].assigned-addresses")).isEqualTo(1);
    }

    @Test
    void reservedAddressesAreNotGivenToOthersAndOptionsFollowInheritance() throws Exception {
        start();
        Reply first = client.exchange(client.packet(1, mac(3)).option(55, new byte[]{1, 3, 6, 15}));
        Reply firstAck = client.exchange(client.packet(3, mac(3)).address(50, first.yiaddr())
                .address(54, ip("127.0.0.1")));
        Reply second = client.exchange(client.packet(1, mac(4)));
        assertThat(firstAck.yiaddr()).isEqualTo(ip("10.0.0.10"));
        assertThat(second.yiaddr()).as("10.0.0.11 is reserved for another client").isEqualTo(ip("10.0.0.12"));
        assertThat(first.intOption(6)).as("pool option").isEqualTo(ip("10.0.0.53"));
        assertThat(new String(first.option(15), StandardCharsets.US_ASCII)).as("subnet over global")
                .isEqualTo("subnet.example");
        assertThat(first.intOption(42)).as("always-send global option").isEqualTo(ip("10.9.9.9"));
        Reply nak = client.exchange(client.packet(3, mac(4)).address(50, ip("10.0.0.11"))
                .address(54, ip("127.0.0.1")));
        assertThat(nak.type()).isEqualTo(6);
    }
}

package dev.nestor.server.dhcp4;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.OptionSet;
import dev.nestor.server.engine.SubnetPlan;
import dev.nestor.server.net.InboundDatagram;
import dev.nestor.server.net.ListenAddress;
import dev.nestor.server.net.UdpDhcp4Socket;
import dev.nestor.server.testing.Plans;
import dev.nestor.server.testing.TestClient;
import java.net.Inet4Address;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** dhcp4-behaviour.md §3, on packets as they arrive on a real loopback socket. */
class SubnetSelectionTest {
    private static final Inet4Address LOOPBACK = (Inet4Address) Inet4Address.ofLiteral("127.0.0.1");
    private UdpDhcp4Socket socket;
    private EnginePlan plan;

    private static SubnetPlan subnet(long id, String prefix, int length, int[] relays, String clientClass) {
        return new SubnetPlan(id, ip(prefix), length, List.of(), relays, null, clientClass, Plans.parameters(),
                OptionSet.EMPTY, 0, new byte[0], new byte[0]);
    }

    @BeforeEach
    void setUp() throws Exception {
        socket = UdpDhcp4Socket.bind(new ListenAddress("lo", LOOPBACK, true), 0, false);
        plan = new EnginePlan(List.of(
                subnet(3, "127.0.0.0", 8, new int[0], null),
                subnet(2, "10.2.0.0", 16, new int[0], null),
                subnet(1, "10.1.0.0", 16, new int[]{ip("127.0.0.5")}, null),
                subnet(4, "10.4.0.0", 16, new int[]{ip("127.0.0.9")}, "VENDOR_CLASS_pxe")),
                List.of(), OptionSet.EMPTY, new int[0], true, 86400, EnginePlan.ReclaimSettings.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        socket.close();
    }

    private long select(TestClient.Packet packet, Inet4Address source) throws Exception {
        Query query = Query.parse(packet.encode());
        InboundDatagram datagram = new InboundDatagram(packet.encode(), source, 67, socket, 0);
        SubnetPlan subnet = Dhcp4Processor.select(query, datagram, plan,
                name -> name.equals("ALL") || name.equals("VENDOR_CLASS_" + vendor(query)));
        return subnet == null ? -1 : subnet.id();
    }

    private static String vendor(Query query) {
        byte[] vendor = query.option(60);
        return vendor == null ? "" : new String(vendor, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static TestClient.Packet packet() {
        return new TestClient.Packet(1, mac(1), 1);
    }

    @Test
    void relayAddressWinsOverPrefixAndSubnetsAreVisitedInIdOrder() throws Exception {
        assertThat(select(packet().giaddr(ip("127.0.0.5")), LOOPBACK)).isEqualTo(1);
        // no relay list matches: giaddr is then looked up by prefix
        assertThat(select(packet().giaddr(ip("10.2.3.4")), LOOPBACK)).isEqualTo(2);
        assertThat(select(packet().giaddr(ip("127.0.0.7")), LOOPBACK)).isEqualTo(3);
    }

    @Test
    void linkSelectionAndSubnetSelectionOptionsComeFirst() throws Exception {
        byte[] agent = {5, 4, 10, 2, 0, 1};
        assertThat(select(packet().giaddr(ip("127.0.0.5")).option(82, agent), LOOPBACK)).isEqualTo(2);
        assertThat(select(packet().giaddr(ip("127.0.0.5")).address(118, ip("10.2.9.9")), LOOPBACK)).isEqualTo(2);
        assertThat(select(packet().giaddr(ip("127.0.0.5")).address(118, ip("192.168.0.1")), LOOPBACK))
                .isEqualTo(-1);
    }

    @Test
    void directClientsAreSelectedByCiaddrThenSource() throws Exception {
        assertThat(select(packet().giaddr(0).ciaddr(ip("10.2.0.7")), LOOPBACK)).isEqualTo(2);
        assertThat(select(packet().giaddr(0), (Inet4Address) Inet4Address.ofLiteral("10.2.0.8"))).isEqualTo(2);
        assertThat(select(packet().giaddr(0), (Inet4Address) Inet4Address.ofLiteral("0.0.0.0")))
                .as("no address at all: the receiving interface's address").isEqualTo(3);
    }

    @Test
    void classRestrictedSubnetsNeedTheClass() throws Exception {
        assertThat(select(packet().giaddr(ip("127.0.0.9")), LOOPBACK)).as("falls back to the prefix").isEqualTo(3);
        assertThat(select(packet().giaddr(ip("127.0.0.9")).option(60, "pxe".getBytes()), LOOPBACK)).isEqualTo(4);
    }
}

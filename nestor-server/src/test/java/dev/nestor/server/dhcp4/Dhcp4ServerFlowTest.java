package dev.nestor.server.dhcp4;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Ports;
import dev.nestor.server.ServerSetup;
import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.testing.Plans;
import dev.nestor.server.testing.TestClient;
import dev.nestor.server.testing.TestClient.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each DHCPv4 message flow against a real server on loopback UDP with a real memfile store. */
class Dhcp4ServerFlowTest {
    @TempDir
    Path directory;
    private TestClient client;
    private Dhcp4Server server;
    private MemfileLeaseStore4 store;

    private void start(EnginePlan plan) throws Exception {
        client = new TestClient();
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")),
                Clock.systemUTC());
        server = Dhcp4Server.start(new ServerSetup(plan, List.of("lo/127.0.0.1"), true, 2, 64, 256), store,
                new Ports(0, client.port()), Clock.systemUTC());
        client.target(server.boundPorts().getFirst());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private long stat(String name) {
        return server.statistics().value(name);
    }

    private Reply dora(int n) throws Exception {
        Reply offer = client.exchange(client.packet(1, mac(n)));
        assertThat(offer).isNotNull();
        assertThat(offer.type()).isEqualTo(2);
        return client.exchange(client.packet(3, mac(n)).address(50, offer.yiaddr())
                .address(54, ip("127.0.0.1")));
    }

    @Test
    void discoverRequestGivesAnAckWithLeaseAndOptions() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        Reply offer = client.exchange(client.packet(1, mac(1)));
        assertThat(offer.type()).isEqualTo(2);
        assertThat(offer.yiaddr()).isEqualTo(ip("10.0.0.10"));
        assertThat(offer.intOption(51)).isEqualTo(4000);
        assertThat(offer.intOption(58)).isEqualTo(2000);
        assertThat(offer.intOption(59)).isEqualTo(3500);
        assertThat(offer.intOption(1)).isEqualTo(0xFF000000);
        assertThat(offer.intOption(54)).isEqualTo(ip("127.0.0.1"));
        assertThat(offer.intOption(3)).isEqualTo(ip("10.0.0.1"));
        assertThat(offer.codes().getFirst()).isEqualTo(53);
        assertThat(offer.codes().subList(1, offer.codes().size())).isSorted();
        assertThat(store.count()).isZero();

        Reply ack = client.exchange(client.packet(3, mac(1)).address(50, offer.yiaddr())
                .address(54, ip("127.0.0.1")));
        assertThat(ack.type()).isEqualTo(5);
        assertThat(ack.yiaddr()).isEqualTo(ip("10.0.0.10"));
        Lease4 lease = store.get(ip("10.0.0.10")).orElseThrow();
        assertThat(lease.hardwareAddress().toByteArray()).isEqualTo(mac(1));
        assertThat(lease.validLifetime()).isEqualTo(4000);
        awaitCondition(() -> stat("pkt4-ack-sent") == 1);
        assertThat(stat("pkt4-received")).isEqualTo(2);
        assertThat(stat("pkt4-discover-received")).isEqualTo(1);
        assertThat(stat("pkt4-offer-sent")).isEqualTo(1);
        assertThat(stat("pkt4-ack-sent")).isEqualTo(1);
        assertThat(stat("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].cumulative-assigned-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].pool[0].assigned-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].total-addresses")).isEqualTo(11);

        // second DISCOVER of the same client: its own lease again
        assertThat(client.exchange(client.packet(1, mac(1))).yiaddr()).isEqualTo(ip("10.0.0.10"));
        // another client gets the next address
        assertThat(dora(2).yiaddr()).isEqualTo(ip("10.0.0.11"));
    }

    @Test
    void renewingAndRebindingClientsKeepTheirAddress() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        int address = dora(1).yiaddr();
        Reply renew = client.exchange(client.packet(3, mac(1)).ciaddr(address));
        assertThat(renew.type()).isEqualTo(5);
        assertThat(renew.yiaddr()).isEqualTo(address);
        assertThat(renew.ciaddr()).isEqualTo(address);
        assertThat(stat("subnet[1].assigned-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].cumulative-assigned-addresses")).isEqualTo(1);
    }

    @Test
    void requestForAnotherClientsAddressIsNaked() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        int taken = dora(1).yiaddr();
        Reply nak = client.exchange(client.packet(3, mac(2)).address(50, taken).address(54, ip("127.0.0.1")));
        assertThat(nak.type()).isEqualTo(6);
        assertThat(nak.yiaddr()).isZero();
        assertThat(nak.option(51)).isNull();
        assertThat(nak.intOption(54)).isEqualTo(ip("127.0.0.1"));
        awaitCondition(() -> stat("pkt4-nak-sent") == 1);
    }

    @Test
    void requestOutsideEveryPoolIsIgnoredAndInitRebootWithoutLeaseIsSilentWhenNotAuthoritative()
            throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        assertThat(client.exchange(client.packet(3, mac(1)).address(50, ip("10.9.9.9"))
                .address(54, ip("127.0.0.1")))).isNull();
        assertThat(client.exchange(client.packet(3, mac(1)).address(50, ip("10.0.0.15")))).isNull();
    }

    @Test
    void releaseFreesTheAddressAndDeclineParksIt() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 3600));
        int first = dora(1).yiaddr();
        client.sendRaw(client.packet(7, mac(1)).ciaddr(first).address(54, ip("127.0.0.1")).encode());
        awaitCondition(() -> store.get(first).isEmpty() && stat("subnet[1].assigned-addresses") == 0);
        assertThat(stat("pkt4-release-received")).isEqualTo(1);

        int second = dora(2).yiaddr();
        client.sendRaw(client.packet(4, mac(2)).address(50, second).address(54, ip("127.0.0.1")).encode());
        awaitCondition(() -> stat("subnet[1].declined-addresses") == 1);
        Lease4 declined = store.get(second).orElseThrow();
        assertThat(declined.hardwareAddress().isEmpty()).isTrue();
        assertThat(declined.validLifetime()).isEqualTo(3600);
        assertThat(stat("declined-addresses")).isEqualTo(1);
        assertThat(stat("subnet[1].declined-addresses")).isEqualTo(1);
        // the declined address is not offered to the next client
        assertThat(client.exchange(client.packet(1, mac(3))).yiaddr()).isNotEqualTo(second);
    }

    @Test
    void informGetsAnAckWithoutLease() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        Reply ack = client.exchange(client.packet(8, mac(1)));
        assertThat(ack.type()).isEqualTo(5);
        assertThat(ack.yiaddr()).isZero();
        assertThat(ack.option(51)).isNull();
        assertThat(ack.intOption(6)).isEqualTo(ip("10.0.0.2"));
        assertThat(store.count()).isZero();
    }

    @Test
    void exhaustedPoolGetsNoAnswerAndIsCounted() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.11", Plans.parameters()), 86400));
        dora(1);
        dora(2);
        assertThat(client.exchange(client.packet(1, mac(3)))).isNull();
        assertThat(stat("v4-allocation-fail")).isEqualTo(1);
        assertThat(stat("v4-allocation-fail-subnet")).isEqualTo(1);
        assertThat(stat("v4-allocation-fail-classes")).isEqualTo(1);
        assertThat(stat("subnet[1].v4-allocation-fail")).isEqualTo(1);
    }

    @Test
    void leasesSurviveARestart() throws Exception {
        EnginePlan plan = Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400);
        start(plan);
        int first = dora(1).yiaddr();
        int second = dora(2).yiaddr();
        server.close();
        store.close();
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")),
                Clock.systemUTC());
        EnginePlan again = Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400);
        server = Dhcp4Server.start(new ServerSetup(again, List.of("lo/127.0.0.1"), true, 2, 64, 256), store,
                new Ports(0, client.port()), Clock.systemUTC());
        client.target(server.boundPorts().getFirst());
        assertThat(store.get(first)).isPresent();
        assertThat(store.get(second)).isPresent();
        assertThat(stat("subnet[1].assigned-addresses")).isEqualTo(2);
        // a new client does not get either address; the old ones get their own back
        assertThat(client.exchange(client.packet(1, mac(3))).yiaddr()).isNotIn(first, second);
        assertThat(client.exchange(client.packet(1, mac(2))).yiaddr()).isEqualTo(second);
    }

    @Test
    void malformedPacketsAreDroppedAndCounted() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        client.sendRaw(new byte[]{1, 2, 3});
        client.sendRaw(client.packet(1, mac(1)).op(2).encode());
        byte[] badHlen = client.packet(1, mac(1)).encode();
        badHlen[2] = 17;
        client.sendRaw(badHlen);
        client.sendRaw(client.packet(0, mac(1)).encode());
        byte[] manyOptions = new byte[240 + 3 * 20000 + 1];
        System.arraycopy(client.packet(1, mac(1)).encode(), 0, manyOptions, 0, 240);
        for (int i = 0; i < 20000; i++) {
            manyOptions[240 + 3 * i] = (byte) (100 + i % 100);
            manyOptions[241 + 3 * i] = 1;
        }
        manyOptions[manyOptions.length - 1] = (byte) 255;
        client.sendRaw(manyOptions);
        awaitCondition(() -> stat("pkt4-receive-drop") == 5);
        assertThat(stat("pkt4-received")).isEqualTo(5);
        assertThat(stat("pkt4-parse-failed")).isEqualTo(3);
        assertThat(stat("pkt4-unknown-received")).isEqualTo(2);
        assertThat(stat("pkt4-receive-drop")).isEqualTo(5);
        // the server still answers
        assertThat(dora(9).type()).isEqualTo(5);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void relayAgentInformationIsEchoedLastAndBroadcastFlagIsKept() throws Exception {
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", Plans.parameters()), 86400));
        byte[] agent = {1, 3, 'e', 't', 'h', 2, 2, 0x12, 0x34};
        Reply offer = client.exchange(client.packet(1, mac(1)).option(82, agent).broadcast());
        assertThat(offer.option(82)).containsExactly(agent);
        assertThat(offer.codes().getLast()).isEqualTo(82);
        assertThat(offer.bytes()[10] & 0x80).isEqualTo(0x80);
        Reply nak = client.exchange(client.packet(3, mac(2)).address(50, ip("10.0.0.99"))
                .address(54, ip("127.0.0.1")).option(82, agent).ciaddr(0));
        // 10.0.0.99 is outside the pool: silence, not a NAK (unknown address)
        assertThat(nak).isNull();
    }

    @Test
    void authoritativeServerNaksInitRebootOfAnUnknownClient() throws Exception {
        var parameters = new dev.nestor.server.engine.LeaseParameters(4000, 4000, 4000, -1, -1, false, 0.5, 0.875,
                Double.NaN, -1, true, true);
        start(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20", parameters), 86400));
        Reply nak = client.exchange(client.packet(3, mac(5)).address(50, ip("10.0.0.15")));
        assertThat(nak.type()).isEqualTo(6);
        int address = dora(6).yiaddr();
        // INIT-REBOOT asking for another address than the client's lease: NAK
        assertThat(client.exchange(client.packet(3, mac(6)).address(50, ip("10.0.0.19"))).type()).isEqualTo(6);
        // and for its own address: ACK
        assertThat(client.exchange(client.packet(3, mac(6)).address(50, address)).type()).isEqualTo(5);
    }
}

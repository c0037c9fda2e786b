package dev.nestor.server.dhcp4;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Ports;
import dev.nestor.server.ServerSetup;
import dev.nestor.server.hooks.Admission;
import dev.nestor.server.hooks.CommitDecision;
import dev.nestor.server.hooks.CommittedLeases;
import dev.nestor.server.hooks.ParkedResponse;
import dev.nestor.server.testing.Plans;
import dev.nestor.server.testing.TestClient;
import dev.nestor.server.testing.TestClient.Reply;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HA hook points, the dhcp-disable switch and a failing lease store, against a real server on loopback. */
class Dhcp4HooksAndFaultsTest {
    @TempDir
    Path directory;
    private TestClient client;
    private Dhcp4Server server;
    private MemfileLeaseStore4 store;

    @BeforeEach
    void start() throws Exception {
        client = new TestClient();
        store = MemfileLeaseStore4.open(MemfileSettings.persistent(directory.resolve("leases4.csv")),
                Clock.systemUTC());
        server = Dhcp4Server.start(new ServerSetup(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20",
                        Plans.parameters()), 86400), List.of("lo/127.0.0.1"), true, 2, 64, 256), store,
                new Ports(0, client.port()), Clock.systemUTC());
        client.target(server.boundPorts().getFirst());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
        client.close();
    }

    private Reply offer(int n) throws Exception {
        return client.exchange(client.packet(1, mac(n)));
    }

    private TestClient.Packet request(int n, int address) {
        return client.packet(3, mac(n)).address(50, address).address(54, ip("127.0.0.1"));
    }

    @Test
    void parkedAckIsSentOnlyWhenReleasedAndDroppedOnesNever() throws Exception {
        BlockingQueue<ParkedResponse> parked = new ArrayBlockingQueue<>(4);
        BlockingQueue<CommittedLeases> committed = new ArrayBlockingQueue<>(4);
        server.committedHook((changes, response) -> {
            committed.add(changes);
            parked.add(response);
            return CommitDecision.PARK;
        });
        int address = offer(1).yiaddr();
        client.sendRaw(request(1, address).encode());
        ParkedResponse held = parked.poll(5, TimeUnit.SECONDS);
        assertThat(held).isNotNull();
        assertThat(committed.poll().leases()).singleElement().extracting(l -> l.address()).isEqualTo(address);
        assertThat(store.get(address)).as("written before the hook runs").isPresent();
        assertThat(client.silent(300)).isTrue();
        held.release();
        Reply ack = client.receive();
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(5);
        held.release();
        assertThat(client.silent(200)).as("released once only").isTrue();

        int second = offer(2).yiaddr();
        client.sendRaw(request(2, second).encode());
        parked.poll(5, TimeUnit.SECONDS).drop();
        assertThat(client.silent(300)).isTrue();
        assertThat(store.get(second)).as("the lease stays committed").isPresent();
    }

    @Test
    void admissionDropAndDisabledServiceGetNoAnswer() throws Exception {
        server.admission(query -> query.chaddr()[5] == 7 ? Admission.DROP : Admission.ANSWER);
        assertThat(offer(7)).isNull();
        assertThat(server.statistics().value("pkt4-receive-drop")).isEqualTo(1);
        assertThat(offer(8)).isNotNull();

        server.serviceState().disable("user", 0);
        assertThat(offer(8)).isNull();
        long received = server.statistics().value("pkt4-received");
        server.serviceState().enable("user");
        assertThat(offer(8)).isNotNull();
        assertThat(server.statistics().value("pkt4-received")).as("disabled packets are not counted")
                .isEqualTo(received + 1);
    }

    @Test
    void noAckForALeaseThatCouldNotBeRecorded() throws Exception {
        int address = offer(1).yiaddr();
        store.close();
        assertThat(client.exchange(request(1, address))).isNull();
        assertThat(server.statistics().value("pkt4-ack-sent")).isZero();
        assertThat(server.statistics().value("subnet[1].assigned-addresses")).isZero();
        // the pool slot was given back: the server is still consistent for the next attempt
        assertThat(server.leaseEngine().plan().subnets().getFirst().pools().getFirst().index().freeCount())
                .isEqualTo(11);
    }
}

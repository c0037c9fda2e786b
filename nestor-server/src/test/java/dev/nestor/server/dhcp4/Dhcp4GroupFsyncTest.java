package dev.nestor.server.dhcp4;

import static dev.nestor.server.testing.TestClient.ip;
import static dev.nestor.server.testing.TestClient.mac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nestor.lease.Durability;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.lease.SyncObserver;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Ports;
import dev.nestor.server.ServerSetup;
import dev.nestor.server.hooks.CommitDecision;
import dev.nestor.server.hooks.CommittedLeases;
import dev.nestor.server.hooks.ParkedResponse;
import dev.nestor.server.testing.Plans;
import dev.nestor.server.testing.TestClient;
import dev.nestor.server.testing.TestClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server over a real group-fsync lease file: replies wait for the sync covering their rows, on the store's
 * completion path, while the workers go on (with plain writes, for the write of their rows). The writer's first sync can be held ({@link Gate}) to observe what
 * waits for it.
 */
class Dhcp4GroupFsyncTest {
    @TempDir
    Path directory;
    private TestClient client;
    private Dhcp4Server server;
    private MemfileLeaseStore4 store;
    private final Gate gate = new Gate();

    /** Holds the first disk sync after {@link #arm} until {@link #open}. */
    static final class Gate implements SyncObserver {
        private final AtomicBoolean armed = new AtomicBoolean();
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicLong heldLength = new AtomicLong(-1);

        void arm() {
            armed.set(true);
        }

        void open() {
            opened.countDown();
        }

        boolean awaitHeld() throws InterruptedException {
            return entered.await(10, TimeUnit.SECONDS);
        }

        @Override
        public void beforeSync(long length) {
            if (armed.compareAndSet(true, false)) {
                heldLength.set(length);
                entered.countDown();
                try {
                    opened.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void start(MemfileSettings settings) throws Exception {
        client = new TestClient();
        store = MemfileLeaseStore4.open(settings, Clock.systemUTC());
        store.syncObserver(gate);
        server = Dhcp4Server.start(new ServerSetup(Plans.plan(Plans.subnet("10.0.0.10", "10.0.0.20",
                        Plans.parameters()), 86400), List.of("lo/127.0.0.1"), true, 2, 64, 256), store,
                new Ports(0, client.port()), Clock.systemUTC());
        client.target(server.boundPorts().getFirst());
    }

    private void startOnFile() throws Exception {
        start(MemfileSettings.persistent(directory.resolve("leases4.csv")).withLfcInterval(0)
                .withDurability(Durability.GROUP_FSYNC));
    }

    @AfterEach
    void stop() throws Exception {
        gate.open();
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

    private int offer(int n) throws Exception {
        Reply offer = client.exchange(client.packet(1, mac(n)));
        assertThat(offer).as("offer to client %d", n).isNotNull();
        return offer.yiaddr();
    }

    private TestClient.Packet request(int n, int address) {
        return client.packet(3, mac(n)).address(50, address).address(54, ip("127.0.0.1"));
    }

    private long statistic(String name) {
        return server.statistics().value(name);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting until %s", what).isTrue();
            Thread.sleep(5);
        }
    }

    /** The end offset of the last row of {@code address} in the lease file, -1 when there is none. */
    private long rowEnd(int address) throws Exception {
        byte[] file = Files.readAllBytes(directory.resolve("leases4.csv"));
        String prefix = Lease4.toInetAddress(address).getHostAddress() + ",";
        String text = new String(file, StandardCharsets.US_ASCII);
        int at = text.startsWith(prefix) ? 0 : text.lastIndexOf("\n" + prefix);
        if (at < 0) {
            return -1;
        }
        int end = text.indexOf('\n', at + 1);
        return end < 0 ? -1 : end + 1;
    }

    @Test
    void ackLeavesOnlyAfterTheSyncCoveringItsRowWhileWorkersGoOn() throws Exception {
        startOnFile();
        int first = offer(1);
        int second = offer(2);
        gate.arm();
        client.sendRaw(request(1, first).encode());
        assertThat(gate.awaitHeld()).as("the writer reached the sync").isTrue();
        assertThat(store.get(first)).as("committed in memory before the sync").isPresent();
        assertThat(client.silent(300)).as("no ACK while its row is not synced").isTrue();
        assertThat(statistic("pkt4-ack-sent")).isZero();

        // the sync is held, yet the workers still take the next client's REQUEST
        client.sendRaw(request(2, second).encode());
        await("the second lease is committed in memory", () -> store.get(second).isPresent());
        assertThat(server.waitingForDisk()).isEqualTo(2);
        assertThat(client.silent(200)).isTrue();

        long heldSyncCovers = gate.heldLength.get();
        assertThat(rowEnd(first)).as("the held sync covers the first row").isBetween(1L, heldSyncCovers);
        gate.open();
        Reply ack = client.receive();
        long storedAtAck = store.storedLength();
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(5);
        List<Integer> acked = new java.util.ArrayList<>(List.of(ack.yiaddr()));
        Reply other = client.receive();
        assertThat(other).isNotNull();
        acked.add(other.yiaddr());
        assertThat(acked).containsExactlyInAnyOrder(first, second);
        assertThat(rowEnd(ack.yiaddr())).as("the ACKed row is within the synced part of the file")
                .isBetween(1L, storedAtAck);
        await("nothing waits for the disk", () -> server.waitingForDisk() == 0);
        assertThat(statistic("pkt4-ack-sent")).isEqualTo(2);
        assertThat(statistic("subnet[1].assigned-addresses")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void aFailedWriteMeansNoAckAndTheLeaseRolledBack(Durability durability) throws Exception {
        start(new MemfileSettings(true, Path.of("/dev/full"), 0, 0, durability));
        int address = offer(1);
        assertThat(client.exchange(request(1, address))).as("no ACK for a lease that is not stored").isNull();
        await("the failed row released its place", () -> server.waitingForDisk() == 0);
        assertThat(statistic("pkt4-ack-sent")).isZero();
        assertThat(store.get(address)).as("memory rolled back").isEmpty();
        assertThat(statistic("subnet[1].assigned-addresses")).isZero();
        assertThat(statistic("subnet[1].cumulative-assigned-addresses")).isZero();
        await("the pool slot is free again", () -> server.leaseEngine().plan().subnets().getFirst().pools()
                .getFirst().index().freeCount() == 11);
        // and the server still answers
        assertThat(offer(2)).isNotZero();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void whenARealDiskFillsEveryAckedLeaseIsInTheFileAndMemoryAgreesWithIt(Durability durability) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path mount = directory.resolve("small");
        Files.createDirectories(mount);
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0).as("mount").isTrue();
        try {
            Path file = mount.resolve("leases4.csv");
            start(MemfileSettings.persistent(file).withLfcInterval(0).withDurability(durability));
            java.util.Set<Integer> acked = new java.util.HashSet<>();
            int refused = 0;
            // the pool has 11 addresses: release each lease after its ACK so the file keeps growing
            for (int n = 1; n <= 2_000 && refused < 3; n++) {
                int address = offer(n);
                Reply ack = client.exchange(request(n, address));
                if (ack == null) {
                    refused++;
                    continue;
                }
                assertThat(ack.type()).isEqualTo(5);
                acked.add(address);
                client.sendRaw(client.packet(7, mac(n)).ciaddr(address).address(54, ip("127.0.0.1")).encode());
                int released = address;
                await("the release is stored", () -> store.get(released).isEmpty() && server.waitingForDisk() == 0);
            }
            assertThat(refused).as("the disk filled").isEqualTo(3);
            await("nothing waits for the disk", () -> server.waitingForDisk() == 0);
            java.util.Set<Integer> everWritten = new java.util.HashSet<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.startsWith("address")) {
                    everWritten.add(ip(line.substring(0, line.indexOf(','))));
                }
            }
            assertThat(everWritten).as("every ACKed lease has its row").containsAll(acked);
            List<Lease4> inMemory = store.getAll();
            server.close();
            server = null;
            store.close();
            store = null;
            try (MemfileLeaseStore4 reloaded = MemfileLeaseStore4.open(MemfileSettings.persistent(file)
                    .withLfcInterval(0), Clock.systemUTC())) {
                assertThat(reloaded.getAll()).as("memory agreed with the file").isEqualTo(inMemory);
            }
        } finally {
            if (server != null) {
                server.close();
                server = null;
            }
            if (store != null) {
                store.close();
                store = null;
            }
            new ProcessBuilder("umount", mount.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void packetsBeyondTheDiskWaitLimitAreDroppedBeforeTheyWrite() throws Exception {
        startOnFile();
        server.diskWaitLimit(1);
        int first = offer(1);
        int second = offer(2);
        gate.arm();
        client.sendRaw(request(1, first).encode());
        assertThat(gate.awaitHeld()).isTrue();
        long drops = statistic("pkt4-receive-drop");
        client.sendRaw(request(2, second).encode());
        await("the second REQUEST is dropped", () -> statistic("pkt4-receive-drop") == drops + 1);
        assertThat(store.get(second)).as("a dropped REQUEST writes nothing").isEmpty();
        gate.open();
        Reply ack = client.receive();
        assertThat(ack).isNotNull();
        assertThat(ack.yiaddr()).isEqualTo(first);
        assertThat(client.silent(300)).isTrue();
        // room again: the client's retransmission is answered
        Reply retry = client.exchange(request(2, second));
        assertThat(retry).isNotNull();
        assertThat(retry.type()).isEqualTo(5);
    }

    @Test
    void committedHookSeesTheLeaseOnlyOnceSyncedAndItsParkComposes() throws Exception {
        startOnFile();
        BlockingQueue<CommittedLeases> committed = new ArrayBlockingQueue<>(8);
        BlockingQueue<ParkedResponse> parked = new ArrayBlockingQueue<>(8);
        AtomicLong storedWhenCalled = new AtomicLong(-1);
        server.committedHook((changes, response) -> {
            storedWhenCalled.set(store.storedLength());
            committed.add(changes);
            parked.add(response);
            return CommitDecision.PARK;
        });
        int address = offer(1);
        gate.arm();
        client.sendRaw(request(1, address).encode());
        assertThat(gate.awaitHeld()).isTrue();
        assertThat(committed.poll(300, TimeUnit.MILLISECONDS)).as("HA is told only after the sync").isNull();
        gate.open();
        CommittedLeases changes = committed.poll(10, TimeUnit.SECONDS);
        assertThat(changes).isNotNull();
        assertThat(changes.leases()).singleElement().extracting(Lease4::address).isEqualTo(address);
        assertThat(rowEnd(address)).isBetween(1L, storedWhenCalled.get());
        assertThat(client.silent(300)).as("disk done, partner not yet: still parked").isTrue();
        parked.poll().release();
        Reply ack = client.receive();
        assertThat(ack).isNotNull();
        assertThat(ack.type()).isEqualTo(5);
    }

    @Test
    void releaseAndDeclineAreReportedOnceSynced() throws Exception {
        startOnFile();
        BlockingQueue<CommittedLeases> committed = new ArrayBlockingQueue<>(8);
        server.committedHook((changes, response) -> {
            committed.add(changes);
            return CommitDecision.CONTINUE;
        });
        int first = offer(1);
        assertThat(client.exchange(request(1, first)).type()).isEqualTo(5);
        int second = offer(2);
        assertThat(client.exchange(request(2, second)).type()).isEqualTo(5);
        assertThat(committed.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(committed.poll(5, TimeUnit.SECONDS)).isNotNull();

        gate.arm();
        client.sendRaw(client.packet(7, mac(1)).ciaddr(first).address(54, ip("127.0.0.1")).encode());
        assertThat(gate.awaitHeld()).isTrue();
        await("the lease is gone from memory", () -> store.get(first).isEmpty());
        assertThat(committed.poll(300, TimeUnit.MILLISECONDS)).as("no notice before the sync").isNull();
        gate.open();
        CommittedLeases released = committed.poll(10, TimeUnit.SECONDS);
        assertThat(released).isNotNull();
        assertThat(released.deleted()).singleElement().extracting(Lease4::address).isEqualTo(first);
        assertThat(statistic("subnet[1].assigned-addresses")).isEqualTo(1);

        client.sendRaw(client.packet(4, mac(2)).address(50, second).address(54, ip("127.0.0.1")).encode());
        CommittedLeases declined = committed.poll(10, TimeUnit.SECONDS);
        assertThat(declined).isNotNull();
        assertThat(declined.leases()).singleElement().extracting(Lease4::address).isEqualTo(second);
        assertThat(store.get(second).orElseThrow().state()).isEqualTo(dev.nestor.lease.LeaseState.DECLINED);
        await("declined counted", () -> statistic("declined-addresses") == 1);
        // the place is freed just after the notice
        await("nothing waits for the disk", () -> server.waitingForDisk() == 0);
    }

    @Test
    void closingWithARowInFlightStoresItAndEndsCleanly() throws Exception {
        startOnFile();
        int address = offer(1);
        gate.arm();
        client.sendRaw(request(1, address).encode());
        assertThat(gate.awaitHeld()).isTrue();
        Thread closer = Thread.ofPlatform().start(server::close);
        gate.open();
        closer.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(closer.isAlive()).as("close returned").isFalse();
        assertThat(server.waitingForDisk()).isZero();
        store.close();
        byte[] file = Files.readAllBytes(directory.resolve("leases4.csv"));
        assertThat(new String(file, StandardCharsets.US_ASCII))
                .contains(Lease4.toInetAddress(address).getHostAddress() + ",");
        server = null;
        store = null;
    }

    @Test
    void withPlainWritesTheAckFollowsTheWriteAndNoSync() throws Exception {
        start(MemfileSettings.persistent(directory.resolve("leases4.csv")).withLfcInterval(0));
        gate.arm();
        int address = offer(1);
        Reply ack = client.exchange(request(1, address));
        assertThat(ack).isNotNull();
        assertThat(rowEnd(address)).as("written before the ACK").isBetween(1L, store.storedLength());
        await("nothing waits for the file", () -> server.waitingForDisk() == 0);
        assertThat(gate.entered.getCount()).as("write mode never syncs").isEqualTo(1);
    }
}

package dev.nestor.ha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.ha.state.HaState;
import dev.nestor.json.JsonObject;
import dev.nestor.lease.Lease4;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A lease sync over real HTTP whose partner stops answering half-way: the primary starts, finds its standby waiting
 * with many leases and pulls them page by page ({@code sync-page-limit} 20); at the fifth page request the standby
 * freezes (a relay in front of each peer URL holds every byte, as SIGSTOP would). The syncing server must give up
 * after {@code sync-timeout}, log Kea's failure IDs, stay in syncing with its DHCP service off (Kea's table: a failed
 * sync is retried at the next run), and once the standby answers again sync from the start and reach hot-standby
 * with every one of the standby's leases.
 */
@Timeout(150)
class SyncInterruptionTest {

    private static final int LEASES = 240;

    @TempDir
    Path directory;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ListAppender<ILoggingEvent> haLog = new ListAppender<>();
    private final Logger haLogger = (Logger) LoggerFactory.getLogger("kea-dhcp4.ha-hooks");

    @AfterEach
    void stop() {
        haLogger.detachAppender(haLog);
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A hot-standby config whose peer URLs are {@code primaryUrl}/{@code standbyUrl} (ports on 127.0.0.1). */
    private String config(String name, int primaryPort, int standbyPort) {
        return config(name, primaryPort, standbyPort, 1500);
    }

    private String config(String name, int primaryPort, int standbyPort, int syncTimeout) {
        return """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": true, "name": "%s" },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "relay": { "ip-addresses": [ "127.0.0.1" ] },
                                 "pools": [ { "pool": "10.0.0.10 - 10.0.3.200" } ] } ],
                  "hooks-libraries": [
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" },
                    { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_ha.so",
                      "parameters": { "high-availability": [ {
                        "this-server-name": "%s", "mode": "hot-standby",
                        "heartbeat-delay": 1000, "max-response-delay": 60000, "max-ack-delay": 1000,
                        "max-unacked-clients": 10, "sync-page-limit": 20, "sync-timeout": %d,
                        "peers": [
                          { "name": "server1", "url": "http://127.0.0.1:%d/", "role": "primary" },
                          { "name": "server2", "url": "http://127.0.0.1:%d/", "role": "standby" } ] } ] } } ]
                } }
                """.formatted(directory.resolve(name + "-leases4.csv"), name, syncTimeout, primaryPort, standbyPort);
    }

    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean logged(String prefix) {
        return haLog.list.stream().anyMatch(event -> event.getFormattedMessage().startsWith(prefix));
    }

    private static int address(int index) {
        return 0x0a000100 + index;
    }

    /** The standby, waiting for its primary, holding {@link #LEASES} leases added through lease4-add. */
    private Node standbyWithLeases(int primaryUrlPort, int standbyPort) throws Exception {
        DhcpProbe standbyClient = closing(new DhcpProbe());
        Node standby = closing(Node.start(directory, "server2", config("server2", primaryUrlPort, standbyPort),
                standbyClient.port()));
        for (int index = 0; index < LEASES; index++) {
            ControlAnswer added = standby.control().registry().execute(ControlCommand.of("lease4-add",
                    JsonObject.builder().put("ip-address", Lease4.addressText(address(index)))
                            .put("hw-address", "00:0c:02:00:%02x:%02x".formatted(index >> 8, index & 0xff))
                            .put("subnet-id", 1).build()));
            assertThat(added.result()).as(added.text()).isZero();
        }
        return standby;
    }

    /**
     * A server stopped while its sync waits on a frozen partner (sync-timeout 60 s) still stops within seconds: the
     * stop closes the partner connections the HA thread waits on.
     */
    @Test
    void aServerStuckInASyncStillStopsPromptly() throws Exception {
        int primaryPort = freePort();
        int standbyPort = freePort();
        FreezableProxy.Gate standbyFrozen = new FreezableProxy.Gate();
        FreezableProxy toStandby = closing(new FreezableProxy(new InetSocketAddress("127.0.0.1", standbyPort),
                standbyFrozen, "lease4-get-page", 2));
        FreezableProxy toPrimary = closing(new FreezableProxy(new InetSocketAddress("127.0.0.1", primaryPort),
                standbyFrozen, null, 0));
        standbyWithLeases(toPrimary.port(), standbyPort);
        DhcpProbe primaryClient = closing(new DhcpProbe());
        Node primary = Node.start(directory, "server1", config("server1", primaryPort, toStandby.port(), 60_000),
                primaryClient.port());
        try {
            await("the standby frozen at the second lease page", Duration.ofSeconds(30), standbyFrozen::frozen);
            Thread closer = Thread.ofPlatform().name("closer").start(primary::close);
            long begin = System.nanoTime();
            closer.join(Duration.ofSeconds(20));
            assertThat(closer.isAlive()).as("the stop still waiting for the frozen partner").isFalse();
            System.out.println("stopped while syncing from a frozen partner in "
                    + (System.nanoTime() - begin) / 1_000_000 + " ms");
            assertThat(primary.server().leaseStore().get(address(LEASES - 1))).isEmpty();
        } finally {
            standbyFrozen.thaw();
            primary.close();
        }
    }

    @Test
    void aPartnerFrozenMidSyncIsRetriedUntilEveryLeaseArrives() throws Exception {
        haLog.start();
        haLogger.addAppender(haLog);
        int primaryPort = freePort();
        int standbyPort = freePort();
        FreezableProxy.Gate standbyFrozen = new FreezableProxy.Gate();
        // the primary reaches the standby through one relay, the standby the primary through another: both freeze
        FreezableProxy toStandby = closing(new FreezableProxy(new InetSocketAddress("127.0.0.1", standbyPort),
                standbyFrozen, "lease4-get-page", 5));
        FreezableProxy toPrimary = closing(new FreezableProxy(new InetSocketAddress("127.0.0.1", primaryPort),
                standbyFrozen, null, 0));

        Node standby = standbyWithLeases(toPrimary.port(), standbyPort);

        DhcpProbe primaryClient = closing(new DhcpProbe());
        long started = System.nanoTime();
        Node primary = closing(Node.start(directory, "server1", config("server1", primaryPort, toStandby.port()),
                primaryClient.port()));

        await("the standby frozen at the fifth lease page", Duration.ofSeconds(30), standbyFrozen::frozen);
        await("the primary giving the sync up", Duration.ofSeconds(40), () -> logged("HA_SYNC_FAILED"));
        long failedAfter = (System.nanoTime() - started) / 1_000_000;
        assertThat(logged("HA_LEASES_SYNC_COMMUNICATIONS_FAILED")).as("the page request that timed out").isTrue();
        assertThat(haLog.list.stream().filter(event -> event.getFormattedMessage()
                .startsWith("HA_LEASES_SYNC_LEASE_PAGE_RECEIVED")).count()).as("pages before the freeze").isEqualTo(4);
        assertThat(logged("HA_DHCP_ENABLE_COMMUNICATIONS_FAILED")).as("the partner could not be re-enabled").isTrue();
        // Kea's table: a failed sync leaves the server in syncing, DHCP off, answering nobody
        // (the state workers read is published when the HA task that ran the sync ends, just after the log line)
        await("the primary published in syncing", Duration.ofSeconds(5),
                () -> primary.ha().state() == HaState.SYNCING);
        assertThat(primaryClient.exchange(primary.dhcpPort(), DhcpProbe.DISCOVER, DhcpProbe.mac(1), 0, 0))
                .as("a syncing server answers no client").isNull();
        assertThat(primary.server().leaseStore().get(address(LEASES - 1))).as("last page not received yet").isEmpty();

        standbyFrozen.thaw();
        long thawed = System.nanoTime();
        await("both in hot-standby after the standby came back", Duration.ofSeconds(60),
                () -> primary.ha().state() == HaState.HOT_STANDBY && standby.ha().state() == HaState.HOT_STANDBY);
        System.out.println("sync interrupted: HA_SYNC_FAILED " + failedAfter + " ms after the primary started; hot-standby "
                + (System.nanoTime() - thawed) / 1_000_000 + " ms after the standby answered again; "
                + toStandby.triggerSeen() + " page requests in all");
        assertThat(logged("HA_SYNC_SUCCESSFUL")).isTrue();
        for (int index = 0; index < LEASES; index++) {
            assertThat(primary.server().leaseStore().get(address(index)))
                    .as("the standby's lease " + Lease4.addressText(address(index)) + " on the primary").isPresent();
        }
    }
}

package dev.nestor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.it.HaPeer.Kind;
import dev.nestor.it.ModeConfigs.Member;
import dev.nestor.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HA passive-backup on loopback: server1 primary on 127.0.11.10 with two backups, server2 on 127.0.11.11 and server3 on
 * 127.0.11.12 (the same pool everywhere: only the primary allocates). Stock perfdhcp sends the same clients to all three
 * (relays 127.0.11.1, .5, .6): the primary, in state passive-backup, answers every one and sends each lease to both
 * backups, which stay in state backup and answer nobody; their lease files end up with the primary's leases. Then one
 * backup is killed: with {@code wait-backup-ack} false (Kea's default) the primary's ACKs never waited for the backups
 * and it keeps answering; with true each ACK waited for both backups' acknowledgements (so the backups already hold
 * every lease the primary ACKed when perfdhcp ends), and with a backup gone the primary answers nobody. A Nestor primary
 * with a Nestor and a stock Kea 2.2 backup, and a stock Kea primary with Nestor backups (the reference for what
 * waiting means), each both ways of waiting.
 */
class PassiveBackupTest {
    private static final Duration PERFDHCP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HA_STATE = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<ModePeer> servers = new ArrayList<>();

    static Stream<Arguments> relationships() {
        return Stream.of(Arguments.of(Kind.NESTOR, Kind.NESTOR, Kind.KEA, false),
                Arguments.of(Kind.NESTOR, Kind.NESTOR, Kind.KEA, true),
                Arguments.of(Kind.KEA, Kind.NESTOR, Kind.NESTOR, false),
                Arguments.of(Kind.KEA, Kind.NESTOR, Kind.NESTOR, true));
    }

    @BeforeAll
    static void requireRoot() throws Exception {
        ModeNetwork.assumeRootAndPerfdhcp();
    }

    @AfterEach
    void stopEverything() {
        servers.reversed().forEach(ModePeer::close);
    }

    @ParameterizedTest(name = "{0} primary, {1} and {2} backups, wait-backup-ack {3}")
    @MethodSource("relationships")
    void primaryServesAndBackupsFollow(Kind primaryKind, Kind backup2Kind, Kind backup3Kind, boolean waitBackupAck)
            throws Exception {
        if (primaryKind == Kind.KEA || backup2Kind == Kind.KEA || backup3Kind == Kind.KEA) {
            Loopback.assumeKea();
        }
        long started = System.nanoTime();
        List<Member> members = List.of(
                new Member("server1", "primary", ModeNetwork.SERVER_ONE, Loopback.freeTcpPort(ModeNetwork.SERVER_ONE)),
                new Member("server2", "backup", ModeNetwork.SERVER_TWO, Loopback.freeTcpPort(ModeNetwork.SERVER_TWO)),
                new Member("server3", "backup", ModeNetwork.SERVER_THREE,
                        Loopback.freeTcpPort(ModeNetwork.SERVER_THREE)));
        List<Kind> kinds = List.of(primaryKind, backup2Kind, backup3Kind);
        JsonObject extra = waitBackupAck ? JsonObject.builder().put("wait-backup-ack", true).build()
                : JsonObject.EMPTY;
        for (int index = 0; index < members.size(); index++) {
            Member member = members.get(index);
            Path home = directory.resolve(member.name());
            servers.add(new ModePeer(kinds.get(index), member.name(), member.address(), home,
                    ModeConfigs.server("passive-backup", member, members, home, SeedConfigs.WIDE_POOL, extra,
                            ModeNetwork.RELAY, ModeNetwork.RELAY_TWO, ModeNetwork.RELAY_THREE)));
        }
        try {
            scenario(waitBackupAck);
        } catch (AssertionError failure) {
            StringBuilder logs = new StringBuilder(String.valueOf(failure.getMessage()));
            servers.forEach(server -> logs.append('\n').append(server.tail()));
            throw new AssertionError(logs.toString(), failure);
        }
        System.out.println("[it] passive-backup " + kinds + " wait-backup-ack " + waitBackupAck + ": scenario took "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void scenario(boolean waitBackupAck) throws Exception {
        ModePeer primary = servers.get(0);
        ModePeer backup2 = servers.get(1);
        ModePeer backup3 = servers.get(2);
        for (ModePeer server : servers) {
            server.start();
        }
        primary.awaitState("passive-backup", HA_STATE);
        backup2.awaitState("backup", HA_STATE);
        backup3.awaitState("backup", HA_STATE);
        assertThat(primary.scopes()).containsExactly("server1");
        assertThat(backup2.scopes()).isEmpty();
        assertThat(backup3.scopes()).isEmpty();

        // the same 100 clients to all three: only the primary answers
        String mac = "00:0c:11:21:00:00";
        Perfdhcp.Run toPrimary = perfdhcp("perfdhcp-primary", ModeNetwork.RELAY, primary, 100, mac);
        Perfdhcp.Run toBackup2 = perfdhcp("perfdhcp-server2", ModeNetwork.RELAY_TWO, backup2, 100, mac);
        Perfdhcp.Run toBackup3 = perfdhcp("perfdhcp-server3", ModeNetwork.RELAY_THREE, backup3, 100, mac);
        Perfdhcp.Report primaryReport = toPrimary.await();
        // with wait-backup-ack each ACK waited for both backups: they hold every lease already
        Map<String, LeaseFiles.Lease4> atOnce2 = LeaseFiles.active(backup2.leaseFile());
        Map<String, LeaseFiles.Lease4> atOnce3 = LeaseFiles.active(backup3.leaseFile());
        Perfdhcp.Report report2 = toBackup2.await();
        Perfdhcp.Report report3 = toBackup3.await();
        System.out.println("[it] passive-backup " + primary.kind() + "/" + backup2.kind() + "/" + backup3.kind()
                + ": to primary " + primaryReport + "; to server2 " + report2 + "; to server3 " + report3);
        assertServedEveryClient(primaryReport, 100);
        assertThat(report2.offersReceived()).as("a backup answers nobody").isZero();
        assertThat(report3.offersReceived()).as("a backup answers nobody").isZero();
        Map<String, LeaseFiles.Lease4> primaryLeases = LeaseFiles.active(primary.leaseFile());
        // (perfdhcp's client generator may repeat a client instead of using the last one)
        assertThat(primaryLeases.size()).isGreaterThanOrEqualTo(98);
        assertThat(LeaseFiles.clientsWithTwoAddresses(primaryLeases)).isEmpty();
        if (waitBackupAck) {
            assertThat(missing(primaryLeases, atOnce2)).as("ACKed leases on server2 when perfdhcp ended").isEmpty();
            assertThat(missing(primaryLeases, atOnce3)).as("ACKed leases on server3 when perfdhcp ended").isEmpty();
        }
        for (ModePeer backup : List.of(backup2, backup3)) {
            Await.until(backup.name() + "'s lease file holding the primary's leases", Duration.ofSeconds(20),
                    () -> missing(primaryLeases, LeaseFiles.active(backup.leaseFile())).isEmpty());
            assertThat(LeaseFiles.active(backup.leaseFile()).keySet()).as(backup.name() + " holds no other lease")
                    .isEqualTo(primaryLeases.keySet());
        }
        assertThat(primary.state()).isEqualTo("passive-backup");
        assertThat(backup2.state()).isEqualTo("backup");

        // one backup gone: the primary answers without waiting, or (wait-backup-ack) not at all
        backup3.process().kill();
        Perfdhcp.Report alone = perfdhcp("perfdhcp-backup-down", ModeNetwork.RELAY, primary, 20,
                "00:0c:11:22:00:00").await();
        System.out.println("[it] passive-backup " + primary.kind() + " with server3 down, wait-backup-ack "
                + waitBackupAck + ": " + alone);
        if (waitBackupAck) {
            // stock Kea 2.2 lets an odd one through right after the backup died (seen: 1 of 20); Nestor none
            assertThat(alone.acksReceived()).as("no ACK without every backup's acknowledgement: " + alone.output())
                    .isLessThanOrEqualTo(primary.kind() == Kind.KEA ? 2 : 0);
            // (less the odd client perfdhcp repeats instead of using the last one)
            assertThat(alone.offersReceived()).as("offers do not wait for backups").isGreaterThanOrEqualTo(18);
        } else {
            assertServedEveryClient(alone, 20);
            Map<String, LeaseFiles.Lease4> after = LeaseFiles.active(primary.leaseFile());
            Await.until("server2 holding the leases given with server3 down", Duration.ofSeconds(20),
                    () -> missing(after, LeaseFiles.active(backup2.leaseFile())).isEmpty());
        }
        assertThat(primary.process().logged("HA_LEASE_UPDATE_COMMUNICATIONS_FAILED")).as("server3's failures logged")
                .isTrue();
        assertThat(primary.state()).isEqualTo("passive-backup");
    }

    /** Leases of {@code expected} that {@code leases} does not hold for the same client. */
    private static List<String> missing(Map<String, LeaseFiles.Lease4> expected, Map<String, LeaseFiles.Lease4> leases) {
        List<String> missing = new ArrayList<>();
        expected.forEach((address, lease) -> {
            LeaseFiles.Lease4 other = leases.get(address);
            if (other == null || !other.hwaddr().equalsIgnoreCase(lease.hwaddr())) {
                missing.add(address + " " + lease.hwaddr());
            }
        });
        return missing;
    }

    private Perfdhcp.Run perfdhcp(String name, String relay, ModePeer peer, int clients, String mac)
            throws Exception {
        return Perfdhcp.start(directory, name, relay, peer.address(), PERFDHCP_TIMEOUT, "-r", "100", "-R",
                String.valueOf(clients), "-n", String.valueOf(clients), "-p", String.valueOf(clients / 100 + 6),
                "-W", "2000000", "-d", "2", "-u", "-b", "mac=" + mac);
    }

    /** Every client got its ACK (perfdhcp may repeat a client or two on a loaded machine; see the HA test). */
    private static void assertServedEveryClient(Perfdhcp.Report report, int clients) {
        assertThat(report.acksReceived()).as(report.output()).isGreaterThanOrEqualTo(clients);
        assertThat(report.nonUnique()).as(report.output())
                .isLessThanOrEqualTo(2 * (report.acksReceived() - clients));
    }
}

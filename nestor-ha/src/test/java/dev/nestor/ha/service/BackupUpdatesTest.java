package dev.nestor.ha.service;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.service.HaServiceTest.Parked;
import dev.nestor.ha.service.HaServiceTest.ScriptedPartner;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.testing.InMemoryLeases4;
import dev.nestor.ha.testing.ManualClock;
import dev.nestor.ha.testing.RecordingHaLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease updates to backup servers (ha-protocol.md §9.1, §9.2): a passive-backup primary answers at once and sends
 * every update to each backup in name order (wait-backup-ack false, Kea's default), or holds the response until all
 * backups acknowledged (true), dropping it when one fails; a backup's failure never touches the partner's state.
 */
class BackupUpdatesTest {

    private static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final RecordingHaLog log = new RecordingHaLog();
    private final ScriptedPartner backupA = new ScriptedPartner();
    private final ScriptedPartner backupB = new ScriptedPartner();
    private final ScriptedPartner partner = new ScriptedPartner();

    private HaService passiveBackupPrimary(boolean waitForAcks) {
        HaService service = new HaService(HaSettings.passiveBackup("server1", "server1"), clock, log, partner,
                (delay, task) -> () -> { }, new InMemoryLeases4(),
                new BackupPeers(Map.of("server3", backupB, "server2", backupA), waitForAcks));
        service.start();
        assertThat(service.state()).isEqualTo(HaState.PASSIVE_BACKUP);
        return service;
    }

    private static HaLease4 lease(int last) {
        return HaLease4.of(0xc0000200 | last, 1, new byte[] {0, 0x0c, 1, 2, 3, (byte) last}, new byte[0],
                1_795_651_200L, 4000);
    }

    @Test
    void withoutWaitingTheResponseGoesAtOnceAndEveryBackupGetsTheUpdates() {
        HaService service = passiveBackupPrimary(false);
        assertThat(service.serves("server1")).isTrue();
        Parked parked = new Parked();
        assertThat(service.leasesCommitted(List.of(lease(9)), List.of(lease(10)), parked))
                .isEqualTo(CommitDecision.RESPOND);
        for (ScriptedPartner backup : List.of(backupA, backupB)) {
            assertThat(backup.pending).extracting(ScriptedPartner.Pending::command)
                    .containsExactly(new PeerCommand.Lease4Delete(lease(9)), new PeerCommand.Lease4Update(lease(10)));
        }
        assertThat(partner.pending).as("no failover partner in passive-backup").isEmpty();
        backupA.next().onReply().accept(new PeerReply.Failed("Connection refused"));
        assertThat(log.texts(HaLogId.HA_LEASE_UPDATE_COMMUNICATIONS_FAILED)).singleElement().asString()
                .endsWith(": failed to communicate with server2: Connection refused");
        assertThat(parked.outcome).isEqualTo("parked");
        assertThat(service.pendingQueries()).isZero();
        assertThat(service.state()).isEqualTo(HaState.PASSIVE_BACKUP);
    }

    @Test
    void waitingHoldsTheResponseUntilEveryBackupAcknowledged() {
        HaService service = passiveBackupPrimary(true);
        Parked parked = new Parked();
        assertThat(service.leasesCommitted(List.of(), List.of(lease(10)), parked))
                .isEqualTo(CommitDecision.PARKED);
        backupB.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        assertThat(parked.outcome).isEqualTo("parked");
        backupA.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease updated.")));
        assertThat(parked.outcome).isEqualTo("released");
        assertThat(service.pendingQueries()).isZero();
    }

    @Test
    void waitingDropsTheResponseWhenABackupFailsAndTheServiceGoesOn() {
        HaService service = passiveBackupPrimary(true);
        Parked parked = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(10)), parked);
        backupA.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        backupB.next().onReply().accept(new PeerReply.Answered(PeerAnswer.error("no subnet")));
        assertThat(parked.outcome).as("no ACK for a lease a backup may not have").isEqualTo("dropped");
        assertThat(log.texts(HaLogId.HA_LEASE_UPDATE_FAILED)).singleElement().asString()
                .endsWith(": lease update to server3 failed: no subnet");
        assertThat(service.state()).isEqualTo(HaState.PASSIVE_BACKUP);
        // the next client is served normally once the backups answer
        Parked next = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(11)), next);
        backupA.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        backupB.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        assertThat(next.outcome).isEqualTo("released");
    }

    @Test
    void aHotStandbyPrimaryDoesNotWaitForItsBackup() {
        HaService service = new HaService(HaSettings.hotStandby("server1", "server1", "server2"), clock, log,
                partner, (delay, task) -> () -> { }, new InMemoryLeases4(),
                new BackupPeers(Map.of("server3", backupB), false));
        service.start();
        Parked parked = new Parked();
        // waiting: the partner is not updated (counted), the backup always is
        assertThat(service.leasesCommitted(List.of(), List.of(lease(10)), parked)).isEqualTo(CommitDecision.RESPOND);
        assertThat(backupB.pending).hasSize(1);
        assertThat(partner.pending).isEmpty();
        backupB.next().onReply().accept(new PeerReply.Failed("timeout"));
        assertThat(service.communication().partnerState()).as("a backup's failure is not the partner's").isEmpty();
    }
}

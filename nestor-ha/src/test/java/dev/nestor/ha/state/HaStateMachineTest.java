package dev.nestor.ha.state;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.testing.RecordingHaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static dev.nestor.ha.state.HaState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour of the state machine beyond single table cells: entry actions, pauses, commands, chains. */
class HaStateMachineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);
    private static final HaSettings PRIMARY = HaSettings.hotStandby("server1", "server1", "server2");
    private static final HaSettings STANDBY = HaSettings.hotStandby("server2", "server1", "server2");

    private final RecordingHaLog log = new RecordingHaLog();
    private final FakePartner partner = new FakePartner();

    private HaStateMachine started(HaSettings settings) {
        HaStateMachine machine = new HaStateMachine(settings, partner, log, CLOCK);
        machine.start();
        return machine;
    }

    private HaStateMachine in(HaSettings settings, HaState state) {
        HaStateMachine machine = new HaStateMachine(settings, partner, log, CLOCK);
        machine.startIn(state);
        log.clear();
        return machine;
    }

    @Test
    void startsInWaitingWithDhcpOffAndNoScopes() {
        HaStateMachine machine = started(PRIMARY);
        assertThat(machine.state()).isEqualTo(WAITING);
        assertThat(machine.localDhcpEnabled()).isFalse();
        assertThat(machine.scopes()).isEmpty();
        assertThat(log.texts(HaLogId.HA_SERVICE_STARTED))
                .containsExactly("started high availability service in hot-standby mode as primary server");
        assertThat(log.texts(HaLogId.HA_LOCAL_DHCP_DISABLE))
                .containsExactly("local DHCP service is disabled while the server1 is in the WAITING state");
    }

    @Test
    void primaryChainsFromWaitingThroughSyncingToReadyInOneRun() {
        HaStateMachine machine = started(PRIMARY);
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(READY);
        assertThat(partner.requests).containsExactly("sync OptionalLong[60]");
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).containsExactly(
                "server transitions from WAITING to SYNCING state, partner state is WAITING",
                "server transitions from SYNCING to READY state, partner state is WAITING");
        assertThat(log.ids()).contains(HaLogId.HA_SYNC_START, HaLogId.HA_SYNC_SUCCESSFUL,
                HaLogId.HA_LEASE_UPDATES_DISABLED);
        machine.run(PartnerView.seen(READY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        assertThat(machine.scopes()).containsExactly("server1");
        assertThat(machine.localDhcpEnabled()).isTrue();
        assertThat(machine.serves("server1")).isTrue();
        assertThat(machine.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.SEND_AND_WAIT);
        assertThat(log.texts(HaLogId.HA_LEASE_UPDATES_ENABLED))
                .containsExactly("lease updates will be sent to the partner while in HOT-STANDBY state");
        assertThat(log.texts(HaLogId.HA_LOCAL_DHCP_ENABLE))
                .containsExactly("local DHCP service is enabled while the server1 is in the HOT-STANDBY state");
    }

    @Test
    void standbyInHotStandbyServesNothingButHasDhcpOn() {
        HaStateMachine machine = in(STANDBY, HOT_STANDBY);
        assertThat(machine.localDhcpEnabled()).isTrue();
        assertThat(machine.scopes()).isEmpty();
        assertThat(machine.serves("server1")).isFalse();
    }

    @Test
    void failedSyncStaysInSyncingAndRetriesAtNextRun() {
        partner.syncOutcome = PartnerOperations.Outcome.failed("connection refused");
        HaStateMachine machine = in(PRIMARY, SYNCING);
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(SYNCING);
        assertThat(log.texts(HaLogId.HA_SYNC_FAILED))
                .containsExactly("lease database synchronization with server2 failed: connection refused");
        partner.syncOutcome = PartnerOperations.Outcome.OK;
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(READY);
    }

    @Test
    void syncLeasesFalseSkipsSyncing() {
        HaStateMachine machine = started(PRIMARY.withSync(false, 60_000));
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(READY);
        assertThat(partner.requests).isEmpty();
        assertThat(log.ids()).contains(HaLogId.HA_CONFIG_LEASE_SYNCING_DISABLED_REMINDER);
    }

    @Test
    void haScopesReplacesTheServedScopesUntilTheNextStateChange() {
        HaStateMachine machine = in(STANDBY, HOT_STANDBY);
        assertThat(machine.serveScopes(java.util.Set.of("server1")))
                .isEqualTo(CommandOutcome.success("New HA scopes configured."));
        assertThat(machine.serves("server1")).isTrue();
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        machine.serveScopes(java.util.Set.of());
        assertThat(machine.scopes()).isEmpty();
        assertThat(machine.localDhcpEnabled()).as("DHCP on/off follows the state only").isTrue();
        machine.serveScopes(java.util.Set.of("server2"));
        // entering partner-down derives the scopes from the state again
        machine.run(PartnerView.seen(UNAVAILABLE).interrupted(true));
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(machine.scopes()).containsExactly("server1");
    }

    @Test
    void partnerDownServesFailoverScopesAndCountsUnsentUpdates() {
        HaStateMachine machine = in(STANDBY, HOT_STANDBY);
        machine.run(PartnerView.seen(UNAVAILABLE).interrupted(true));
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(machine.scopes()).containsExactly("server1");
        assertThat(machine.serves("server1")).isTrue();
        assertThat(machine.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.SKIP_AND_COUNT);
        machine.countUnsentUpdate();
        machine.countUnsentUpdate();
        assertThat(machine.unsentUpdateCount()).isEqualTo(2);
    }

    @Test
    void loadBalancingPartnerDownServesBothScopesUnlessAutoFailoverIsOff() {
        HaSettings lb = HaSettings.loadBalancing("server1", "server1", "server2");
        assertThat(in(lb, PARTNER_DOWN).scopes()).containsExactlyInAnyOrder("server1", "server2");
        assertThat(in(lb.withAutoFailover(false), PARTNER_DOWN).scopes()).containsExactly("server1");
    }

    @Test
    void partnerDownGoesBackToNormalWhenThePartnerIsReadyUnlessItHasNewUnsentUpdates() {
        HaStateMachine machine = in(STANDBY, PARTNER_DOWN);
        machine.run(PartnerView.seen(READY).withNewUnsentUpdates());
        // waiting, then at once syncing (resync with the partner) and ready, where the standby waits
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).first().asString()
                .contains("from PARTNER-DOWN to WAITING state");
        assertThat(machine.state()).isEqualTo(READY);
        HaStateMachine other = in(STANDBY, PARTNER_DOWN);
        other.run(PartnerView.seen(READY));
        assertThat(other.state()).isEqualTo(HOT_STANDBY);
        assertThat(other.scopes()).isEmpty();
    }

    @Test
    void syncCompleteNotificationInPartnerDownKeepsDhcpOffUntilTheNextHeartbeatFails() {
        HaStateMachine machine = in(STANDBY, PARTNER_DOWN);
        machine.partnerDisabledDhcp();
        assertThat(machine.localDhcpEnabled()).isFalse();
        assertThat(machine.syncCompleteNotified().result()).isZero();
        assertThat(machine.localDhcpEnabled()).isFalse();
        machine.run(PartnerView.seen(UNAVAILABLE));
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(machine.localDhcpEnabled()).isTrue();
    }

    @Test
    void survivorThatServedAfterThePartnerSyncedMakesThePartnerSyncAgain() {
        HaStateMachine machine = in(STANDBY, PARTNER_DOWN);
        machine.partnerDisabledDhcp();
        machine.syncCompleteNotified();
        machine.run(PartnerView.seen(UNAVAILABLE));
        assertThat(machine.localDhcpEnabled()).isTrue();
        machine.countUnsentUpdate();
        machine.run(PartnerView.seen(READY));
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(partner.requests).containsExactly("ha-reset");
        // the partner synced again, with nothing served in between: back to normal
        machine.partnerDisabledDhcp();
        machine.syncCompleteNotified();
        machine.run(PartnerView.seen(READY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
    }

    @Test
    void survivorThatServedNothingAfterThePartnerSyncedGoesBackToNormal() {
        HaStateMachine machine = in(STANDBY, PARTNER_DOWN);
        machine.countUnsentUpdate();
        machine.syncCompleteNotified();
        machine.run(PartnerView.seen(READY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        assertThat(partner.requests).isEmpty();
    }

    @Test
    void syncCompleteNotificationOutsidePartnerDownReenablesDhcpAtOnce() {
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        machine.partnerDisabledDhcp();
        assertThat(machine.localDhcpEnabled()).isFalse();
        machine.syncCompleteNotified();
        assertThat(machine.localDhcpEnabled()).isTrue();
    }

    @Test
    void communicationRecoveryFlushesTheBacklogOrResetsThePartner() {
        HaSettings lb = HaSettings.loadBalancing("server1", "server1", "server2");
        HaStateMachine flushed = in(lb, COMMUNICATION_RECOVERY);
        flushed.run(PartnerView.seen(LOAD_BALANCING));
        assertThat(flushed.state()).isEqualTo(LOAD_BALANCING);
        assertThat(partner.requests).containsExactly("backlog", "clear-backlog");

        partner.requests.clear();
        partner.overflowed = true;
        HaStateMachine overflowed = in(lb, COMMUNICATION_RECOVERY);
        overflowed.run(PartnerView.seen(LOAD_BALANCING));
        // waiting, then at once syncing and ready, then load-balancing since the partner is load-balancing
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).first().asString()
                .contains("from COMMUNICATION-RECOVERY to WAITING state");
        assertThat(partner.requests).startsWith("ha-reset", "clear-backlog", "sync OptionalLong[60]");

        partner.requests.clear();
        partner.overflowed = false;
        partner.backlogOutcome = PartnerOperations.Outcome.failed("timeout");
        partner.resetOutcome = PartnerOperations.Outcome.failed("timeout");
        HaStateMachine stuck = in(lb, COMMUNICATION_RECOVERY);
        stuck.run(PartnerView.seen(LOAD_BALANCING));
        assertThat(stuck.state()).isEqualTo(COMMUNICATION_RECOVERY);
        assertThat(partner.requests).containsExactly("backlog", "ha-reset");
        assertThat(stuck.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.QUEUE_IN_BACKLOG);
    }

    @Test
    void communicationRecoveryWithPartnerRejoiningGoesToWaitingOnlyWhenTheBacklogOverflowed() {
        HaSettings lb = HaSettings.loadBalancing("server1", "server1", "server2");
        partner.overflowed = true;
        HaStateMachine machine = in(lb, COMMUNICATION_RECOVERY);
        machine.run(PartnerView.seen(READY).interrupted(false));
        assertThat(machine.state()).isEqualTo(COMMUNICATION_RECOVERY);
        machine.run(PartnerView.seen(READY));
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).first().asString()
                .contains("from COMMUNICATION-RECOVERY to WAITING state");
    }

    @ParameterizedTest
    @EnumSource(value = HaState.class, names = {"WAITING", "SYNCING", "READY", "HOT_STANDBY", "PARTNER_DOWN",
            "PARTNER_IN_MAINTENANCE"})
    void clockSkewAboveSixtySecondsTerminates(HaState state) {
        HaStateMachine machine = in(PRIMARY, state);
        machine.run(PartnerView.seen(HOT_STANDBY).withClockSkew(61));
        assertThat(machine.state()).isEqualTo(TERMINATED);
        assertThat(log.ids()).contains(HaLogId.HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION, HaLogId.HA_TERMINATED);
        assertThat(machine.sendsHeartbeats()).isFalse();
        assertThat(machine.scopes()).containsExactly("server1");
        assertThat(machine.localDhcpEnabled()).isTrue();
    }

    @Test
    void clockSkewOfSixtySecondsIsTolerated() {
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        machine.run(PartnerView.seen(HOT_STANDBY).withClockSkew(-60));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
    }

    @Test
    void rejectedLeaseUpdatesReachingTheLimitTerminate() {
        HaStateMachine machine = in(PRIMARY.withMaxRejectedLeaseUpdates(2), HOT_STANDBY);
        machine.leaseUpdateRejected("client-a");
        machine.leaseUpdateRejected("client-a");
        machine.run(PartnerView.seen(HOT_STANDBY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        machine.leaseUpdateRejected("client-b");
        machine.leaseUpdateAccepted("client-b");
        machine.run(PartnerView.seen(HOT_STANDBY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        machine.leaseUpdateRejected("client-c");
        machine.run(PartnerView.seen(HOT_STANDBY));
        assertThat(machine.state()).isEqualTo(TERMINATED);
        assertThat(log.ids()).contains(HaLogId.HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION);
    }

    @Test
    void zeroMaxRejectedLeaseUpdatesNeverTerminates() {
        HaStateMachine machine = in(PRIMARY.withMaxRejectedLeaseUpdates(0), HOT_STANDBY);
        for (int i = 0; i < 100; i++) {
            machine.leaseUpdateRejected("client-" + i);
        }
        machine.run(PartnerView.seen(HOT_STANDBY));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
    }

    @Test
    void pauseAlwaysHoldsTheStateUntilContinue() {
        HaStateMachine machine = started(PRIMARY.withPause(WAITING, PausePolicy.ALWAYS));
        assertThat(machine.paused()).isTrue();
        assertThat(log.texts(HaLogId.HA_STATE_MACHINE_PAUSED)).containsExactly("state machine paused in state waiting");
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(WAITING);
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.continueMachine().text()).isEqualTo("HA state machine continues.");
        assertThat(machine.state()).isEqualTo(READY);
        assertThat(machine.continueMachine().text()).isEqualTo("HA state machine is not paused.");
    }

    @Test
    void pauseOncePausesOnlyTheFirstEntry() {
        HaStateMachine machine = started(PRIMARY.withPause(WAITING, PausePolicy.ONCE));
        machine.continueMachine();
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(READY);
        machine.reset();
        // back through waiting, not paused this time, so the same run syncs again and reaches ready
        assertThat(machine.state()).isEqualTo(READY);
        assertThat(machine.paused()).isFalse();
        assertThat(log.texts(HaLogId.HA_STATE_MACHINE_PAUSED)).hasSize(1);
    }

    @Test
    void pausedSyncingStateDoesNotSync() {
        HaStateMachine machine = started(PRIMARY.withPause(SYNCING, PausePolicy.ALWAYS));
        machine.run(PartnerView.seen(WAITING));
        assertThat(machine.state()).isEqualTo(SYNCING);
        assertThat(partner.requests).isEmpty();
        machine.continueMachine();
        assertThat(machine.state()).isEqualTo(READY);
    }

    @Test
    void resetGoesToWaitingFromAnyState() {
        HaStateMachine machine = in(PRIMARY, TERMINATED);
        assertThat(machine.reset().text()).isEqualTo("HA state machine reset.");
        assertThat(machine.state()).isEqualTo(WAITING);
        assertThat(machine.reset().text()).isEqualTo("HA state machine already in WAITING state.");
    }

    @Test
    void maintenanceStartPutsThePartnerInMaintenance() {
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        CommandOutcome outcome = machine.maintenanceStart();
        assertThat(outcome.result()).isZero();
        assertThat(outcome.text()).isEqualTo("Server is now in the partner-in-maintenance state and its partner is"
                + " in-maintenance state. The partner can be now safely shut down.");
        assertThat(machine.state()).isEqualTo(PARTNER_IN_MAINTENANCE);
        assertThat(machine.scopes()).containsExactly("server1");
        assertThat(machine.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.SEND_AND_WAIT);
        assertThat(log.ids()).contains(HaLogId.HA_MAINTENANCE_STARTED);

        CommandOutcome cancel = machine.maintenanceCancel();
        assertThat(cancel.text()).isEqualTo("Server maintenance successfully canceled.");
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        assertThat(partner.requests).containsExactly("ha-maintenance-notify cancel=false",
                "ha-maintenance-notify cancel=true");
    }

    @Test
    void maintenanceStartWithUnreachablePartnerGoesPartnerDownServingAllScopesEvenWithoutAutoFailover() {
        partner.maintenanceReply = new PartnerOperations.MaintenanceReply.Unreachable("Connection refused");
        HaSettings lb = HaSettings.loadBalancing("server1", "server1", "server2").withAutoFailover(false);
        HaStateMachine machine = in(lb, LOAD_BALANCING);
        CommandOutcome outcome = machine.maintenanceStart();
        assertThat(outcome.text()).isEqualTo(
                "Server is now in the partner-down state as its partner appears to be offline for maintenance.");
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(machine.scopes()).containsExactlyInAnyOrder("server1", "server2");
        assertThat(log.ids()).contains(HaLogId.HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN);
    }

    @Test
    void maintenanceStartRefusedByThePartnerReportsItsMessage() {
        partner.maintenanceReply = new PartnerOperations.MaintenanceReply.Answered(1001,
                "Unable to transition the server from the terminated to in-maintenance state.");
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        CommandOutcome outcome = machine.maintenanceStart();
        assertThat(outcome.result()).isEqualTo(1);
        assertThat(outcome.text()).isEqualTo("Unable to transition to the partner-in-maintenance state. The partner"
                + " server responded with the following message to the ha-maintenance-notify command: Unable to"
                + " transition the server from the terminated to in-maintenance state..");
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
    }

    @ParameterizedTest
    @EnumSource(value = HaState.class, names = {"BACKUP", "IN_MAINTENANCE", "PARTNER_IN_MAINTENANCE", "TERMINATED"})
    void maintenanceStartIsRefusedInSomeStates(HaState state) {
        HaStateMachine machine = in(PRIMARY, state);
        CommandOutcome outcome = machine.maintenanceStart();
        assertThat(outcome).isEqualTo(CommandOutcome.error("Unable to transition the server from the "
                + state.keaName() + " to partner-in-maintenance state."));
        assertThat(partner.requests).isEmpty();
    }

    @Test
    void maintenanceNotifyFollowsKeasTable() {
        HaStateMachine machine = in(STANDBY, HOT_STANDBY);
        assertThat(machine.maintenanceNotify(true)).isEqualTo(CommandOutcome.error(
                "Unable to cancel the maintenance for the server not in the in-maintenance state."));
        assertThat(machine.maintenanceNotify(false)).isEqualTo(CommandOutcome.success("Server is in-maintenance state."));
        assertThat(machine.state()).isEqualTo(IN_MAINTENANCE);
        assertThat(machine.localDhcpEnabled()).isFalse();
        assertThat(log.ids()).contains(HaLogId.HA_MAINTENANCE_SHUTDOWN_SAFE);
        assertThat(machine.maintenanceNotify(true)).isEqualTo(CommandOutcome.success("Server maintenance canceled."));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        // the run made by the cancel itself did not transition; the next one (a heartbeat) does
        machine.run(PartnerView.seen(PARTNER_DOWN));
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).last().asString()
                .contains("from SYNCING to READY state");

        HaStateMachine terminated = in(STANDBY, TERMINATED);
        assertThat(terminated.maintenanceNotify(false)).isEqualTo(new CommandOutcome(1001,
                "Unable to transition the server from the terminated to in-maintenance state."));
    }

    @Test
    void partnerInMaintenanceGoesPartnerDownWhenThePartnerIsShutDown() {
        HaStateMachine machine = in(PRIMARY.withAutoFailover(false), HOT_STANDBY);
        machine.maintenanceStart();
        machine.run(PartnerView.seen(UNAVAILABLE));
        assertThat(machine.state()).isEqualTo(PARTNER_DOWN);
        assertThat(machine.scopes()).containsExactly("server1");
    }

    @Test
    void passiveBackupLogsItsOwnTransitionMessage() {
        HaStateMachine machine = started(HaSettings.passiveBackup("server1", "server1"));
        assertThat(machine.state()).isEqualTo(PASSIVE_BACKUP);
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION_PASSIVE_BACKUP))
                .containsExactly("server transitions from WAITING to PASSIVE-BACKUP state");
        assertThat(machine.scopes()).containsExactly("server1");
        assertThat(machine.sendsHeartbeats()).isFalse();
        assertThat(machine.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.NONE);
    }

    @Test
    void backupServerGoesToBackupAndStaysDark() {
        HaStateMachine machine = started(HaSettings.hotStandby("server3", "server1", "server2"));
        assertThat(machine.state()).isEqualTo(BACKUP);
        assertThat(machine.localDhcpEnabled()).isFalse();
        assertThat(machine.sendsHeartbeats()).isFalse();
    }

    @Test
    void leaseUpdatesDisabledAreRemindedOnEachTransition() {
        HaStateMachine machine = started(PRIMARY.withSendLeaseUpdates(false));
        machine.run(PartnerView.seen(WAITING));
        assertThat(log.texts(HaLogId.HA_CONFIG_LEASE_UPDATES_DISABLED_REMINDER)).containsExactly(
                "lease updates are administratively disabled and will not be generated while in SYNCING state",
                "lease updates are administratively disabled and will not be generated while in READY state");
        assertThat(machine.partnerUpdatePolicy()).isEqualTo(PartnerUpdatePolicy.NONE);
    }

    @Test
    void invalidPartnerStateIsWarnedAndSendsUsToWaiting() {
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        machine.run(PartnerView.seen(LOAD_BALANCING));
        assertThat(machine.state()).isEqualTo(WAITING);
        assertThat(log.ids()).contains(HaLogId.HA_INVALID_PARTNER_STATE_LOAD_BALANCING);
    }

    @Test
    void waitingWithPartnerTerminatedWaitsForItsRestart() {
        HaStateMachine machine = in(PRIMARY, WAITING);
        machine.run(PartnerView.seen(TERMINATED));
        assertThat(machine.state()).isEqualTo(WAITING);
        assertThat(log.ids()).contains(HaLogId.HA_TERMINATED_RESTART_PARTNER);
    }

    @Test
    void haSyncCommandSynchronisesWithoutChangingState() {
        HaStateMachine machine = in(PRIMARY, HOT_STANDBY);
        assertThat(machine.syncCommand(java.util.OptionalLong.empty()))
                .isEqualTo(CommandOutcome.success("Lease database synchronization complete."));
        assertThat(machine.state()).isEqualTo(HOT_STANDBY);
        assertThat(partner.requests).containsExactly("sync OptionalLong.empty");
    }

    @Test
    void machineMustBeStartedBeforeUse() {
        HaStateMachine machine = new HaStateMachine(PRIMARY, partner, log, CLOCK);
        assertThatThrownBy(() -> machine.run(PartnerView.seen(WAITING))).isInstanceOf(IllegalStateException.class);
        machine.start();
        assertThatThrownBy(machine::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyStateHasARowInTheAllowedTable() {
        for (HaState state : HaState.values()) {
            if (state != UNAVAILABLE) {
                assertThat(HaStateMachine.ALLOWED).containsKey(state);
                assertThat(HaStateMachine.ALLOWED.get(state)).doesNotContain(UNAVAILABLE, state);
            }
        }
        assertThat(Set.of(WAITING)).isSubsetOf(HaStateMachine.ALLOWED.get(TERMINATED));
    }
}

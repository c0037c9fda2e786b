package dev.nestor.ha.service;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.HeartbeatStatus;
import dev.nestor.ha.message.LeasePage;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.testing.InMemoryLeases4;
import dev.nestor.ha.testing.ManualClock;
import dev.nestor.ha.testing.RecordingHaLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The HA service against a scripted partner, a manual scheduler and an in-memory lease table. */
class HaServiceTest {

    private static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final RecordingHaLog log = new RecordingHaLog();
    private final InMemoryLeases4 leases = new InMemoryLeases4();
    private final ScriptedPartner partner = new ScriptedPartner();
    private final ManualScheduler scheduler = new ManualScheduler();

    /** Commands sent without waiting stay pending until the test answers them; calls are answered by a function. */
    static final class ScriptedPartner implements PartnerClient {
        record Pending(PeerCommand command, Consumer<PeerReply> onReply) { }

        final List<Pending> pending = new ArrayList<>();
        final List<PeerCommand> called = new ArrayList<>();
        Function<PeerCommand, PeerReply> answers = command -> new PeerReply.Answered(PeerAnswer.success("ok"));

        @Override
        public void send(PeerCommand command, Consumer<PeerReply> onReply) {
            pending.add(new Pending(command, onReply));
        }

        @Override
        public PeerReply call(PeerCommand command, Duration timeout) {
            called.add(command);
            return answers.apply(command);
        }

        Pending next() {
            assertThat(pending).isNotEmpty();
            return pending.removeFirst();
        }
    }

    /** Timers run when the test advances time. */
    final class ManualScheduler implements HaScheduler {
        record Task(Instant due, Runnable action, boolean[] cancelled) { }

        final List<Task> tasks = new ArrayList<>();

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            boolean[] cancelled = {false};
            tasks.add(new Task(clock.instant().plus(delay), task, cancelled));
            return () -> cancelled[0] = true;
        }

        void advance(long millis) {
            clock.advanceMillis(millis);
            List<Task> due = tasks.stream().filter(t -> !t.due().isAfter(clock.instant())).toList();
            tasks.removeAll(due);
            due.stream().filter(t -> !t.cancelled()[0]).forEach(t -> t.action().run());
        }
    }

    private HaService service(HaSettings settings) {
        HaService service = new HaService(settings, clock, log, partner, scheduler, leases);
        service.start();
        return service;
    }

    private static PeerReply heartbeatAnswer(HaState state, long unsent) {
        return new PeerReply.Answered(new HeartbeatStatus(state, START, List.of(), OptionalLong.of(unsent))
                .toAnswer());
    }

    private static final HaSettings PRIMARY = HaSettings.hotStandby("server1", "server1", "server2")
            .withSync(true, 60_000);

    /** Primary driven to hot-standby: heartbeat sees waiting (sync), then sees ready. */
    private HaService primaryInHotStandby() {
        HaService service = service(PRIMARY);
        partner.answers = command -> switch (command) {
            case PeerCommand.LeaseGetPage ignored -> new PeerReply.Answered(LeasePage.answer(List.of()));
            default -> new PeerReply.Answered(PeerAnswer.success("ok"));
        };
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.WAITING, 0));
        assertThat(service.state()).isEqualTo(HaState.READY);
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.READY, 0));
        assertThat(service.state()).isEqualTo(HaState.HOT_STANDBY);
        partner.called.clear();
        return service;
    }

    private static HaLease4 lease(int last) {
        return HaLease4.of(0xc0000200 | last, 1, new byte[] {0, 0x0c, 1, 2, 3, (byte) last}, new byte[0],
                1_795_651_200L, 4000);
    }

    /** Records whether the parked response was released or dropped. */
    static final class Parked implements ParkedQuery {
        String outcome = "parked";

        public void release() {
            outcome = "released";
        }

        public void drop() {
            outcome = "dropped";
        }
    }

    @Test
    void theAckWaitsForThePartnerAndIsReleasedOnSuccess() {
        HaService service = primaryInHotStandby();
        Parked parked = new Parked();
        assertThat(service.leasesCommitted(List.of(lease(9)), List.of(lease(10)), parked))
                .isEqualTo(CommitDecision.PARKED);
        ScriptedPartner.Pending delete = partner.next();
        ScriptedPartner.Pending update = partner.next();
        assertThat(delete.command()).isEqualTo(new PeerCommand.Lease4Delete(lease(9)));
        assertThat(update.command()).isEqualTo(new PeerCommand.Lease4Update(lease(10)));
        update.onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        assertThat(parked.outcome).isEqualTo("parked");
        delete.onReply().accept(new PeerReply.Answered(new PeerAnswer(3, "IPv4 lease not found.", Optional.empty())));
        assertThat(parked.outcome).isEqualTo("released");
    }

    @Test
    void stoppingDropsTheAcksStillWaitingAndIgnoresLateReplies() {
        HaService service = primaryInHotStandby();
        Parked answered = new Parked();
        Parked waiting = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(10)), answered);
        service.leasesCommitted(List.of(), List.of(lease(11)), waiting);
        assertThat(service.pendingQueries()).isEqualTo(2);
        partner.next().onReply().accept(new PeerReply.Answered(PeerAnswer.success("IPv4 lease added.")));
        assertThat(answered.outcome).isEqualTo("released");
        assertThat(service.pendingQueries()).isEqualTo(1);

        service.stop();
        assertThat(waiting.outcome).as("no ACK for a lease the partner may not have").isEqualTo("dropped");
        assertThat(service.pendingQueries()).isZero();
        // the partner's late answer changes nothing, and a commit after the stop gets no ACK either
        partner.next().onReply().accept(new PeerReply.Failed("Connection refused"));
        assertThat(service.state()).isEqualTo(HaState.HOT_STANDBY);
        Parked late = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(12)), late);
        assertThat(late.outcome).isEqualTo("dropped");
        assertThat(partner.pending).isEmpty();
    }

    @Test
    void aFailedUpdateDropsTheAckAndMakesThePartnerUnavailable() {
        HaService service = primaryInHotStandby();
        Parked parked = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(10)), parked);
        partner.next().onReply().accept(new PeerReply.Failed("Connection refused"));
        assertThat(parked.outcome).isEqualTo("dropped");
        assertThat(service.communication().partnerState()).contains(HaState.UNAVAILABLE);
        assertThat(log.texts(HaLogId.HA_LEASE_UPDATE_COMMUNICATIONS_FAILED)).singleElement().asString()
                .endsWith(": failed to communicate with server2: Connection refused");
        // not interrupted yet (heartbeats were fine a moment ago): no partner-down
        assertThat(service.state()).isEqualTo(HaState.HOT_STANDBY);
    }

    @Test
    void anErrorResultAlsoDropsButAConflictDoesNotMarkThePartnerDown() {
        HaService service = primaryInHotStandby();
        Parked failed = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(10)), failed);
        partner.next().onReply().accept(new PeerReply.Answered(PeerAnswer.error("subnet mismatch")));
        assertThat(failed.outcome).isEqualTo("dropped");
        assertThat(log.ids()).contains(HaLogId.HA_LEASE_UPDATE_FAILED);

        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.HOT_STANDBY, 0));
        Parked conflict = new Parked();
        service.leasesCommitted(List.of(), List.of(lease(11)), conflict);
        partner.next().onReply().accept(new PeerReply.Answered(new PeerAnswer(4, "conflict", Optional.empty())));
        assertThat(conflict.outcome).isEqualTo("dropped");
        assertThat(service.communication().partnerState()).contains(HaState.HOT_STANDBY);
        assertThat(log.ids()).contains(HaLogId.HA_LEASE_UPDATE_CONFLICT);
    }

    @Test
    void updatesAreNotSentButCountedOutsideTheSendingStates() {
        HaService service = service(PRIMARY);
        Parked parked = new Parked();
        assertThat(service.leasesCommitted(List.of(), List.of(lease(10)), parked)).isEqualTo(CommitDecision.RESPOND);
        assertThat(service.unsentUpdateCount()).isEqualTo(1);
        assertThat(partner.pending).isEmpty();
        assertThat(service.leasesCommitted(List.of(), List.of(), parked)).isEqualTo(CommitDecision.RESPOND);
        assertThat(service.unsentUpdateCount()).isEqualTo(1);
    }

    @Test
    void standbyAppliesLeaseUpdatesAndLogsTheCommand() {
        HaService standby = service(HaSettings.hotStandby("server2", "server1", "server2"));
        PeerAnswer added = standby.handle(new PeerCommand.Lease4Update(lease(10)));
        assertThat(added).isEqualTo(PeerAnswer.success("IPv4 lease added."));
        assertThat(standby.handle(new PeerCommand.Lease4Update(lease(10))))
                .isEqualTo(PeerAnswer.success("IPv4 lease updated."));
        assertThat(leases.get(lease(10).address())).contains(lease(10));
        assertThat(log.texts(HaLogId.COMMAND_RECEIVED)).contains("Received command 'lease4-update'");
        assertThat(standby.handle(new PeerCommand.Lease4Delete(lease(10))).text()).isEqualTo("IPv4 lease deleted.");
        assertThat(standby.handle(new PeerCommand.Lease4Delete(lease(10))).result()).isEqualTo(3);
    }

    @Test
    void heartbeatAnswerReportsStateScopesAndUnsentCount() throws Exception {
        HaService service = primaryInHotStandby();
        HeartbeatStatus status = HeartbeatStatus.fromAnswer(service.handle(new PeerCommand.Heartbeat()));
        assertThat(status.state()).isEqualTo(HaState.HOT_STANDBY);
        assertThat(status.scopes()).containsExactly("server1");
        assertThat(status.dateTime()).isEqualTo(clock.instant());
        assertThat(status.unsentUpdateCount()).hasValue(0);
        // ha-reset from the partner: waiting, then at once syncing and ready (the partner was last seen ready)
        assertThat(service.handle(new PeerCommand.Reset()).text()).isEqualTo("HA state machine reset.");
        assertThat(log.texts(HaLogId.HA_STATE_TRANSITION)).anySatisfy(text ->
                assertThat(text).contains("from HOT-STANDBY to WAITING state"));
    }

    @Test
    void partnerDisableHoldsDhcpOffForMaxPeriodAtMost() {
        HaService service = primaryInHotStandby();
        assertThat(service.handle(new PeerCommand.DhcpDisable("ha-partner", OptionalLong.of(60))).text())
                .isEqualTo("DHCPv4 service disabled for 60 seconds");
        assertThat(service.dhcpEnabled()).isFalse();
        assertThat(service.serves("server1")).isFalse();
        scheduler.advance(59_000);
        assertThat(service.dhcpEnabled()).isFalse();
        scheduler.advance(1_000);
        assertThat(service.dhcpEnabled()).isTrue();
        service.handle(new PeerCommand.DhcpDisable("ha-partner", OptionalLong.of(60)));
        assertThat(service.handle(new PeerCommand.DhcpEnable("ha-partner")).text())
                .isEqualTo("DHCP service successfully enabled");
        assertThat(service.dhcpEnabled()).isTrue();
    }

    @Test
    void syncPullsEveryPageAndKeepsNewerLocalLeases() {
        HaSettings settings = new HaSettings("server1", PRIMARY.mode(), PRIMARY.role(), "server1", Optional.empty(),
                Optional.of("server2"), 10_000, 60_000, 10_000, 10, 10, 0, true, true, 60_000, 2, true,
                java.util.Map.of());
        List<HaLease4> remote = List.of(lease(1), lease(2), lease(3), lease(4), lease(5));
        leases.put(lease(3).withCltt(lease(3).cltt() + 100));
        List<String> froms = new ArrayList<>();
        partner.answers = command -> switch (command) {
            case PeerCommand.LeaseGetPage page -> {
                froms.add(page.from());
                long from = page.from().equals("start") ? -1
                        : Integer.toUnsignedLong(remote.stream().filter(l -> l.addressText().equals(page.from()))
                        .findFirst().orElseThrow().address());
                yield new PeerReply.Answered(LeasePage.answer(remote.stream()
                        .filter(l -> Integer.toUnsignedLong(l.address()) > from).limit(page.limit()).toList()));
            }
            default -> new PeerReply.Answered(PeerAnswer.success("ok"));
        };
        HaService service = service(settings);
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.WAITING, 0));
        assertThat(service.state()).isEqualTo(HaState.READY);
        assertThat(froms).containsExactly("start", "192.0.2.2", "192.0.2.4");
        assertThat(leases.all()).hasSize(5);
        assertThat(leases.get(lease(3).address()).orElseThrow().cltt()).isEqualTo(lease(3).cltt() + 100);
        assertThat(partner.called.stream().map(PeerCommand::name).toList()).containsExactly("dhcp-disable",
                "lease4-get-page", "dhcp-disable", "lease4-get-page", "dhcp-disable", "lease4-get-page",
                "ha-sync-complete-notify");
        assertThat(log.ids()).contains(HaLogId.HA_SYNC_START, HaLogId.HA_SYNC_SUCCESSFUL,
                HaLogId.HA_LEASE_SYNC_STALE_LEASE4_SKIP);
    }

    @Test
    void failedSyncReenablesThePartnerAndFallsBackToDhcpEnableWhenNotifyIsUnsupported() {
        partner.answers = command -> switch (command) {
            case PeerCommand.LeaseGetPage ignored -> new PeerReply.Failed("timeout");
            default -> new PeerReply.Answered(PeerAnswer.success("ok"));
        };
        HaService service = service(PRIMARY);
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.WAITING, 0));
        assertThat(service.state()).isEqualTo(HaState.SYNCING);
        assertThat(partner.called.stream().map(PeerCommand::name).toList())
                .containsExactly("dhcp-disable", "lease4-get-page", "dhcp-enable");
        assertThat(log.ids()).contains(HaLogId.HA_LEASES_SYNC_COMMUNICATIONS_FAILED, HaLogId.HA_SYNC_FAILED);

        partner.called.clear();
        partner.answers = command -> switch (command) {
            case PeerCommand.LeaseGetPage ignored -> new PeerReply.Answered(LeasePage.answer(List.of()));
            case PeerCommand.SyncCompleteNotify ignored -> new PeerReply.Answered(new PeerAnswer(2,
                    "'ha-sync-complete-notify' command not supported.", Optional.empty()));
            default -> new PeerReply.Answered(PeerAnswer.success("ok"));
        };
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.WAITING, 0));
        assertThat(service.state()).isEqualTo(HaState.READY);
        assertThat(partner.called.stream().map(PeerCommand::name).toList()).containsExactly("dhcp-disable",
                "lease4-get-page", "ha-sync-complete-notify", "dhcp-enable");
    }

    @Test
    void heartbeatFailuresAreLoggedByKind() {
        HaService service = primaryInHotStandby();
        scheduler.advance(10_000);
        partner.next().onReply().accept(new PeerReply.Failed("Connection refused"));
        assertThat(service.communication().partnerState()).contains(HaState.UNAVAILABLE);
        scheduler.advance(10_000);
        partner.next().onReply().accept(new PeerReply.Answered(PeerAnswer.error("boom")));
        assertThat(log.texts(HaLogId.HA_HEARTBEAT_COMMUNICATIONS_FAILED))
                .containsExactly("failed to send heartbeat to server2: Connection refused");
        assertThat(log.texts(HaLogId.HA_HEARTBEAT_FAILED)).containsExactly("heartbeat to server2 failed: boom");
        // the primary goes partner-down once the communication is interrupted
        for (int i = 0; i < 5; i++) {
            scheduler.advance(10_000);
            partner.next().onReply().accept(new PeerReply.Failed("timeout"));
        }
        assertThat(service.state()).isEqualTo(HaState.PARTNER_DOWN);
        assertThat(service.serves("server1")).isTrue();
    }

    @Test
    void communicationRecoveryQueuesUpdatesUpToTheLimit() {
        HaSettings lb = HaSettings.loadBalancing("server1", "server1", "server2").withDelayedUpdatesLimit(2);
        HaService service = service(lb);
        partner.answers = command -> switch (command) {
            case PeerCommand.LeaseGetPage ignored -> new PeerReply.Answered(LeasePage.answer(List.of()));
            default -> new PeerReply.Answered(PeerAnswer.success("ok"));
        };
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.READY, 0));
        assertThat(service.state()).isEqualTo(HaState.LOAD_BALANCING);
        scheduler.advance(10_000);
        partner.next().onReply().accept(new PeerReply.Failed("timeout"));
        assertThat(service.state()).isEqualTo(HaState.COMMUNICATION_RECOVERY);
        Parked parked = new Parked();
        assertThat(service.leasesCommitted(List.of(), List.of(lease(1)), parked)).isEqualTo(CommitDecision.RESPOND);
        service.leasesCommitted(List.of(), List.of(lease(2)), parked);
        assertThat(partner.pending).isEmpty();
        partner.called.clear();
        scheduler.advance(10_000);
        partner.next().onReply().accept(heartbeatAnswer(HaState.LOAD_BALANCING, 0));
        assertThat(service.state()).isEqualTo(HaState.LOAD_BALANCING);
        assertThat(partner.called).containsExactly(new PeerCommand.Lease4Update(lease(1)),
                new PeerCommand.Lease4Update(lease(2)));
        assertThat(log.ids()).contains(HaLogId.HA_LEASES_BACKLOG_START, HaLogId.HA_LEASES_BACKLOG_SUCCESS);
    }
}

package dev.nestor.ha.service;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.failure.ClientVerdict;
import dev.nestor.ha.failure.CommunicationState;
import dev.nestor.ha.log.HaLog;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.HeartbeatStatus;
import dev.nestor.ha.message.LeasePage;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.PeerMessageException;
import dev.nestor.ha.state.CommandOutcome;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.state.HaStateMachine;
import dev.nestor.ha.state.PartnerOperations;
import dev.nestor.ha.state.PartnerUpdatePolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The DHCPv4 HA service of one server: the state machine, the failure detector, heartbeats, the lease-update queue
 * with Kea's ACK ordering rule (ha-protocol.md §9), the communication-recovery backlog, the lease sync (§10) and the
 * handling of the partner's commands (§11).
 *
 * <p>It reaches the outside only through small interfaces: {@link PartnerClient} (HTTP in production),
 * {@link HaScheduler} (timers), {@link LocalLeases4} (the lease store) and {@link ParkedQuery} (held responses).
 * The engine asks it {@link #serves(String)} for each query, feeds it queries for the partner
 * ({@link #analyzeQueryForPartner}) and reports {@link #leasesCommitted}; the control channel passes it the peer
 * commands ({@link #handle}).
 *
 * <p>Not thread-safe: every call, callback and timer must run on one HA thread (Kea's single IO service).
 */
public final class HaService {

    /** Kea's fixed timeout of peer requests other than lease pages. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HaSettings settings;
    private final Clock clock;
    private final HaLog log;
    private final PartnerClient partner;
    private final HaScheduler scheduler;
    private final LocalLeases4 leases;
    private final CommunicationState communication;
    private final HaStateMachine machine;
    private final String partnerName;
    private final BackupPeers backups;

    private final List<PeerCommand> backlog = new ArrayList<>();
    /** Parked queries whose lease updates the partner has not answered yet. */
    private final java.util.Set<PendingUpdates> pending = new java.util.LinkedHashSet<>();
    private boolean backlogOverflowed;
    private HaScheduler.Timer heartbeatTimer;
    private boolean heartbeatInFlight;
    private HaScheduler.Timer partnerDisableTimer;
    private boolean userDisabled;
    private boolean stopped;

    public HaService(HaSettings settings, Clock clock, HaLog log, PartnerClient partner, HaScheduler scheduler,
                     LocalLeases4 leases) {
        this(settings, clock, log, partner, scheduler, leases, BackupPeers.NONE);
    }

    /** A service that also sends its lease updates to {@code backups} (§9.1). */
    public HaService(HaSettings settings, Clock clock, HaLog log, PartnerClient partner, HaScheduler scheduler,
                     LocalLeases4 leases, BackupPeers backups) {
        this.backups = Objects.requireNonNull(backups, "backups");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.partner = Objects.requireNonNull(partner, "partner");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.communication = new CommunicationState(settings, clock, log);
        this.machine = new HaStateMachine(settings, new Operations(), log, clock);
        this.partnerName = settings.partnerName().orElse("");
    }

    /** Starts the state machine (waiting) and the heartbeat timer. */
    public void start() {
        machine.start();
        ensureHeartbeat();
    }

    /**
     * Stops the service (server shutdown, reconfiguration): timers are cancelled, every query still waiting for the
     * partner's answer is dropped (its client gets no ACK, as Kea drops parked packets when HA is unloaded), and
     * callbacks arriving later are ignored.
     */
    public void stop() {
        stopped = true;
        for (PendingUpdates updates : List.copyOf(pending)) {
            updates.query.drop();
        }
        pending.clear();
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
        }
        if (partnerDisableTimer != null) {
            partnerDisableTimer.cancel();
        }
    }

    // ---- engine side ------------------------------------------------------------------------------------------

    /** Queries parked until the partner answers their lease updates (drained before a clean stop). */
    public int pendingQueries() {
        return pending.size();
    }

    /** Whether the local DHCP service runs at all (HA's and the partner's flag, and the user's). */
    public boolean dhcpEnabled() {
        return machine.localDhcpEnabled() && !userDisabled;
    }

    /** Whether a query of this scope is answered now. */
    public boolean serves(String scope) {
        return !userDisabled && machine.serves(scope);
    }

    /** The scope of every HA-type DHCPv4 query in hot-standby and passive-backup: the primary's name (§4). */
    public String primaryScope() {
        return settings.primaryName();
    }

    /**
     * The scope of a DHCPv4 query (§4): the primary's in hot-standby, the RFC 3074 hash in load-balancing; empty
     * for a load-balanced query without any identifier (to be dropped).
     */
    public Optional<String> scopeOf4(byte[] clientId, byte[] hardwareAddress, boolean haType) {
        return QueryScope.of4(settings, clientId, hardwareAddress, haType);
    }

    /**
     * A query for a scope this server does not serve, dropped by the engine: while communication is interrupted it
     * feeds the unacked-clients analysis (§8.4).
     */
    public ClientVerdict analyzeQueryForPartner(byte[] hardwareAddress, byte[] clientId, int secs) {
        return communication.analyzeQuery4(hardwareAddress, clientId, secs);
    }

    /**
     * The engine committed these lease changes for one query (deletions first, then additions/updates) and holds
     * the response. Returns whether to send it now or wait for the partner (§9.1, §9.2).
     */
    public CommitDecision leasesCommitted(List<HaLease4> deleted, List<HaLease4> updated, ParkedQuery query) {
        if (deleted.isEmpty() && updated.isEmpty()) {
            return CommitDecision.RESPOND;
        }
        if (stopped) {
            // HA is going away: the partner will not hear of these leases, so the client gets no ACK
            query.drop();
            return CommitDecision.PARKED;
        }
        List<PeerCommand> commands = new ArrayList<>();
        deleted.forEach(lease -> commands.add(new PeerCommand.Lease4Delete(lease)));
        updated.forEach(lease -> commands.add(new PeerCommand.Lease4Update(lease)));
        String client = clientKey(updated.isEmpty() ? deleted.getFirst() : updated.getFirst());
        List<Target> awaited = new ArrayList<>();
        if (settings.sendLeaseUpdates()) {
            // backups hear of every lease, in any state; the response waits for them only with wait-backup-ack
            backups.clients().forEach((name, backup) -> {
                if (backups.waitForAcks()) {
                    awaited.add(new Target(name, backup, false));
                } else {
                    for (PeerCommand command : commands) {
                        backup.send(command, reply -> backupAnswered(name, client, reply));
                    }
                }
            });
        }
        PartnerUpdatePolicy policy = machine.partnerUpdatePolicy();
        switch (policy) {
            case NONE -> { }
            case SKIP_AND_COUNT -> machine.countUnsentUpdate();
            case QUEUE_IN_BACKLOG -> {
                for (PeerCommand command : commands) {
                    if (backlog.size() >= settings.delayedUpdatesLimit()) {
                        backlogOverflowed = true;
                    } else {
                        backlog.add(command);
                    }
                }
            }
            case SEND_AND_WAIT -> awaited.addFirst(new Target(partnerName, partner, true));
        }
        if (awaited.isEmpty()) {
            return CommitDecision.RESPOND;
        }
        new PendingUpdates(query, client, commands.size() * awaited.size()).sendAll(commands, awaited);
        return CommitDecision.PARKED;
    }

    /** A peer a parked query waits for: the active partner (whose failure makes it unavailable) or a backup. */
    private record Target(String name, PartnerClient client, boolean partner) {
    }

    /** The answer of a backup not waited for: failures are logged, nothing else changes (§9.2). */
    private void backupAnswered(String backup, String client, PeerReply reply) {
        if (stopped) {
            return;
        }
        String label = "client " + client;
        switch (reply) {
            case PeerReply.Failed failure ->
                    log.log(HaLogId.HA_LEASE_UPDATE_COMMUNICATIONS_FAILED, label, backup, failure.reason());
            case PeerReply.Answered answered when answered.answer().result() == PeerAnswer.CONFLICT ->
                    log.log(HaLogId.HA_LEASE_UPDATE_CONFLICT, label, backup, answered.answer().text());
            case PeerReply.Answered answered when !answered.answer().isSuccess() ->
                    log.log(HaLogId.HA_LEASE_UPDATE_FAILED, label, backup, answered.answer().text());
            case PeerReply.Answered answered -> { }
        }
    }

    private static String clientKey(HaLease4 lease) {
        return HexFormat.of().formatHex(lease.hardwareAddress()) + "/" + HexFormat.of().formatHex(lease.clientId());
    }

    /** The lease updates of one parked query: released when all succeed, dropped at the first failure. */
    private final class PendingUpdates {
        private final ParkedQuery query;
        private final String client;
        private int outstanding;
        private boolean failed;
        private boolean partnerFailed;
        private boolean conflict;

        PendingUpdates(ParkedQuery query, String client, int count) {
            this.query = query;
            this.client = client;
            this.outstanding = count;
        }

        void sendAll(List<PeerCommand> commands, List<Target> targets) {
            pending.add(this);
            for (Target target : targets) {
                for (PeerCommand command : commands) {
                    target.client().send(command, reply -> onReply(target, reply));
                }
            }
        }

        private void onReply(Target target, PeerReply reply) {
            if (stopped) {
                return;
            }
            String label = "client " + client;
            switch (reply) {
                case PeerReply.Failed failure -> {
                    failed = true;
                    partnerFailed |= target.partner();
                    log.log(HaLogId.HA_LEASE_UPDATE_COMMUNICATIONS_FAILED, label, target.name(), failure.reason());
                }
                case PeerReply.Answered answered when answered.answer().result() == PeerAnswer.CONFLICT -> {
                    conflict = true;
                    log.log(HaLogId.HA_LEASE_UPDATE_CONFLICT, label, target.name(), answered.answer().text());
                }
                case PeerReply.Answered answered when !answered.answer().isSuccess() -> {
                    failed = true;
                    partnerFailed |= target.partner();
                    log.log(HaLogId.HA_LEASE_UPDATE_FAILED, label, target.name(), answered.answer().text());
                }
                case PeerReply.Answered answered -> { }
            }
            if (--outstanding > 0) {
                return;
            }
            pending.remove(this);
            if (failed) {
                query.drop();
                if (partnerFailed) {
                    communication.partnerUnavailable();
                }
            } else if (conflict) {
                query.drop();
                machine.leaseUpdateRejected(client);
            } else {
                machine.leaseUpdateAccepted(client);
                query.release();
            }
            // Kea runs the state machine when a query's lease updates complete
            machine.run(communication.view());
            ensureHeartbeat();
        }
    }

    // ---- heartbeats --------------------------------------------------------------------------------------------

    private void ensureHeartbeat() {
        if (stopped || heartbeatTimer != null || heartbeatInFlight || !machine.sendsHeartbeats()) {
            return;
        }
        heartbeatTimer = scheduler.schedule(Duration.ofMillis(settings.heartbeatDelayMillis()), this::sendHeartbeat);
    }

    private void sendHeartbeat() {
        heartbeatTimer = null;
        if (stopped || !machine.sendsHeartbeats()) {
            return;
        }
        heartbeatInFlight = true;
        partner.send(new PeerCommand.Heartbeat(), this::onHeartbeatReply);
    }

    private void onHeartbeatReply(PeerReply reply) {
        heartbeatInFlight = false;
        if (stopped) {
            return;
        }
        switch (reply) {
            case PeerReply.Failed failure -> communication.heartbeatFailed(true, failure.reason());
            case PeerReply.Answered answered -> {
                try {
                    HeartbeatStatus status = HeartbeatStatus.fromAnswer(answered.answer());
                    communication.heartbeatSucceeded(status.state(), status.dateTime(), status.scopes(),
                            status.unsentUpdateCount());
                } catch (PeerMessageException e) {
                    communication.heartbeatFailed(false, e.getMessage());
                }
            }
        }
        machine.run(communication.view());
        ensureHeartbeat();
    }

    // ---- commands from the partner -----------------------------------------------------------------------------

    /** Handles one command received from the partner and returns the answer to send back. */
    public PeerAnswer handle(PeerCommand command) {
        log.log(HaLogId.COMMAND_RECEIVED, command.name());
        PeerAnswer answer = switch (command) {
            case PeerCommand.Heartbeat ignored -> new HeartbeatStatus(machine.state(), clock.instant(),
                    List.copyOf(new TreeSet<>(machine.scopes())), OptionalLong.of(machine.unsentUpdateCount()))
                    .toAnswer();
            case PeerCommand.Lease4Update update -> {
                boolean existed = leases.get(update.lease().address()).isPresent();
                leases.put(update.lease());
                yield PeerAnswer.success(existed ? "IPv4 lease updated." : "IPv4 lease added.");
            }
            case PeerCommand.Lease4Delete delete -> leases.delete(delete.lease().address())
                    ? PeerAnswer.success("IPv4 lease deleted.")
                    : new PeerAnswer(PeerAnswer.EMPTY, "IPv4 lease not found.", Optional.empty());
            case PeerCommand.LeaseGetPage page -> page(page);
            case PeerCommand.DhcpDisable disable -> disable(disable);
            case PeerCommand.DhcpEnable enable -> {
                if (enable.origin().equals(PeerCommand.ORIGIN_HA_PARTNER)) {
                    cancelPartnerDisable();
                    machine.partnerEnabledDhcp();
                } else {
                    userDisabled = false;
                }
                yield PeerAnswer.success("DHCP service successfully enabled");
            }
            case PeerCommand.SyncCompleteNotify ignored -> answer(machine.syncCompleteNotified());
            case PeerCommand.MaintenanceNotify notify -> answer(machine.maintenanceNotify(notify.cancel()));
            case PeerCommand.Reset ignored -> answer(machine.reset());
            case PeerCommand.Lease6BulkApply ignored -> new PeerAnswer(PeerAnswer.UNSUPPORTED,
                    "'lease6-bulk-apply' command not supported.", Optional.empty());
        };
        ensureHeartbeat();
        return answer;
    }

    private PeerAnswer page(PeerCommand.LeaseGetPage page) {
        long from = -1;
        if (!page.from().equals("start")) {
            try {
                from = Integer.toUnsignedLong(HaLease4.parseAddress(page.from()));
            } catch (PeerMessageException e) {
                return PeerAnswer.error(e.getMessage());
            }
        }
        return LeasePage.answer(leases.page(from, (int) Math.min(page.limit(), Integer.MAX_VALUE)));
    }

    private PeerAnswer disable(PeerCommand.DhcpDisable disable) {
        if (!disable.origin().equals(PeerCommand.ORIGIN_HA_PARTNER)) {
            userDisabled = true;
            return PeerAnswer.success("DHCPv4 service disabled");
        }
        cancelPartnerDisable();
        machine.partnerDisabledDhcp();
        if (disable.maxPeriodSeconds().isEmpty()) {
            return PeerAnswer.success("DHCPv4 service disabled");
        }
        long seconds = disable.maxPeriodSeconds().getAsLong();
        // the receiver re-enables on its own when the partner does not come back within max-period
        partnerDisableTimer = scheduler.schedule(Duration.ofSeconds(seconds), () -> {
            partnerDisableTimer = null;
            if (!stopped) {
                machine.partnerEnabledDhcp();
            }
        });
        return PeerAnswer.success("DHCPv4 service disabled for " + seconds + " seconds");
    }

    private void cancelPartnerDisable() {
        if (partnerDisableTimer != null) {
            partnerDisableTimer.cancel();
            partnerDisableTimer = null;
        }
    }

    private static PeerAnswer answer(CommandOutcome outcome) {
        return new PeerAnswer(outcome.result(), outcome.text(), Optional.empty());
    }

    // ---- administrator commands --------------------------------------------------------------------------------

    public CommandOutcome maintenanceStart() {
        CommandOutcome outcome = machine.maintenanceStart();
        ensureHeartbeat();
        return outcome;
    }

    public CommandOutcome maintenanceCancel() {
        return machine.maintenanceCancel();
    }

    public CommandOutcome continueMachine() {
        CommandOutcome outcome = machine.continueMachine();
        ensureHeartbeat();
        return outcome;
    }

    public CommandOutcome reset() {
        CommandOutcome outcome = machine.reset();
        ensureHeartbeat();
        return outcome;
    }

    public CommandOutcome sync(OptionalLong maxPeriodSeconds) {
        return machine.syncCommand(maxPeriodSeconds);
    }

    // ---- status ------------------------------------------------------------------------------------------------

    public HaState state() {
        return machine.state();
    }

    /** The {@code ha-scopes} command: see {@link dev.nestor.ha.state.HaStateMachine#serveScopes}. */
    public CommandOutcome serveScopes(java.util.Set<String> names) {
        return machine.serveScopes(names);
    }

    public java.util.Set<String> scopes() {
        return machine.scopes();
    }

    public long unsentUpdateCount() {
        return machine.unsentUpdateCount();
    }

    public CommunicationState communication() {
        return communication;
    }

    public HaSettings settings() {
        return settings;
    }

    // ---- what the state machine asks of the partner -------------------------------------------------------------

    private final class Operations implements PartnerOperations {

        @Override
        public Outcome synchronize(OptionalLong maxPeriodSeconds) {
            boolean disabled = false;
            String from = "start";
            Outcome outcome;
            while (true) {
                PeerReply disableReply = partner.call(new PeerCommand.DhcpDisable(PeerCommand.ORIGIN_HA_PARTNER,
                        maxPeriodSeconds), REQUEST_TIMEOUT);
                Optional<String> disableError = failure(disableReply, HaLogId.HA_DHCP_DISABLE_COMMUNICATIONS_FAILED,
                        HaLogId.HA_DHCP_DISABLE_FAILED);
                if (disableError.isPresent()) {
                    outcome = Outcome.failed(disableError.get());
                    break;
                }
                disabled = true;
                PeerReply pageReply = partner.call(new PeerCommand.LeaseGetPage(
                        dev.nestor.ha.message.Service.DHCP4, from, settings.syncPageLimit()),
                        Duration.ofMillis(settings.syncTimeoutMillis()));
                LeasePage page;
                if (pageReply instanceof PeerReply.Failed failed) {
                    communication.partnerUnavailable();
                    log.log(HaLogId.HA_LEASES_SYNC_COMMUNICATIONS_FAILED, partnerName, failed.reason());
                    outcome = Outcome.failed(failed.reason());
                    break;
                }
                try {
                    page = LeasePage.fromAnswer(((PeerReply.Answered) pageReply).answer());
                } catch (PeerMessageException e) {
                    communication.partnerUnavailable();
                    log.log(HaLogId.HA_LEASES_SYNC_FAILED, partnerName, e.getMessage());
                    outcome = Outcome.failed(e.getMessage());
                    break;
                }
                log.log(HaLogId.HA_LEASES_SYNC_LEASE_PAGE_RECEIVED, page.count(), partnerName);
                page.malformed().forEach(reason -> log.log(HaLogId.HA_LEASE_SYNC_FAILED, reason, "malformed lease"));
                for (HaLease4 remote : page.leases()) {
                    Optional<HaLease4> local = leases.get(remote.address());
                    if (local.isEmpty() || local.get().cltt() < remote.cltt()) {
                        leases.put(remote);
                    } else {
                        log.log(HaLogId.HA_LEASE_SYNC_STALE_LEASE4_SKIP, remote.addressText(), remote.subnetId());
                    }
                }
                if (page.count() >= settings.syncPageLimit() && page.lastEntryParsed() && !page.leases().isEmpty()) {
                    from = page.leases().getLast().addressText();
                    continue;
                }
                outcome = Outcome.OK;
                break;
            }
            if (outcome.success()) {
                PeerReply notify = partner.call(new PeerCommand.SyncCompleteNotify(), REQUEST_TIMEOUT);
                if (notify instanceof PeerReply.Answered answered
                        && answered.answer().result() == PeerAnswer.UNSUPPORTED) {
                    failure(partner.call(new PeerCommand.DhcpEnable(PeerCommand.ORIGIN_HA_PARTNER), REQUEST_TIMEOUT),
                            HaLogId.HA_DHCP_ENABLE_COMMUNICATIONS_FAILED, HaLogId.HA_DHCP_ENABLE_FAILED);
                } else {
                    // without the notification the partner stays disabled until max-period: count it as failed,
                    // so the sync is retried rather than assumed complete
                    Optional<String> notifyError = failure(notify, HaLogId.HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED,
                            HaLogId.HA_SYNC_COMPLETE_NOTIFY_FAILED);
                    if (notifyError.isPresent()) {
                        outcome = Outcome.failed(notifyError.get());
                    }
                }
            } else if (disabled) {
                failure(partner.call(new PeerCommand.DhcpEnable(PeerCommand.ORIGIN_HA_PARTNER), REQUEST_TIMEOUT),
                        HaLogId.HA_DHCP_ENABLE_COMMUNICATIONS_FAILED, HaLogId.HA_DHCP_ENABLE_FAILED);
            }
            return outcome;
        }

        /** Logs a failed reply with the given IDs; the reason, or empty on success. */
        private Optional<String> failure(PeerReply reply, HaLogId transportId, HaLogId resultId) {
            switch (reply) {
                case PeerReply.Failed failed -> {
                    log.log(transportId, partnerName, failed.reason());
                    return Optional.of(failed.reason());
                }
                case PeerReply.Answered answered when !answered.answer().isSuccess() -> {
                    log.log(resultId, partnerName, answered.answer().text());
                    return Optional.of(answered.answer().text());
                }
                case PeerReply.Answered answered -> {
                    return Optional.empty();
                }
            }
        }

        @Override
        public boolean backlogOverflowed() {
            return backlogOverflowed;
        }

        @Override
        public Outcome sendBacklog() {
            if (backlog.isEmpty()) {
                log.log(HaLogId.HA_LEASES_BACKLOG_NOTHING_TO_SEND);
                return Outcome.OK;
            }
            Instant begin = clock.instant();
            log.log(HaLogId.HA_LEASES_BACKLOG_START, backlog.size(), partnerName);
            for (PeerCommand command : List.copyOf(backlog)) {
                Optional<String> error = failure(partner.call(command, REQUEST_TIMEOUT),
                        HaLogId.HA_LEASES_BACKLOG_COMMUNICATIONS_FAILED, HaLogId.HA_LEASES_BACKLOG_FAILED);
                if (error.isPresent()) {
                    return Outcome.failed(error.get());
                }
                backlog.remove(command);
            }
            log.log(HaLogId.HA_LEASES_BACKLOG_SUCCESS, partnerName,
                    Duration.between(begin, clock.instant()).toMillis() + " ms");
            return Outcome.OK;
        }

        @Override
        public void clearBacklog() {
            backlog.clear();
            backlogOverflowed = false;
        }

        @Override
        public Outcome resetPartner() {
            return failure(partner.call(new PeerCommand.Reset(), REQUEST_TIMEOUT),
                    HaLogId.HA_RESET_COMMUNICATIONS_FAILED, HaLogId.HA_RESET_FAILED)
                    .map(Outcome::failed).orElse(Outcome.OK);
        }

        @Override
        public MaintenanceReply notifyMaintenance(boolean cancel) {
            return switch (partner.call(new PeerCommand.MaintenanceNotify(cancel), REQUEST_TIMEOUT)) {
                case PeerReply.Failed failed -> new MaintenanceReply.Unreachable(failed.reason());
                case PeerReply.Answered answered -> new MaintenanceReply.Answered(answered.answer().result(),
                        answered.answer().text());
            };
        }
    }
}

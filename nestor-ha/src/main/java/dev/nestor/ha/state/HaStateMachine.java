package dev.nestor.ha.state;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLog;
import dev.nestor.ha.log.HaLogId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static dev.nestor.ha.state.HaState.BACKUP;
import static dev.nestor.ha.state.HaState.COMMUNICATION_RECOVERY;
import static dev.nestor.ha.state.HaState.HOT_STANDBY;
import static dev.nestor.ha.state.HaState.IN_MAINTENANCE;
import static dev.nestor.ha.state.HaState.LOAD_BALANCING;
import static dev.nestor.ha.state.HaState.PARTNER_DOWN;
import static dev.nestor.ha.state.HaState.PARTNER_IN_MAINTENANCE;
import static dev.nestor.ha.state.HaState.PASSIVE_BACKUP;
import static dev.nestor.ha.state.HaState.READY;
import static dev.nestor.ha.state.HaState.SYNCING;
import static dev.nestor.ha.state.HaState.TERMINATED;
import static dev.nestor.ha.state.HaState.UNAVAILABLE;
import static dev.nestor.ha.state.HaState.WAITING;

/**
 * Kea's HA state machine for one server of one relationship: every state, every transition, and what each state
 * means for the DHCP engine (scopes served, local DHCP service on/off, lease updates to the partner). All
 * transitions go through this class; each checks its precondition against {@link #ALLOWED}.
 *
 * <h2>How it runs</h2>
 * {@link #run(PartnerView)} is called after every heartbeat completion, after the lease updates of a query
 * complete, after administrative commands and at start (ha-protocol.md §6.2). The handler of the current state
 * reads the partner view and either stays or transitions; after a transition the new state's handler runs at once
 * (its on-entry actions, then its own decision), until a handler stays, as Kea's state model does. Partner requests
 * (sync, backlog, ha-reset, maintenance notify) are made synchronously through {@link PartnerOperations}.
 *
 * <h2>Common pre-checks</h2>
 * In waiting (active roles), syncing, ready, hot-standby, load-balancing, communication-recovery, partner-down and
 * partner-in-maintenance, in this order: (1) paused, or the previous event was a maintenance cancel: stay;
 * (2) clock skew above 60 s, or max-rejected-lease-updates reached: terminated; (3) partner in a state invalid for
 * our mode (communication-recovery or load-balancing while we are not load-balancing, hot-standby while we are not
 * hot-standby): waiting (in waiting: stay). {@code shouldPartnerDown} = communication interrupted and, when our
 * DHCP service is on and we are load-balancing or the standby, the unacked-clients analysis concluded.
 *
 * <h2>Transition table (current state: partner state as last seen -> next state)</h2>
 * <pre>
 * waiting      role backup -> backup; mode passive-backup -> passive-backup;
 *              partner communication-recovery|hot-standby|load-balancing|in-maintenance|partner-down|
 *                      partner-in-maintenance|ready -> syncing (ready when sync-leases is false);
 *              partner waiting: primary -> syncing (or ready), others stay; partner syncing -> stay;
 *              partner terminated -> stay (HA_TERMINATED_RESTART_PARTNER);
 *              partner unavailable -> partner-down if shouldPartnerDown; never contacted/other -> stay
 * syncing      partner terminated -> terminated; unavailable -> partner-down if shouldPartnerDown, else stay;
 *              otherwise sync with the partner: success -> ready, failure -> stay (retried at the next run)
 * ready        partner hot-standby|load-balancing|communication-recovery -> normal state;
 *              in-maintenance -> partner-in-maintenance; partner-in-maintenance -> in-maintenance;
 *              ready: primary -> normal state, others stay; terminated -> terminated;
 *              unavailable -> partner-down if shouldPartnerDown; other -> stay
 * hot-standby, load-balancing (normal state)
 *              partner in-maintenance -> partner-in-maintenance; partner-down -> waiting;
 *              partner-in-maintenance -> in-maintenance; terminated -> terminated;
 *              unavailable -> partner-down if shouldPartnerDown, else communication-recovery when
 *                      load-balancing with delayed-updates-limit > 0, else stay; other -> stay
 * communication-recovery (load-balancing only)
 *              partner in-maintenance -> partner-in-maintenance; partner-down -> waiting;
 *              partner-in-maintenance -> in-maintenance; terminated -> terminated;
 *              unavailable -> partner-down if shouldPartnerDown, else stay;
 *              waiting|syncing|ready -> waiting if not interrupted and the backlog overflowed, else stay;
 *              communication interrupted -> stay;
 *              load-balancing|communication-recovery -> backlog overflowed or not delivered: ha-reset to the
 *                      partner, accepted -> waiting, else stay; backlog delivered -> load-balancing;
 *              other -> waiting. Leaving the state clears the backlog.
 * partner-down partner communication-recovery|partner-down|partner-in-maintenance -> waiting;
 *              ready: partner has new unsent updates -> waiting; we served since the partner synced from us
 *                      (Nestor's addition, see below) -> ha-reset to the partner, stay; else normal state;
 *              terminated -> terminated;
 *              other -> stay; after the partner's sync-complete notification, a failed heartbeat
 *              (partner unavailable) re-enables the local DHCP service and stays
 * partner-in-maintenance
 *              partner unavailable -> partner-down; other -> stay
 * in-maintenance, terminated, backup, passive-backup: no automatic transition
 * administrative: ha-reset -> waiting from any state; ha-maintenance-start -> partner-in-maintenance, or
 *              partner-down when the partner cannot be notified; ha-maintenance-notify -> in-maintenance and
 *              back (cancel); ha-maintenance-cancel -> the state before maintenance
 * </pre>
 *
 * <h2>Where Nestor adds to Kea 2.2</h2>
 * Kea's survivor in partner-down re-enables its DHCP service when a heartbeat fails after the returning partner
 * synced from it (or when the partner's dhcp-disable max-period runs out), serves clients without sending updates,
 * and then goes back to its normal state on seeing the partner {@code ready}: the partner never gets those leases,
 * and may allocate the same addresses again (found by the HA simulation). Nestor's survivor instead sends
 * {@code ha-reset} to the ready partner, which syncs again, when its unsent-update-count moved since the partner's
 * {@code ha-sync-complete-notify}. Only standard commands go on the wire, so a stock Kea partner simply syncs again.
 *
 * <h2>On entry</h2>
 * Scopes: normal states, communication-recovery, passive-backup and terminated serve this server's default scopes;
 * partner-down and partner-in-maintenance serve the failover scopes (partner-down: only the default scopes when
 * {@code auto-failover} is false, unless entered through maintenance); the other states serve none. The local
 * DHCP service is switched per {@link HaState#dhcpServiceEnabled()}. Each transition logs HA_STATE_TRANSITION
 * (HA_STATE_TRANSITION_PASSIVE_BACKUP) and the lease-update message, state names upper-case as stock Kea 2.2 prints
 * them ({@code server transitions from WAITING to SYNCING state, partner state is UNDEFINED}); pauses are applied per the
 * {@code state-machine} configuration.
 *
 * <p>Not thread-safe: the HA service drives it from one thread (or under one lock).
 */
public final class HaStateMachine {

    /** Kea terminates the service above this clock skew between the active servers. */
    public static final long MAX_CLOCK_SKEW_SECONDS = 60;

    /** Rejected clients are forgotten after this long (Kea: 24 h). */
    static final Duration REJECTED_CLIENT_MEMORY = Duration.ofHours(24);

    private static final Set<HaState> STATES_SERVING_UPDATES = EnumSet.of(HOT_STANDBY, LOAD_BALANCING,
            PARTNER_IN_MAINTENANCE);
    private static final int MAX_CHAINED_TRANSITIONS = 16;

    /** Every transition the machine may make, automatic and administrative; anything else is a bug. */
    static final Map<HaState, Set<HaState>> ALLOWED = allowedTransitions();

    private final HaSettings settings;
    private final PartnerOperations partner;
    private final HaLog log;
    private final Clock clock;

    private HaState state;
    private boolean started;
    private boolean entryPending;
    private boolean paused;
    private final Set<HaState> pausedOnce = EnumSet.noneOf(HaState.class);
    private boolean maintenanceCancelled;
    private boolean enteredThroughMaintenance;
    private HaState stateBeforeMaintenance;
    private boolean syncCompleteNotified;
    /** Our unsent-update-count when the partner last told us it had synced from us (partner-down only). */
    private OptionalLong unsentAtPartnerSync = OptionalLong.empty();
    private boolean dhcpEnabled = true;
    private Set<String> scopes = Set.of();
    private long unsentUpdateCount;
    private final Map<String, Instant> rejectedClients = new HashMap<>();
    private PartnerView lastView = PartnerView.neverContacted();

    public HaStateMachine(HaSettings settings, PartnerOperations partner, HaLog log, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partner = Objects.requireNonNull(partner, "partner");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = WAITING;
    }

    /**
     * Starts the service: logs HA_SERVICE_STARTED, enters {@code waiting} (DHCP service off, no scopes) and runs
     * the machine once with no knowledge of the partner.
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("state machine already started");
        }
        started = true;
        // Kea enters waiting (its entry actions switch the DHCP service off) before it logs the start
        onEntry();
        log.log(HaLogId.HA_SERVICE_STARTED, settings.mode().keaName(), settings.role().keaName());
        run(PartnerView.neverContacted());
    }

    /**
     * Puts a fresh machine straight into a state, with that state's on-entry actions, as if it had got there; for
     * the transition-table tests, which start every case from every state.
     */
    void startIn(HaState initial) {
        if (started) {
            throw new IllegalStateException("state machine already started");
        }
        started = true;
        state = initial;
        entryPending = false;
        onEntry();
    }

    /** One evaluation of the machine with what is known about the partner now. */
    public void run(PartnerView view) {
        requireStarted();
        lastView = Objects.requireNonNull(view, "view");
        for (int step = 0; step < MAX_CHAINED_TRANSITIONS; step++) {
            HaState before = state;
            if (entryPending) {
                entryPending = false;
                onEntry();
            }
            handle(view);
            if (state == before && !entryPending) {
                return;
            }
        }
        throw new IllegalStateException("state machine did not settle after " + MAX_CHAINED_TRANSITIONS
                + " transitions, now in " + state);
    }

    // ---- state handlers -------------------------------------------------------------------------------------

    private void handle(PartnerView view) {
        switch (state) {
            case WAITING -> waiting(view);
            case SYNCING -> syncing(view);
            case READY -> ready(view);
            case HOT_STANDBY, LOAD_BALANCING -> normal(view);
            case COMMUNICATION_RECOVERY -> communicationRecovery(view);
            case PARTNER_DOWN -> partnerDown(view);
            case PARTNER_IN_MAINTENANCE -> partnerInMaintenance(view);
            case IN_MAINTENANCE, TERMINATED, BACKUP, PASSIVE_BACKUP -> { }
            case UNAVAILABLE -> throw new IllegalStateException("unavailable is never a local state");
        }
    }

    /** Pre-checks 1 and 2; true when the handler must stop here. */
    private boolean pausedOrTerminating(PartnerView view) {
        if (paused) {
            return true;
        }
        if (maintenanceCancelled) {
            maintenanceCancelled = false;
            return true;
        }
        if (Math.abs(view.clockSkewSeconds()) > MAX_CLOCK_SKEW_SECONDS) {
            log.log(HaLogId.HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION, describeSkew(view.clockSkewSeconds()));
            transition(TERMINATED, view);
            return true;
        }
        if (rejectedLeaseUpdatesExceeded()) {
            log.log(HaLogId.HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION);
            transition(TERMINATED, view);
            return true;
        }
        return false;
    }

    /** Pre-check 3: the partner reports a state that does not exist in our mode. */
    private boolean partnerStateInvalid(PartnerView view) {
        Optional<HaState> partnerState = view.partnerState();
        if (partnerState.isEmpty()) {
            return false;
        }
        HaLogId warning = switch (partnerState.get()) {
            case COMMUNICATION_RECOVERY -> settings.mode() != HaMode.LOAD_BALANCING
                    ? HaLogId.HA_INVALID_PARTNER_STATE_COMMUNICATION_RECOVERY : null;
            case HOT_STANDBY -> settings.mode() != HaMode.HOT_STANDBY
                    ? HaLogId.HA_INVALID_PARTNER_STATE_HOT_STANDBY : null;
            case LOAD_BALANCING -> settings.mode() != HaMode.LOAD_BALANCING
                    ? HaLogId.HA_INVALID_PARTNER_STATE_LOAD_BALANCING : null;
            default -> null;
        };
        if (warning == null) {
            return false;
        }
        log.log(warning);
        return true;
    }

    private boolean commonPreChecks(PartnerView view) {
        if (pausedOrTerminating(view)) {
            return true;
        }
        if (partnerStateInvalid(view)) {
            if (state != WAITING) {
                transition(WAITING, view);
            }
            return true;
        }
        return false;
    }

    private boolean shouldPartnerDown(PartnerView view) {
        if (!view.communicationInterrupted()) {
            return false;
        }
        if (dhcpEnabled && (settings.mode() == HaMode.LOAD_BALANCING || settings.role() == HaRole.STANDBY)) {
            return view.failureDetected();
        }
        return true;
    }

    private void waiting(PartnerView view) {
        if (settings.role() == HaRole.BACKUP) {
            transition(BACKUP, view);
            return;
        }
        if (settings.mode() == HaMode.PASSIVE_BACKUP) {
            transition(PASSIVE_BACKUP, view);
            return;
        }
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        switch (view.partnerState().get()) {
            case COMMUNICATION_RECOVERY, HOT_STANDBY, LOAD_BALANCING, IN_MAINTENANCE, PARTNER_DOWN,
                 PARTNER_IN_MAINTENANCE, READY -> startSyncing(view);
            case WAITING -> {
                if (settings.role() == HaRole.PRIMARY) {
                    startSyncing(view);
                }
            }
            case TERMINATED -> log.log(HaLogId.HA_TERMINATED_RESTART_PARTNER);
            case UNAVAILABLE -> {
                if (shouldPartnerDown(view)) {
                    transition(PARTNER_DOWN, view);
                }
            }
            case SYNCING, BACKUP, PASSIVE_BACKUP -> { }
        }
    }

    private void startSyncing(PartnerView view) {
        if (settings.syncLeases()) {
            transition(SYNCING, view);
        } else {
            log.log(HaLogId.HA_CONFIG_LEASE_SYNCING_DISABLED_REMINDER);
            transition(READY, view);
        }
    }

    private void syncing(PartnerView view) {
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        HaState partnerState = view.partnerState().get();
        if (partnerState == TERMINATED) {
            transition(TERMINATED, view);
            return;
        }
        if (partnerState == UNAVAILABLE) {
            if (shouldPartnerDown(view)) {
                transition(PARTNER_DOWN, view);
            }
            return;
        }
        String partnerName = settings.partnerName().orElseThrow();
        log.log(HaLogId.HA_SYNC_START, partnerName);
        Instant begin = clock.instant();
        long maxPeriod = Math.max(1, settings.syncTimeoutMillis() / 1000);
        PartnerOperations.Outcome outcome = partner.synchronize(OptionalLong.of(maxPeriod));
        if (outcome.success()) {
            log.log(HaLogId.HA_SYNC_SUCCESSFUL, partnerName, formatDuration(Duration.between(begin, clock.instant())));
            transition(READY, view);
        } else {
            log.log(HaLogId.HA_SYNC_FAILED, partnerName, outcome.reason());
        }
    }

    private void ready(PartnerView view) {
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        switch (view.partnerState().get()) {
            case HOT_STANDBY, LOAD_BALANCING, COMMUNICATION_RECOVERY -> transition(settings.mode().normalState(), view);
            case IN_MAINTENANCE -> transition(PARTNER_IN_MAINTENANCE, view);
            case PARTNER_IN_MAINTENANCE -> transition(IN_MAINTENANCE, view);
            case READY -> {
                if (settings.role() == HaRole.PRIMARY) {
                    transition(settings.mode().normalState(), view);
                }
            }
            case TERMINATED -> transition(TERMINATED, view);
            case UNAVAILABLE -> {
                if (shouldPartnerDown(view)) {
                    transition(PARTNER_DOWN, view);
                }
            }
            case WAITING, SYNCING, PARTNER_DOWN, BACKUP, PASSIVE_BACKUP -> { }
        }
    }

    private void normal(PartnerView view) {
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        switch (view.partnerState().get()) {
            case IN_MAINTENANCE -> transition(PARTNER_IN_MAINTENANCE, view);
            case PARTNER_DOWN -> transition(WAITING, view);
            case PARTNER_IN_MAINTENANCE -> transition(IN_MAINTENANCE, view);
            case TERMINATED -> transition(TERMINATED, view);
            case UNAVAILABLE -> {
                if (shouldPartnerDown(view)) {
                    transition(PARTNER_DOWN, view);
                } else if (settings.mode() == HaMode.LOAD_BALANCING && settings.delayedUpdatesLimit() > 0) {
                    transition(COMMUNICATION_RECOVERY, view);
                }
            }
            default -> { }
        }
    }

    private void communicationRecovery(PartnerView view) {
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        switch (view.partnerState().get()) {
            case IN_MAINTENANCE -> transition(PARTNER_IN_MAINTENANCE, view);
            case PARTNER_DOWN -> transition(WAITING, view);
            case PARTNER_IN_MAINTENANCE -> transition(IN_MAINTENANCE, view);
            case TERMINATED -> transition(TERMINATED, view);
            case UNAVAILABLE -> {
                if (shouldPartnerDown(view)) {
                    transition(PARTNER_DOWN, view);
                }
            }
            case WAITING, SYNCING, READY -> {
                if (!view.communicationInterrupted() && partner.backlogOverflowed()) {
                    transition(WAITING, view);
                }
            }
            default -> {
                if (view.communicationInterrupted()) {
                    return;
                }
                HaState partnerState = view.partnerState().get();
                if (partnerState != LOAD_BALANCING && partnerState != COMMUNICATION_RECOVERY) {
                    transition(WAITING, view);
                    return;
                }
                if (!partner.backlogOverflowed()) {
                    PartnerOperations.Outcome sent = partner.sendBacklog();
                    if (sent.success()) {
                        transition(LOAD_BALANCING, view);
                        return;
                    }
                }
                PartnerOperations.Outcome reset = partner.resetPartner();
                if (reset.success()) {
                    transition(WAITING, view);
                }
            }
        }
    }

    private void partnerDown(PartnerView view) {
        if (commonPreChecks(view) || view.partnerState().isEmpty()) {
            return;
        }
        HaState partnerState = view.partnerState().get();
        if (syncCompleteNotified && partnerState == UNAVAILABLE) {
            // the partner synced from us but is gone again: serve instead of staying disabled by its sync
            syncCompleteNotified = false;
            setDhcp(true);
            return;
        }
        switch (partnerState) {
            case COMMUNICATION_RECOVERY, PARTNER_DOWN, PARTNER_IN_MAINTENANCE -> transition(WAITING, view);
            case READY -> {
                if (view.partnerHasNewUnsentUpdates()) {
                    transition(WAITING, view);
                } else if (servedSincePartnerSynced()) {
                    // Nestor's addition to Kea: we allocated after the partner pulled our leases (our DHCP came
                    // back when a heartbeat failed or the partner's max-period ran out), so the partner lacks those
                    // leases; make it sync again before either of us goes back to normal
                    if (partner.resetPartner().success()) {
                        unsentAtPartnerSync = OptionalLong.empty();
                    }
                } else {
                    transition(settings.mode().normalState(), view);
                }
            }
            case TERMINATED -> transition(TERMINATED, view);
            default -> { }
        }
    }

    private void partnerInMaintenance(PartnerView view) {
        if (pausedOrTerminating(view)) {
            return;
        }
        if (view.partnerState().orElse(null) == UNAVAILABLE) {
            transition(PARTNER_DOWN, view);
        }
    }

    // ---- transitions and on-entry actions ---------------------------------------------------------------------

    private void transition(HaState next, PartnerView view) {
        Set<HaState> allowed = ALLOWED.getOrDefault(state, Set.of());
        if (!allowed.contains(next)) {
            throw new IllegalStateException("transition from " + state + " to " + next + " is not in the table");
        }
        HaState previous = state;
        if (previous == COMMUNICATION_RECOVERY) {
            partner.clearBacklog();
        }
        if (previous == PARTNER_DOWN) {
            syncCompleteNotified = false;
            unsentAtPartnerSync = OptionalLong.empty();
        }
        // partner-down reached by the maintenance procedure serves the failover scopes even without auto-failover
        enteredThroughMaintenance = next == PARTNER_DOWN && previous == PARTNER_IN_MAINTENANCE;
        state = next;
        entryPending = true;
        if (settings.mode() == HaMode.PASSIVE_BACKUP) {
            log.log(HaLogId.HA_STATE_TRANSITION_PASSIVE_BACKUP, previous.logName(), next.logName());
        } else {
            log.log(HaLogId.HA_STATE_TRANSITION, previous.logName(), next.logName(), view.logName());
        }
        if (settings.role() != HaRole.BACKUP && settings.mode() != HaMode.PASSIVE_BACKUP) {
            if (!settings.sendLeaseUpdates()) {
                log.log(HaLogId.HA_CONFIG_LEASE_UPDATES_DISABLED_REMINDER, next.logName());
            } else if (STATES_SERVING_UPDATES.contains(next)) {
                log.log(HaLogId.HA_LEASE_UPDATES_ENABLED, next.logName());
            } else {
                log.log(HaLogId.HA_LEASE_UPDATES_DISABLED, next.logName());
            }
        }
    }

    private void onEntry() {
        scopes = switch (state) {
            case HOT_STANDBY, LOAD_BALANCING, COMMUNICATION_RECOVERY, PASSIVE_BACKUP, TERMINATED ->
                    settings.defaultScopes();
            case PARTNER_DOWN -> settings.autoFailover() || enteredThroughMaintenance
                    ? settings.failoverScopes() : settings.defaultScopes();
            case PARTNER_IN_MAINTENANCE -> settings.failoverScopes();
            case WAITING, SYNCING, READY, IN_MAINTENANCE, BACKUP, UNAVAILABLE -> Set.of();
        };
        setDhcp(state.dhcpServiceEnabled());
        if (state != HOT_STANDBY && state != LOAD_BALANCING && state != COMMUNICATION_RECOVERY) {
            rejectedClients.clear();
        }
        if (state == IN_MAINTENANCE) {
            log.log(HaLogId.HA_MAINTENANCE_SHUTDOWN_SAFE);
        }
        if (state == TERMINATED) {
            log.log(HaLogId.HA_TERMINATED);
        }
        PausePolicy policy = settings.pausePolicy(state);
        if (policy == PausePolicy.ALWAYS || (policy == PausePolicy.ONCE && pausedOnce.add(state))) {
            paused = true;
            log.log(HaLogId.HA_STATE_MACHINE_PAUSED, state.keaName());
        }
    }

    private void setDhcp(boolean enable) {
        if (enable && !dhcpEnabled) {
            dhcpEnabled = true;
            log.log(HaLogId.HA_LOCAL_DHCP_ENABLE, settings.thisServerName(), state.logName());
        } else if (!enable && dhcpEnabled) {
            dhcpEnabled = false;
            log.log(HaLogId.HA_LOCAL_DHCP_DISABLE, settings.thisServerName(), state.logName());
        }
    }

    // ---- administrative commands and partner notifications ---------------------------------------------------

    /** {@code ha-reset}: any state to waiting. */
    public CommandOutcome reset() {
        requireStarted();
        if (state == WAITING) {
            return CommandOutcome.success("HA state machine already in WAITING state.");
        }
        transition(WAITING, lastView);
        run(lastView);
        return CommandOutcome.success("HA state machine reset.");
    }

    /** {@code ha-continue}: releases a paused machine and runs it. */
    public CommandOutcome continueMachine() {
        requireStarted();
        if (!paused) {
            return CommandOutcome.success("HA state machine is not paused.");
        }
        paused = false;
        log.log(HaLogId.HA_STATE_MACHINE_CONTINUED);
        run(lastView);
        return CommandOutcome.success("HA state machine continues.");
    }

    /** {@code ha-maintenance-notify} received from the partner (ha-protocol.md §11.8). */
    public CommandOutcome maintenanceNotify(boolean cancel) {
        requireStarted();
        if (cancel) {
            if (state != IN_MAINTENANCE) {
                return CommandOutcome.error(
                        "Unable to cancel the maintenance for the server not in the in-maintenance state.");
            }
            returnFromMaintenance();
            return CommandOutcome.success("Server maintenance canceled.");
        }
        if (state == BACKUP || state == PARTNER_IN_MAINTENANCE || state == TERMINATED) {
            return new CommandOutcome(1001, "Unable to transition the server from the " + state.keaName()
                    + " to in-maintenance state.");
        }
        if (state != IN_MAINTENANCE) {
            stateBeforeMaintenance = state;
            transition(IN_MAINTENANCE, lastView);
            run(lastView);
        }
        return CommandOutcome.success("Server is in-maintenance state.");
    }

    /** {@code ha-maintenance-start} from the administrator (ha-protocol.md §14). */
    public CommandOutcome maintenanceStart() {
        requireStarted();
        if (state == BACKUP || state == IN_MAINTENANCE || state == PARTNER_IN_MAINTENANCE || state == TERMINATED) {
            return CommandOutcome.error("Unable to transition the server from the " + state.keaName()
                    + " to partner-in-maintenance state.");
        }
        String partnerName = settings.partnerName().orElse("");
        PartnerOperations.MaintenanceReply reply = partner.notifyMaintenance(false);
        HaState before = state;
        switch (reply) {
            case PartnerOperations.MaintenanceReply.Unreachable unreachable -> {
                log.log(HaLogId.HA_MAINTENANCE_NOTIFY_COMMUNICATIONS_FAILED, partnerName, unreachable.reason());
                return maintenanceInPartnerDown(before);
            }
            case PartnerOperations.MaintenanceReply.Answered answered when answered.result() == 0 -> {
                stateBeforeMaintenance = before;
                transition(PARTNER_IN_MAINTENANCE, lastView);
                run(lastView);
                log.log(HaLogId.HA_MAINTENANCE_STARTED);
                return CommandOutcome.success("Server is now in the partner-in-maintenance state and its partner is"
                        + " in-maintenance state. The partner can be now safely shut down.");
            }
            case PartnerOperations.MaintenanceReply.Answered answered when answered.result() == 1001 -> {
                log.log(HaLogId.HA_MAINTENANCE_NOTIFY_FAILED, partnerName, answered.text());
                return CommandOutcome.error("Unable to transition to the partner-in-maintenance state. The partner"
                        + " server responded with the following message to the ha-maintenance-notify command: "
                        + answered.text() + ".");
            }
            case PartnerOperations.MaintenanceReply.Answered answered -> {
                log.log(HaLogId.HA_MAINTENANCE_NOTIFY_FAILED, partnerName, answered.text());
                return maintenanceInPartnerDown(before);
            }
        }
    }

    private CommandOutcome maintenanceInPartnerDown(HaState before) {
        stateBeforeMaintenance = before;
        if (state != PARTNER_DOWN) {
            transition(PARTNER_DOWN, lastView);
        }
        enteredThroughMaintenance = true;
        entryPending = true;
        run(lastView);
        log.log(HaLogId.HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN);
        return CommandOutcome.success(
                "Server is now in the partner-down state as its partner appears to be offline for maintenance.");
    }

    /** {@code ha-maintenance-cancel} from the administrator. */
    public CommandOutcome maintenanceCancel() {
        requireStarted();
        if (state != PARTNER_IN_MAINTENANCE) {
            return CommandOutcome.error(
                    "Unable to cancel maintenance request because the server is not in the partner-in-maintenance"
                            + " state.");
        }
        String partnerName = settings.partnerName().orElse("");
        PartnerOperations.MaintenanceReply reply = partner.notifyMaintenance(true);
        switch (reply) {
            case PartnerOperations.MaintenanceReply.Unreachable unreachable -> {
                log.log(HaLogId.HA_MAINTENANCE_NOTIFY_CANCEL_COMMUNICATIONS_FAILED, partnerName, unreachable.reason());
                return CommandOutcome.error("Unable to cancel maintenance. The partner server responded with the"
                        + " following message to the ha-maintenance-notify command: " + unreachable.reason() + ".");
            }
            case PartnerOperations.MaintenanceReply.Answered answered when answered.result() != 0 -> {
                log.log(HaLogId.HA_MAINTENANCE_NOTIFY_CANCEL_FAILED, partnerName, answered.text());
                return CommandOutcome.error("Unable to cancel maintenance. The partner server responded with the"
                        + " following message to the ha-maintenance-notify command: " + answered.text() + ".");
            }
            case PartnerOperations.MaintenanceReply.Answered answered -> {
                returnFromMaintenance();
                return CommandOutcome.success("Server maintenance successfully canceled.");
            }
        }
    }

    private void returnFromMaintenance() {
        HaState back = stateBeforeMaintenance == null ? WAITING : stateBeforeMaintenance;
        stateBeforeMaintenance = null;
        transition(back, lastView);
        maintenanceCancelled = true;
        run(lastView);
    }

    /**
     * {@code ha-sync-complete-notify} received: outside partner-down it clears the partner's dhcp-disable (the
     * same network-state flag HA uses, in Kea 2.2); in partner-down it is remembered and the next heartbeat decides.
     */
    public CommandOutcome syncCompleteNotified() {
        requireStarted();
        if (state == PARTNER_DOWN) {
            syncCompleteNotified = true;
            unsentAtPartnerSync = OptionalLong.of(unsentUpdateCount);
        } else {
            partnerEnabledDhcp();
        }
        return CommandOutcome.success("Server successfully notified about the synchronization completion.");
    }

    /** {@code dhcp-disable} with origin {@code ha-partner}: the partner syncs from us. */
    public void partnerDisabledDhcp() {
        requireStarted();
        setDhcp(false);
    }

    /** {@code dhcp-enable} with origin {@code ha-partner}, or the expiry of the partner's max-period. */
    public void partnerEnabledDhcp() {
        requireStarted();
        setDhcp(true);
    }

    /**
     * {@code ha-sync} from the administrator: synchronises with the partner without changing state.
     *
     * @param maxPeriodSeconds the optional max-period of the command
     */
    public CommandOutcome syncCommand(OptionalLong maxPeriodSeconds) {
        requireStarted();
        String partnerName = settings.partnerName().orElse("");
        log.log(HaLogId.HA_SYNC_START, partnerName);
        Instant begin = clock.instant();
        PartnerOperations.Outcome outcome = partner.synchronize(maxPeriodSeconds);
        if (!outcome.success()) {
            log.log(HaLogId.HA_SYNC_FAILED, partnerName, outcome.reason());
            return CommandOutcome.error(outcome.reason());
        }
        log.log(HaLogId.HA_SYNC_SUCCESSFUL, partnerName, formatDuration(Duration.between(begin, clock.instant())));
        return CommandOutcome.success("Lease database synchronization complete.");
    }

    /** A lease update was skipped in this state: counts it in the unsent-update-count (wraps to 1, never 0). */
    public void countUnsentUpdate() {
        unsentUpdateCount = unsentUpdateCount == Long.MAX_VALUE ? 1 : unsentUpdateCount + 1;
    }

    /** The partner answered a lease update for this client with a conflict (result 4). */
    public void leaseUpdateRejected(String clientKey) {
        rejectedClients.put(clientKey, clock.instant().plus(REJECTED_CLIENT_MEMORY));
    }

    /** A lease update for this client succeeded: it no longer counts as rejected. */
    public void leaseUpdateAccepted(String clientKey) {
        rejectedClients.remove(clientKey);
    }

    /** Whether we skipped lease updates (served clients) since the partner last synced from us. */
    private boolean servedSincePartnerSynced() {
        return unsentAtPartnerSync.isPresent() && unsentAtPartnerSync.getAsLong() != unsentUpdateCount;
    }

    private boolean rejectedLeaseUpdatesExceeded() {
        long max = settings.maxRejectedLeaseUpdates();
        if (max == 0 || rejectedClients.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        for (Iterator<Instant> expiries = rejectedClients.values().iterator(); expiries.hasNext(); ) {
            if (!expiries.next().isAfter(now)) {
                expiries.remove();
            }
        }
        return rejectedClients.size() >= max;
    }

    // ---- outputs ---------------------------------------------------------------------------------------------

    public HaState state() {
        return state;
    }

    /** The scopes (peer names) this server serves now. */
    public Set<String> scopes() {
        return scopes;
    }

    /** Whether the local DHCP service is on (HA's network-state flag, shared with the partner's in Kea 2.2). */
    public boolean localDhcpEnabled() {
        return dhcpEnabled;
    }

    /**
     * The {@code ha-scopes} command: serve exactly these scopes (peer names, validated by the caller) until the next
     * state change re-derives them; the DHCP service stays on or off as the state has it (ha-protocol.md §13).
     */
    public CommandOutcome serveScopes(Set<String> names) {
        requireStarted();
        scopes = Set.copyOf(names);
        return CommandOutcome.success("New HA scopes configured.");
    }

    /** Whether a query of this scope is answered now: DHCP on and the scope served. */
    public boolean serves(String scope) {
        return dhcpEnabled && scopes.contains(scope);
    }

    public boolean paused() {
        return paused;
    }

    /** What happens to a lease update for the failover partner now. */
    public PartnerUpdatePolicy partnerUpdatePolicy() {
        if (!settings.sendLeaseUpdates() || settings.partnerName().isEmpty()) {
            return PartnerUpdatePolicy.NONE;
        }
        if (state == COMMUNICATION_RECOVERY) {
            return PartnerUpdatePolicy.QUEUE_IN_BACKLOG;
        }
        return STATES_SERVING_UPDATES.contains(state) ? PartnerUpdatePolicy.SEND_AND_WAIT
                : PartnerUpdatePolicy.SKIP_AND_COUNT;
    }

    /** Whether heartbeats are sent now: active servers of load-balancing/hot-standby, not terminated. */
    public boolean sendsHeartbeats() {
        return settings.partnerName().isPresent() && settings.heartbeatDelayMillis() > 0 && state != TERMINATED
                && state != BACKUP;
    }

    /** The unsent-update-count reported in heartbeat answers. */
    public long unsentUpdateCount() {
        return unsentUpdateCount;
    }

    public HaSettings settings() {
        return settings;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("state machine not started");
        }
    }

    private static String describeSkew(long skew) {
        return "partner's clock is " + Math.abs(skew) + "s " + (skew >= 0 ? "ahead of" : "behind")
                + " this server's clock";
    }

    private static String formatDuration(Duration duration) {
        return String.format("%d.%03d s", duration.toSeconds(), duration.toMillisPart());
    }

    private static Map<HaState, Set<HaState>> allowedTransitions() {
        Map<HaState, Set<HaState>> table = new EnumMap<>(HaState.class);
        Set<HaState> maintenance = EnumSet.of(IN_MAINTENANCE, PARTNER_IN_MAINTENANCE, PARTNER_DOWN, WAITING,
                TERMINATED);
        table.put(WAITING, union(maintenance, BACKUP, PASSIVE_BACKUP, SYNCING, READY));
        table.put(SYNCING, union(maintenance, READY));
        table.put(READY, union(maintenance, HOT_STANDBY, LOAD_BALANCING));
        table.put(HOT_STANDBY, union(maintenance));
        table.put(LOAD_BALANCING, union(maintenance, COMMUNICATION_RECOVERY));
        table.put(COMMUNICATION_RECOVERY, union(maintenance, LOAD_BALANCING));
        table.put(PARTNER_DOWN, union(maintenance, HOT_STANDBY, LOAD_BALANCING));
        // partner-in-maintenance and in-maintenance return to whatever state they were entered from
        Set<HaState> anyActive = EnumSet.of(WAITING, SYNCING, READY, HOT_STANDBY, LOAD_BALANCING,
                COMMUNICATION_RECOVERY, PARTNER_DOWN, TERMINATED, PASSIVE_BACKUP);
        table.put(PARTNER_IN_MAINTENANCE, union(anyActive));
        table.put(IN_MAINTENANCE, union(anyActive));
        table.put(TERMINATED, EnumSet.of(WAITING, IN_MAINTENANCE));
        table.put(BACKUP, EnumSet.of(WAITING));
        table.put(PASSIVE_BACKUP, EnumSet.of(WAITING, IN_MAINTENANCE, PARTNER_IN_MAINTENANCE, PARTNER_DOWN));
        Map<HaState, Set<HaState>> frozen = new EnumMap<>(HaState.class);
        table.forEach((from, to) -> {
            Set<HaState> targets = EnumSet.copyOf(to);
            targets.remove(from);
            frozen.put(from, Set.copyOf(targets));
        });
        return Map.copyOf(frozen);
    }

    private static Set<HaState> union(Set<HaState> base, HaState... more) {
        Set<HaState> result = EnumSet.copyOf(base);
        result.addAll(Set.of(more));
        return result;
    }
}

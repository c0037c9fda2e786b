package dev.nestor.ha.runtime;

import dev.nestor.config.ha.HaPeer;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.ControlService;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.HttpControlListener;
import dev.nestor.control.transport.HttpListenerSettings;
import dev.nestor.ha.HaSettings;
import dev.nestor.ha.failure.CommunicationState;
import dev.nestor.ha.log.HaLog;
import dev.nestor.ha.log.Slf4jHaLog;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.service.CommitDecision;
import dev.nestor.ha.service.HaScheduler;
import dev.nestor.ha.service.HaService;
import dev.nestor.ha.service.ParkedQuery;
import dev.nestor.ha.state.CommandOutcome;
import dev.nestor.ha.state.HaMode;
import dev.nestor.ha.state.HaState;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.dhcp4.Query;
import dev.nestor.server.hooks.Admission;
import dev.nestor.server.hooks.CommittedLeases;
import dev.nestor.server.hooks.LeasesCommittedHook;
import dev.nestor.server.hooks.PacketAdmission;
import dev.nestor.server.hooks.ParkedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plugs a DHCPv4 HA service (libdhcp_ha.so's role) into a running server and its control channel:
 * <ul>
 * <li>the engine's {@link PacketAdmission} drops queries while HA keeps DHCP off or for scopes this server does not
 *     serve (feeding the unacked-clients analysis), and its {@link LeasesCommittedHook} parks each response until the
 *     partner acknowledged the lease updates (ha-protocol.md §5, §9); the same updates go to every backup server
 *     of the relationship (waited for only with {@code wait-backup-ack}, passive-backup's option);</li>
 * <li>the partner's commands arrive on a listener opened on this server's own peer URL (Kea 2.2's dedicated
 *     listener): {@code ha-heartbeat}, {@code ha-sync-complete-notify}, {@code ha-reset},
 *     {@code ha-maintenance-notify} and {@code dhcp-disable}/{@code dhcp-enable} with origin {@code ha-partner} go to
 *     the HA service; lease commands are the control channel's own, writing through the engine;</li>
 * <li>the administrator commands ({@code ha-sync}, {@code ha-maintenance-start}/{@code -cancel}, {@code ha-continue})
 *     and the {@code high-availability} part of {@code status-get}.</li>
 * </ul>
 * The HA service runs on one thread of its own: engine hooks, HTTP replies, timers and commands are all handed to it,
 * so a DHCP worker never waits on the network.
 */
public final class HaAttachment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.ha-hooks");

    /** Commands the HA service answers; dhcp-disable/enable only for origin ha-partner. */
    private static final List<String> PEER_COMMANDS = List.of("ha-heartbeat", "ha-sync-complete-notify", "ha-reset",
            "ha-maintenance-notify");
    private static final List<String> ADMIN_COMMANDS = List.of("ha-sync", "ha-maintenance-start",
            "ha-maintenance-cancel", "ha-continue", "ha-scopes");
    /** Kea 2.4+'s {@code restrict-commands} accept list of the dedicated listener (ha-protocol.md §12.4, v4). */
    static final Set<String> RESTRICTED_COMMANDS = Set.of("list-commands", "status-get", "dhcp-disable", "dhcp-enable",
            "ha-reset", "ha-heartbeat", "lease4-update", "lease4-del", "lease4-get-all", "lease4-get-page",
            "ha-maintenance-notify", "ha-sync-complete-notify");
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(15);
    private static final Duration STATUS_WAIT = Duration.ofSeconds(2);
    /** How long a clean stop waits for the partner to acknowledge responses already parked. */
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(3);

    private final Dhcp4Server server;
    private final ControlService control;
    private final HaRelationship relationship;
    private final HaSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService haThread;
    private final HttpPartnerClient partner;
    /** Clients of the backup servers this server sends its lease updates to (none when it is a backup itself). */
    private final java.util.Map<String, HttpPartnerClient> backups = new java.util.TreeMap<>();
    private final HaService service;
    private final List<String> registered = new ArrayList<>();
    private final CommandRegistry engineCommands = new CommandRegistry();
    private final HaLog haLog;
    private HttpControlListener listener;
    private boolean started;
    private boolean closed;
    private volatile Snapshot snapshot = new Snapshot(false, Set.of(), HaState.WAITING, java.time.Instant.MAX);
    private volatile JsonValue lastStatus;

    /**
     * What the DHCP workers read without entering the HA thread; refreshed after each HA task.
     * {@code interruptedAfter}: when communication counts as interrupted if no heartbeat succeeds until then.
     */
    private record Snapshot(boolean dhcpEnabled, Set<String> servedScopes, HaState state,
                            java.time.Instant interruptedAfter) {
    }

    private HaAttachment(Dhcp4Server server, ControlService control, HaRelationship relationship, Clock clock)
            throws IOException {
        this.server = server;
        this.control = control;
        this.relationship = relationship;
        this.settings = HaSettings.from(relationship);
        this.clock = clock;
        this.haThread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ha-dhcp4");
            thread.setDaemon(true);
            return thread;
        });
        HaLog log = Slf4jHaLog.forDhcp4();
        this.haLog = log;
        HttpPartnerClient client = null;
        if (settings.partnerName().isPresent()) {
            HaPeer peer = peer(settings.partnerName().get());
            client = new HttpPartnerClient(URI.create(peer.url()), peer.basicAuthUser(), password(peer),
                    tlsContext(peer), haThread::execute);
        }
        this.partner = client;
        if (settings.role() != dev.nestor.ha.state.HaRole.BACKUP) {
            try {
                for (HaPeer peer : relationship.peers()) {
                    if (peer.role().keaName().equals("backup") && !peer.name().equals(settings.thisServerName())) {
                        backups.put(peer.name(), new HttpPartnerClient(URI.create(peer.url()), peer.basicAuthUser(),
                                password(peer), tlsContext(peer), haThread::execute));
                    }
                }
            } catch (IOException | RuntimeException e) {
                closeClients();
                haThread.shutdownNow();
                throw e;
            }
        }
        this.service = new HaService(settings, clock, log,
                partner != null ? partner : new UnreachablePartner(), new ThreadScheduler(),
                new EngineLeases4(server.leaseEngine()),
                new dev.nestor.ha.service.BackupPeers(java.util.Map.copyOf(backups), relationship.waitBackupAck()));
        this.lastStatus = JsonArray.EMPTY;
    }

    /**
     * Starts HA for this server.
     *
     * @param relationship the validated {@code high-availability} entry naming this server ({@code this-server-name})
     * @throws IOException when this server's peer URL cannot be listened on
     */
    public static HaAttachment attach(Dhcp4Server server, ControlService control, HaRelationship relationship,
                                      Clock clock) throws IOException {
        HaAttachment attachment = prepare(server, control, relationship, clock);
        attachment.start();
        return attachment;
    }

    /**
     * Builds HA for this server without plugging it in yet: reads the peers' TLS and password files and creates
     * the partner client, so that a configuration whose HA part cannot work is refused before anything changes.
     * {@link #start()} plugs it in; {@link #close()} of an attachment never started leaves the engine untouched.
     *
     * @throws IOException when a TLS file of a peer cannot be read
     */
    public static HaAttachment prepare(Dhcp4Server server, ControlService control, HaRelationship relationship,
                                       Clock clock) throws IOException {
        if (control.serverCommands() == null) {
            throw new IllegalArgumentException("HA needs a control service built with the engine's status and switch");
        }
        HaAttachment attachment = new HaAttachment(server, control, relationship, clock);
        // this server's own files serve its listener: read them now too
        tlsContext(relationship.thisPeer());
        return attachment;
    }

    /**
     * Plugs a {@linkplain #prepare prepared} attachment into the engine and the control channel, opens this server's
     * peer URL and starts the state machine in {@code waiting}. On failure everything is undone (the engine is then
     * left answering nobody, as after {@link #close()}) and the attachment is closed.
     *
     * @throws IOException when this server's peer URL cannot be listened on
     */
    public void start() throws IOException {
        synchronized (this) {
            if (started || closed) {
                throw new IllegalStateException("HA attachment already started or closed");
            }
            started = true;
        }
        try {
            plugIn();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void plugIn() throws IOException {
        registerCommands();
        control.serverCommands().addStatus("high-availability", this::status);
        server.admission(this::admit);
        server.committedHook(this::leasesCommitted);
        HaPeer self = relationship.thisPeer();
        HttpListenerSettings listenerSettings = HttpListenerSettings.plain(self.address(), self.port());
        Optional<javax.net.ssl.SSLContext> ownTls = tlsContext(self);
        if (ownTls.isPresent()) {
            // Kea serves the peer URL with this server's own files and asks peers for theirs unless told not to
            listenerSettings = listenerSettings.withTls(ownTls.get(), relationship.requireClientCerts());
        }
        listener = control.openHttp(listenerSettings, ControlLimits.DEFAULTS,
                relationship.restrictCommands() ? RESTRICTED_COMMANDS : null);
        haLog.log(dev.nestor.ha.log.HaLogId.HA_INIT_OK);
        onHa(service::start);
    }

    /**
     * The TLS context for a peer's configured files (ha-protocol.md §2): our certificate and key to present, and
     * the trust anchor the other side's certificate is verified against; empty when the peer has no TLS.
     */
    private static Optional<javax.net.ssl.SSLContext> tlsContext(HaPeer peer) throws IOException {
        if (peer.tls().isEmpty()) {
            return Optional.empty();
        }
        dev.nestor.config.ha.HaTls tls = peer.tls().get();
        try {
            return Optional.of(dev.nestor.control.transport.PemTls.context(java.nio.file.Path.of(tls.trustAnchor()),
                    java.nio.file.Path.of(tls.certFile()), java.nio.file.Path.of(tls.keyFile())));
        } catch (IOException e) {
            throw new IOException("TLS files of HA peer " + peer.name() + ": " + e.getMessage(), e);
        }
    }

    /** This server's HA state as last published by the HA thread. */
    public HaState state() {
        return snapshot.state();
    }

    /** The address the peer listener is bound to. */
    public java.net.InetSocketAddress listenerAddress() {
        return listener.localAddress();
    }

    // ---- engine hooks (DHCP worker threads) --------------------------------------------------------------------

    private Admission admit(Query query) {
        Snapshot current = snapshot;
        if (!current.dhcpEnabled()) {
            return Admission.DROP;
        }
        int type = query.messageType();
        // DISCOVER, REQUEST, DECLINE, RELEASE, INFORM are scoped (§4)
        boolean haType = type == 1 || type == 3 || type == 4 || type == 7 || type == 8;
        byte[] clientId = query.option(61);
        byte[] hardwareAddress = query.chaddr();
        Optional<String> scope = service.scopeOf4(clientId == null ? new byte[0] : clientId, hardwareAddress, haType);
        if (scope.isEmpty()) {
            return Admission.DROP;
        }
        if (current.servedScopes().contains(scope.get())) {
            return Admission.ANSWER;
        }
        if (!clock.instant().isAfter(current.interruptedAfter())) {
            // the analysis only counts clients while the partner is silent: spare the HA thread the rest
            return Admission.DROP;
        }
        byte[] id = clientId == null ? new byte[0] : clientId;
        int secs = query.secs();
        onHa(() -> service.analyzeQueryForPartner(hardwareAddress, id, secs));
        return Admission.DROP;
    }

    private dev.nestor.server.hooks.CommitDecision leasesCommitted(CommittedLeases changes, ParkedResponse parked) {
        if (changes.leases().isEmpty() && changes.deleted().isEmpty()) {
            return dev.nestor.server.hooks.CommitDecision.CONTINUE;
        }
        List<HaLease4> deleted = changes.deleted().stream().map(EngineLeases4::toHa).toList();
        List<HaLease4> updated = changes.leases().stream().map(EngineLeases4::toHa).toList();
        ParkedQuery query = new ParkedQuery() {
            @Override
            public void release() {
                parked.release();
            }

            @Override
            public void drop() {
                parked.drop();
            }
        };
        try {
            haThread.execute(() -> {
                CommitDecision decision;
                try {
                    decision = service.leasesCommitted(deleted, updated, query);
                } catch (RuntimeException e) {
                    LOG.error("lease updates not processed by the HA service, responding without them: {}", e.toString());
                    decision = CommitDecision.RESPOND;
                }
                if (decision == CommitDecision.RESPOND) {
                    parked.release();
                }
                publish();
            });
        } catch (RejectedExecutionException e) {
            // HA stopped meanwhile: the partner will not hear of these leases, so the client must not get an ACK
            return dev.nestor.server.hooks.CommitDecision.DROP;
        }
        return dev.nestor.server.hooks.CommitDecision.PARK;
    }

    // ---- the HA thread -----------------------------------------------------------------------------------------

    /** Runs a task on the HA thread, then publishes the state the workers read. */
    private void onHa(Runnable task) {
        try {
            haThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("unexpected error in the HA service: {}", e.toString(), e);
                }
                publish();
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing more to run
            return;
        }
    }

    private <T> T onHaAndWait(Callable<T> task, Duration wait) throws CommandFailure {
        Future<T> future;
        try {
            future = haThread.submit(() -> {
                try {
                    return task.call();
                } finally {
                    publish();
                }
            });
        } catch (RejectedExecutionException e) {
            throw CommandFailure.error(("HA service is shutting down"));
        }
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw CommandFailure.error(("HA service busy: no answer within " + wait.toSeconds()
                    + " s"));
        } catch (ExecutionException e) {
            throw CommandFailure.error(("HA command failed: " + e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.error(("interrupted"));
        }
    }

    private void publish() {
        Set<String> served = new TreeSet<>();
        for (String name : List.of(settings.primaryName(), settings.secondaryName().orElse(""),
                settings.standbyName().orElse(""))) {
            if (!name.isEmpty() && service.serves(name)) {
                served.add(name);
            }
        }
        snapshot = new Snapshot(service.dhcpEnabled(), Set.copyOf(served), service.state(),
                service.communication().lastSuccessfulHeartbeat().plusMillis(settings.maxResponseDelayMillis()));
    }

    /** HA timers on the HA thread. */
    private final class ThreadScheduler implements HaScheduler {
        @Override
        public Timer schedule(Duration delay, Runnable task) {
            ScheduledFuture<?> future;
            try {
                future = haThread.schedule(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.error("unexpected error in an HA timer: {}", e.toString(), e);
                    }
                    publish();
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return () -> { };
            }
            return () -> future.cancel(false);
        }
    }

    // ---- control commands --------------------------------------------------------------------------------------

    private void registerCommands() {
        CommandRegistry registry = control.registry();
        control.serverCommands().register(engineCommands);
        for (String name : PEER_COMMANDS) {
            register(registry, name, this::peerCommand);
        }
        // the engine's own dhcp-disable/enable keep serving other origins (user, HA of another relationship)
        for (String name : List.of("dhcp-disable", "dhcp-enable")) {
            registry.unregister(name);
            register(registry, name, command -> isHaPartnerOrigin(command)
                    ? peerCommand(command) : engineCommands.execute(command));
        }
        register(registry, "ha-sync", this::sync);
        register(registry, "ha-maintenance-start", command -> outcome(service::maintenanceStart));
        register(registry, "ha-maintenance-cancel", command -> outcome(service::maintenanceCancel));
        register(registry, "ha-continue", command -> outcome(service::continueMachine));
        register(registry, "ha-scopes", this::scopes);
    }

    /** {@code ha-scopes}: Kea's argument checks and texts (ha-protocol.md §3, §13); every name must be a peer's. */
    private ControlAnswer scopes(ControlCommand command) throws CommandFailure {
        if (command.arguments() == null) {
            return ControlAnswer.error("arguments not found in the 'ha-scopes' command");
        }
        if (!(command.arguments() instanceof JsonObject arguments)) {
            return ControlAnswer.error("arguments in the 'ha-scopes' command are not a map");
        }
        if (!arguments.has("scopes")) {
            return ControlAnswer.error("'scopes' is mandatory for the 'ha-scopes' command");
        }
        if (!(arguments.get("scopes") instanceof JsonArray list)) {
            return ControlAnswer.error("'scopes' must be a list in the 'ha-scopes' command");
        }
        Set<String> names = new TreeSet<>();
        for (int index = 0; index < list.size(); index++) {
            if (!(list.get(index) instanceof JsonString name)) {
                return ControlAnswer.error("scope name must be a string in the 'scopes' argument");
            }
            if (relationship.peers().stream().noneMatch(peer -> peer.name().equals(name.value()))) {
                return ControlAnswer.error("invalid server name specified '" + name.value()
                        + "' while enabling/disabling HA scopes");
            }
            names.add(name.value());
        }
        return outcome(() -> service.serveScopes(names));
    }

    private void register(CommandRegistry registry, String name, dev.nestor.control.CommandHandler handler) {
        registry.register(name, handler);
        registered.add(name);
    }

    private static boolean isHaPartnerOrigin(ControlCommand command) {
        return command.arguments() instanceof JsonObject arguments
                && arguments.get("origin") instanceof JsonString origin
                && origin.value().equals(PeerCommand.ORIGIN_HA_PARTNER);
    }

    private ControlAnswer peerCommand(ControlCommand command) throws CommandFailure {
        JsonObject.Builder request = JsonObject.builder().put("command", command.name());
        if (command.arguments() != null) {
            request.put("arguments", command.arguments());
        }
        PeerCommand.Parsed parsed = PeerCommand.parse(request.build(), clock.instant().getEpochSecond());
        PeerAnswer answer = switch (parsed) {
            case PeerCommand.Parsed.Rejected rejected -> rejected.answer();
            case PeerCommand.Parsed.Accepted accepted -> onHaAndWait(() -> service.handle(accepted.command()),
                    COMMAND_WAIT);
        };
        return new ControlAnswer(answer.result(), answer.text(), answer.arguments().orElse(null));
    }

    private ControlAnswer sync(ControlCommand command) throws CommandFailure {
        JsonObject arguments = command.arguments() instanceof JsonObject map ? map : JsonObject.EMPTY;
        if (!(arguments.get("server-name") instanceof JsonString)) {
            return ControlAnswer.error("'server-name' is mandatory for the 'ha-sync' command");
        }
        OptionalLong maxPeriod = OptionalLong.empty();
        if (arguments.has("max-period")) {
            OptionalLong value = arguments.integer("max-period");
            if (value.isEmpty() || value.getAsLong() <= 0) {
                return ControlAnswer.error("'max-period' must be a positive integer in the 'ha-sync' command");
            }
            maxPeriod = value;
        }
        OptionalLong period = maxPeriod;
        // a sync takes as long as the partner's pages: wait for it as long as the sync may last
        Duration wait = Duration.ofMillis(settings.syncTimeoutMillis()).multipliedBy(4).plus(COMMAND_WAIT);
        CommandOutcome outcome = onHaAndWait(() -> service.sync(period), wait);
        return new ControlAnswer(outcome.result(), outcome.text(), null);
    }

    private ControlAnswer outcome(Callable<CommandOutcome> action) throws CommandFailure {
        CommandOutcome outcome = onHaAndWait(action, COMMAND_WAIT.multipliedBy(2));
        return new ControlAnswer(outcome.result(), outcome.text(), null);
    }

    // ---- status-get --------------------------------------------------------------------------------------------

    private JsonValue status() {
        try {
            lastStatus = onHaAndWait(this::statusNow, STATUS_WAIT);
        } catch (CommandFailure e) {
            // the HA thread is busy (a sync): report what was last seen
            return lastStatus;
        }
        return lastStatus;
    }

    /** Kea 2.2's {@code high-availability} list (ha-protocol.md §13), built on the HA thread. */
    private JsonValue statusNow() {
        JsonObject local = JsonObject.builder()
                .put("role", settings.role().keaName())
                .put("scopes", strings(new TreeSet<>(service.scopes())))
                .put("state", service.state().keaName())
                .put("server-name", settings.thisServerName())
                .build();
        JsonObject.Builder servers = JsonObject.builder().put("local", local);
        if (settings.partnerName().isPresent() && settings.mode() != HaMode.PASSIVE_BACKUP) {
            CommunicationState communication = service.communication();
            HaPeer partnerPeer = peer(settings.partnerName().get());
            servers.put("remote", JsonObject.builder()
                    .put("role", partnerPeer.role().keaName())
                    .put("in-touch", communication.inTouch())
                    .put("age", communication.ageSeconds())
                    .put("last-state", communication.partnerState().map(HaState::keaName).orElse(""))
                    .put("last-scopes", strings(communication.partnerScopes()))
                    .put("communication-interrupted", communication.isCommunicationInterrupted())
                    .put("connecting-clients", communication.connectingClients())
                    .put("unacked-clients", communication.unackedClients())
                    .put("unacked-clients-left", communication.unackedClientsLeft())
                    .put("analyzed-packets", communication.analyzedPackets())
                    .put("server-name", partnerPeer.name())
                    .build());
        }
        return JsonArray.of(JsonObject.builder()
                .put("ha-mode", relationship.mode().keaName())
                .put("ha-servers", servers.build())
                .build());
    }

    private static JsonArray strings(java.util.Collection<String> values) {
        return JsonArray.of(values.stream().map(value -> (JsonValue) JsonString.of(value)).toArray(JsonValue[]::new));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private HaPeer peer(String name) {
        return relationship.peers().stream().filter(peer -> peer.name().equals(name)).findFirst().orElseThrow();
    }

    private static String password(HaPeer peer) {
        if (peer.basicAuthPassword().isPresent()) {
            return peer.basicAuthPassword().get();
        }
        if (peer.basicAuthPasswordFile().isPresent()) {
            try {
                return Files.readString(Path.of(peer.basicAuthPasswordFile().get()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                LOG.error("basic-auth password file of peer {} unreadable: {}", peer.name(),
                        e.getMessage());
            }
        }
        return "";
    }

    /** For a relationship without a partner (passive-backup primary alone): every send fails. */
    private static final class UnreachablePartner implements dev.nestor.ha.service.PartnerClient {
        @Override
        public void send(PeerCommand command, java.util.function.Consumer<dev.nestor.ha.service.PeerReply> onReply) {
            onReply.accept(new dev.nestor.ha.service.PeerReply.Failed("no partner configured"));
        }

        @Override
        public dev.nestor.ha.service.PeerReply call(PeerCommand command, Duration timeout) {
            return new dev.nestor.ha.service.PeerReply.Failed("no partner configured");
        }
    }

    /**
     * Stops HA cleanly, for a server shutdown or before the relationship is attached anew (config-set): the engine
     * stops admitting queries at once; responses already parked are released as the partner acknowledges them, for
     * at most {@link #DRAIN_LIMIT}; whatever is still waiting after that is dropped (the client gets no ACK, the
     * lease stays committed here), as are responses committed from then on; then the peer listener, the HA commands,
     * the partner connections and the HA thread stop. Afterwards the engine answers nobody until HA is attached again
     * or {@link #detach()} hands it back its own admission. Never waits longer than a few seconds, whatever the
     * partner does. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!started) {
            // prepared only: nothing was plugged in
            haThread.shutdownNow();
            closeClients();
            return;
        }
        server.admission(query -> Admission.DROP);
        drainParked(DRAIN_LIMIT);
        server.committedHook((changes, parked) -> dev.nestor.server.hooks.CommitDecision.DROP);
        for (String name : registered) {
            control.registry().unregister(name);
        }
        for (String name : List.of("dhcp-disable", "dhcp-enable")) {
            if (registered.contains(name)) {
                control.registry().register(name, engineCommands::execute);
            }
        }
        if (listener != null) {
            listener.close();
        }
        Future<?> stopping = null;
        try {
            stopping = haThread.submit(service::stop);
            stopping.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException busy) {
            // the HA thread waits on the partner (a sync, a maintenance call): closing the client ends that wait
            closeClients();
            try {
                stopping.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("HA service did not stop cleanly: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.warn("HA service did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        haThread.shutdownNow();
        try {
            if (!haThread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("HA thread still running after the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeClients();
        haLog.log(dev.nestor.ha.log.HaLogId.HA_DEINIT_OK);
    }

    /** Closes the partner's and the backups' connections (idempotent). */
    private void closeClients() {
        if (partner != null) {
            partner.close();
        }
        backups.values().forEach(HttpPartnerClient::close);
    }

    /**
     * Waits until no response is parked for the partner any more (each waits at most the 10 s request timeout), or
     * {@code limit} has passed.
     */
    private void drainParked(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Future<Integer> probe;
            try {
                // tasks run in order: when this one runs, every commit handed over before it has been sent
                probe = haThread.submit(service::pendingQueries);
            } catch (RejectedExecutionException e) {
                return;
            }
            try {
                if (probe.get(left, TimeUnit.NANOSECONDS) == 0) {
                    return;
                }
                Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000)));
            } catch (TimeoutException e) {
                probe.cancel(false);
                return;
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Stops HA as {@link #close()} does, then lets the engine answer every query on its own again (the HA hook was
     * removed from the configuration).
     */
    public void detach() {
        close();
        server.admission(PacketAdmission.ANSWER_ALL);
        server.committedHook(LeasesCommittedHook.NONE);
    }
}

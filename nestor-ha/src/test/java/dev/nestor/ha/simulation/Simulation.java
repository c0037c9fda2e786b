package dev.nestor.ha.simulation;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.message.PeerAnswer;
import dev.nestor.ha.message.PeerCommand;
import dev.nestor.ha.message.PeerMessageException;
import dev.nestor.ha.message.Service;
import dev.nestor.ha.service.CommitDecision;
import dev.nestor.ha.service.HaScheduler;
import dev.nestor.ha.service.HaService;
import dev.nestor.ha.service.ParkedQuery;
import dev.nestor.ha.service.PartnerClient;
import dev.nestor.ha.service.PeerReply;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.testing.InMemoryLeases4;
import dev.nestor.ha.testing.ManualClock;
import dev.nestor.ha.testing.RecordingHaLog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One seeded run of a hot-standby pair (server1 primary, server2 standby) built from the real HA service (state
 * machine, failure detector, lease-update queue, sync, peer JSON) over an in-memory network, with DHCP clients
 * doing DORA and renewals against a small shared pool, and faults: message loss, short partitions between the
 * servers, crashes and restarts (the lease table survives a restart, as Kea's memfile does).
 *
 * <h2>Fault model (what Kea's hot-standby guarantee covers)</h2>
 * A server is either up or crashed. Links lose messages at random, but a partner that is up is never unreachable
 * for longer than max-response-delay (partitions last at most 2 s, no more than one heartbeat in a row is lost),
 * so a live partner is never declared down. Longer outages while both servers run make both serve (Kea's known
 * split-brain: a server with its DHCP service off, or one whose unacked-clients analysis concludes, goes
 * partner-down); they are outside this model.
 *
 * <h2>Invariants, checked after every event</h2>
 * <ol>
 *   <li>No address is held by two clients: among the leases clients got ACKed and that have not expired, every
 *       address appears at most once.</li>
 *   <li>At most one server allocates: at most one live server answers queries of the primary's scope.</li>
 * </ol>
 * And once the faults stop and both servers run for a while: both are in hot-standby, and every lease a client
 * holds is on both servers (same client, expiring no earlier).
 */
final class Simulation {

    static final String PRIMARY = "server1";
    static final String STANDBY = "server2";
    static final long VALID_LIFETIME = 30;
    static final long REQUEST_TIMEOUT = 1_000;
    static final int POOL_BASE = 0xc0000264; // 192.0.2.100

    final long seed;
    final SplittableRandom random;
    final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T00:00:00Z"));
    final EventQueue events = new EventQueue(clock);
    final Map<String, SimServer> servers = new TreeMap<>();
    final List<SimClient> clients = new ArrayList<>();
    final int poolSize;
    final double serverLoss;
    final double clientLoss;
    final List<String> violations = new ArrayList<>();
    final Map<HaState, Integer> statesEntered = new EnumMap<>(HaState.class);
    /** Whether peer messages travel as Kea JSON text (every tenth seed; the others pass the values, for speed). */
    final boolean wireJson;
    /** When set (single-seed replay), a line per notable event, printed at the end. */
    final List<String> trace = Boolean.getBoolean("ha.simulation.trace") ? new ArrayList<>() : null;
    boolean faultsActive = true;
    boolean partitioned;
    long acks;
    long drops;
    long naks;

    Simulation(long seed) {
        this(seed, true);
    }

    /**
     * @param syncLeases false builds a deliberately broken pair (sync-leases off with separate lease databases, which
     *                   Kea allows only with a shared database): the checker must catch it
     */
    Simulation(long seed, boolean syncLeases) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.wireJson = seed % 10 == 0;
        int clientCount = 4 + random.nextInt(7);
        this.poolSize = clientCount + random.nextInt(3);
        this.serverLoss = random.nextDouble() * 0.2;
        this.clientLoss = random.nextDouble() * 0.1;
        long maxUnacked = new long[] {0, 1, 2}[random.nextInt(3)];
        for (String name : List.of(PRIMARY, STANDBY)) {
            HaSettings settings = HaSettings.hotStandby(name, PRIMARY, STANDBY)
                    .withTimers(1_000, 10_000, 1_000).withMaxUnackedClients(maxUnacked).withSync(syncLeases, 5_000);
            servers.put(name, new SimServer(settings));
        }
        for (int i = 0; i < clientCount; i++) {
            clients.add(new SimClient(i));
        }
    }

    SimServer partnerOf(SimServer server) {
        return servers.get(server.settings.partnerName().orElseThrow());
    }

    // ---- scenario -----------------------------------------------------------------------------------------------

    /** Runs the seed: faults for {@code faultMillis}, then heal and settle, then the final checks. */
    void run(long faultMillis, long settleMillis) {
        servers.values().forEach(SimServer::start);
        for (SimClient client : clients) {
            events.schedule(random.nextLong(5_000), client::startDora);
        }
        scheduleFaults(faultMillis);
        events.runUntil(faultMillis, this::checkInvariants);
        faultsActive = false;
        partitioned = false;
        for (SimServer server : servers.values()) {
            if (!server.alive) {
                server.start();
            }
        }
        events.runUntil(faultMillis + settleMillis, this::checkInvariants);
        checkHealed();
    }

    private void scheduleFaults(long faultMillis) {
        int crashes = random.nextInt(3);
        for (int i = 0; i < crashes; i++) {
            String victim = random.nextInt(4) == 0 ? STANDBY : PRIMARY;
            long at = 15_000 + random.nextLong(Math.max(1, faultMillis - 60_000));
            boolean quick = random.nextInt(3) == 0;
            long downFor = quick ? 500 + random.nextLong(3_000) : 2_000 + random.nextLong(40_000);
            events.schedule(at, () -> {
                SimServer server = servers.get(victim);
                if (server.alive && partnerOf(server).alive) {
                    server.crash();
                    events.schedule(downFor, () -> restartWhenTakenOver(server, quick));
                }
            });
        }
        int partitions = random.nextInt(5);
        for (int i = 0; i < partitions; i++) {
            long at = random.nextLong(faultMillis);
            long length = 100 + random.nextLong(1_900);
            events.schedule(at, () -> {
                if (faultsActive && !partitioned) {
                    partitioned = true;
                    trace("partition for " + length + " ms");
                    events.schedule(length, () -> partitioned = false);
                }
            });
        }
    }

    /**
     * Restarts a crashed server: at once after a quick restart (shorter than max-response-delay, so the survivor
     * never sees the communication interrupted), otherwise only once the survivor has taken over (partner-down).
     * A restart that lands just as the survivor's detection completes is left out on purpose: the survivor then
     * goes partner-down on an interruption that is already over while the returning server reaches hot-standby
     * (only successful heartbeats refresh the contact time), a brief double service that Kea 2.2 has too.
     */
    private void restartWhenTakenOver(SimServer server, boolean quick) {
        if (!faultsActive || server.alive) {
            return;
        }
        if (quick || partnerOf(server).service.state() == HaState.PARTNER_DOWN) {
            server.start();
        } else {
            events.schedule(1_000, () -> restartWhenTakenOver(server, false));
        }
    }

    // ---- invariants ---------------------------------------------------------------------------------------------

    private void violation(String text) {
        if (violations.size() < 5) {
            violations.add("t=" + events.now() + "ms: " + text);
        }
    }

    void checkInvariants() {
        long now = nowSeconds();
        Map<Integer, Integer> holders = new HashMap<>();
        for (SimClient client : clients) {
            if (client.held != null && client.held.expire() > now) {
                Integer other = holders.put(client.held.address(), client.id);
                if (other != null) {
                    violation("address " + client.held.addressText() + " held by clients " + other + " and "
                            + client.id);
                }
            }
        }
        int allocators = 0;
        for (SimServer server : servers.values()) {
            if (server.alive && server.service.serves(PRIMARY)) {
                allocators++;
            }
        }
        if (allocators > 1) {
            violation("both servers serve the primary's scope: " + describe());
        }
    }

    private void checkHealed() {
        for (SimServer server : servers.values()) {
            if (server.service.state() != HaState.HOT_STANDBY) {
                violation("not healed: " + describe());
                return;
            }
        }
        long now = nowSeconds();
        for (SimClient client : clients) {
            if (client.held == null || client.held.expire() <= now) {
                continue;
            }
            for (SimServer server : servers.values()) {
                Optional<HaLease4> stored = server.leases.get(client.held.address());
                if (stored.isEmpty() || !java.util.Arrays.equals(stored.get().hardwareAddress(), client.mac)
                        || stored.get().expire() < client.held.expire()) {
                    violation("lease " + client.held + " of client " + client.id + " missing on " + server.name
                            + ": " + stored);
                }
            }
        }
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        for (SimServer server : servers.values()) {
            text.append(server.name).append('=').append(server.alive ? server.service.state() : "down")
                    .append(server.alive ? server.service.scopes() : "").append(' ');
        }
        return text.toString().strip();
    }

    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    void trace(String text) {
        if (trace != null) {
            trace.add(String.format("%7d %s", events.now(), text));
        }
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    // ---- servers ------------------------------------------------------------------------------------------------

    /** One simulated Kea server: lease table (survives restarts), HA service (rebuilt on restart), DHCP logic. */
    final class SimServer {
        final String name;
        final HaSettings settings;
        final InMemoryLeases4 leases = new InMemoryLeases4();
        final RecordingHaLog log = new RecordingHaLog();
        HaService service;
        boolean alive;
        int incarnation;
        long lastHeartbeatDrop = -1;

        SimServer(HaSettings settings) {
            this.name = settings.thisServerName();
            this.settings = settings;
        }

        void start() {
            alive = true;
            incarnation++;
            trace(name + " starts");
            service = new HaService(settings, clock, (id, arguments) -> {
                log.log(id, arguments);
                if (id != HaLogId.COMMAND_RECEIVED && id.severity() != dev.nestor.ha.log.Severity.DEBUG) {
                    trace(name + " " + id + " " + id.format(arguments));
                }
                if (id == HaLogId.HA_STATE_TRANSITION) {
                    String to = id.format(arguments).replaceAll(".* to (\\S+) state.*", "$1");
                    HaState.fromKeaName(to.toLowerCase(java.util.Locale.ROOT))
                            .ifPresent(state -> statesEntered.merge(state, 1, Integer::sum));
                }
            }, new Client(this), scheduler(), leases);
            service.start();
        }

        void crash() {
            trace(name + " crashes");
            alive = false;
            incarnation++;
            service.stop();
        }

        HaScheduler scheduler() {
            int at = incarnation;
            return (delay, task) -> {
                EventQueue.Event event = events.schedule(delay.toMillis(), () -> {
                    if (alive && incarnation == at) {
                        task.run();
                    }
                });
                return () -> event.cancelled = true;
            };
        }

        /** A DHCP message from a client; answers through the client's own methods after a network delay. */
        void receive(SimClient client, Message message) {
            if (!alive || !service.dhcpEnabled()) {
                return;
            }
            if (!service.serves(service.primaryScope())) {
                service.analyzeQueryForPartner(client.mac, new byte[0], client.secs());
                return;
            }
            long now = nowSeconds();
            switch (message.type) {
                case DISCOVER -> {
                    Optional<Integer> address = offerFor(client, now);
                    address.ifPresent(a -> toClient(client, () -> client.offer(this, a)));
                }
                case REQUEST -> {
                    if (message.serverId != null && !message.serverId.equals(name)) {
                        return;
                    }
                    commit(client, message.address, now);
                }
                case RELEASE -> {
                    Optional<HaLease4> lease = leases.get(message.address);
                    if (lease.isPresent() && java.util.Arrays.equals(lease.get().hardwareAddress(), client.mac)) {
                        leases.delete(message.address);
                        service.leasesCommitted(List.of(lease.get()), List.of(), new ParkedQuery() {
                            public void release() { }
                            public void drop() { }
                        });
                    }
                }
            }
        }

        private boolean freeFor(SimClient client, int address, long now) {
            Optional<HaLease4> lease = leases.get(address);
            return lease.isEmpty() || lease.get().expire() <= now
                    || java.util.Arrays.equals(lease.get().hardwareAddress(), client.mac);
        }

        private Optional<Integer> offerFor(SimClient client, long now) {
            for (HaLease4 lease : leases.all()) {
                if (java.util.Arrays.equals(lease.hardwareAddress(), client.mac) && lease.expire() > now) {
                    return Optional.of(lease.address());
                }
            }
            int start = random.nextInt(poolSize);
            for (int i = 0; i < poolSize; i++) {
                int address = POOL_BASE + (start + i) % poolSize;
                if (freeFor(client, address, now)) {
                    return Optional.of(address);
                }
            }
            return Optional.empty();
        }

        private void commit(SimClient client, int address, long now) {
            if (!freeFor(client, address, now)) {
                naks++;
                toClient(client, client::nak);
                return;
            }
            List<HaLease4> deleted = new ArrayList<>();
            for (HaLease4 old : leases.all()) {
                if (old.address() != address && java.util.Arrays.equals(old.hardwareAddress(), client.mac)) {
                    leases.delete(old.address());
                    deleted.add(old);
                }
            }
            HaLease4 lease = HaLease4.of(address, 1, client.mac, new byte[0], now, VALID_LIFETIME);
            leases.put(lease);
            int at = incarnation;
            ParkedQuery parked = new ParkedQuery() {
                public void release() {
                    if (alive && incarnation == at) {
                        acks++;
                        toClient(client, () -> client.ack(SimServer.this, lease));
                    }
                }
                public void drop() {
                    drops++;
                }
            };
            if (service.leasesCommitted(deleted, List.of(lease), parked) == CommitDecision.RESPOND) {
                parked.release();
            }
        }

        private void toClient(SimClient client, Runnable delivery) {
            if (faultsActive && chance(clientLoss)) {
                return;
            }
            events.schedule(1 + random.nextLong(20), delivery);
        }
    }

    /**
     * The partner client of one server over the in-memory network: the command goes as Kea's JSON text, is parsed
     * and handled by the partner's HA service, and the answer comes back as a JSON list. FIFO per direction.
     */
    final class Client implements PartnerClient {
        private final SimServer from;
        private final int incarnation;
        private long lastDelivery;

        Client(SimServer from) {
            this.from = from;
            this.incarnation = from.incarnation;
        }

        private boolean live() {
            return from.alive && from.incarnation == incarnation;
        }

        /** Whether this message is lost: partitions, random loss (never two heartbeats in a row). */
        private boolean lost(PeerCommand command) {
            if (!faultsActive) {
                return false;
            }
            if (partitioned) {
                return true;
            }
            if (!chance(serverLoss)) {
                return false;
            }
            if (command instanceof PeerCommand.Heartbeat) {
                long now = events.now();
                if (from.lastHeartbeatDrop >= 0 && now - from.lastHeartbeatDrop < 4_000) {
                    return false;
                }
                from.lastHeartbeatDrop = now;
            }
            return true;
        }

        private long deliveryDelay() {
            long at = Math.max(lastDelivery, events.now() + 1 + random.nextLong(30));
            lastDelivery = at;
            return at - events.now();
        }

        @Override
        public void send(PeerCommand command, Consumer<PeerReply> onReply) {
            SimServer to = partnerOf(from);
            boolean[] done = {false};
            Consumer<PeerReply> once = reply -> {
                if (!done[0] && live()) {
                    done[0] = true;
                    onReply.accept(reply);
                }
            };
            events.schedule(REQUEST_TIMEOUT, () -> once.accept(new PeerReply.Failed("timeout")));
            if (lost(command)) {
                return;
            }
            events.schedule(deliveryDelay(), () -> {
                if (!to.alive) {
                    once.accept(new PeerReply.Failed("Connection refused"));
                    return;
                }
                PeerReply reply = exchange(to, command);
                if (lost(command)) {
                    return;
                }
                events.schedule(1 + random.nextLong(30), () -> once.accept(reply));
            });
        }

        @Override
        public PeerReply call(PeerCommand command, Duration timeout) {
            SimServer to = partnerOf(from);
            if (!to.alive) {
                return new PeerReply.Failed("Connection refused");
            }
            if (lost(command)) {
                return new PeerReply.Failed("timeout");
            }
            return exchange(to, command);
        }

        /** The partner handles the command; with {@link #wireJson} both ways go through Kea's JSON text. */
        private PeerReply exchange(SimServer to, PeerCommand command) {
            if (!wireJson) {
                return new PeerReply.Answered(to.service.handle(command));
            }
            PeerAnswer answer = switch (PeerCommand.parse(command.toJson(Service.DHCP4).toJson(), nowSeconds())) {
                case PeerCommand.Parsed.Accepted accepted -> {
                    if (!accepted.command().equals(command)) {
                        violation("JSON changed the command: " + command + " -> " + accepted.command());
                    }
                    yield to.service.handle(accepted.command());
                }
                case PeerCommand.Parsed.Rejected rejected -> {
                    violation("the partner rejected our own command " + command + ": " + rejected.answer());
                    yield rejected.answer();
                }
            };
            try {
                return new PeerReply.Answered(PeerAnswer.parseResponseBody(answer.toResponseBody()));
            } catch (PeerMessageException e) {
                violation("our own answer does not parse: " + answer + ": " + e.getMessage());
                return new PeerReply.Failed(e.getMessage());
            }
        }
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    enum MessageType { DISCOVER, REQUEST, RELEASE }

    record Message(MessageType type, int address, String serverId) { }

    /** A DHCP client: DORA, renewal at T1, retransmission with back-off, the lease it holds (ground truth). */
    final class SimClient {
        final int id;
        final byte[] mac;
        HaLease4 held;
        long exchangeStart;
        int attempt;
        Integer wanted;
        String wantedFrom;
        EventQueue.Event retry;
        EventQueue.Event renewal;
        EventQueue.Event expiry;
        boolean selecting;

        SimClient(int id) {
            this.id = id;
            this.mac = new byte[] {0, 0x0c, 0x29, 0, (byte) (id >> 8), (byte) id};
        }

        /** The secs field: seconds since this exchange began. */
        int secs() {
            return (int) Math.min(0xffff, (events.now() - exchangeStart) / 1000);
        }

        void broadcast(Message message) {
            for (SimServer server : servers.values()) {
                if (faultsActive && chance(clientLoss)) {
                    continue;
                }
                events.schedule(1 + random.nextLong(20), () -> server.receive(this, message));
            }
        }

        void startDora() {
            cancel(retry);
            exchangeStart = events.now();
            attempt = 0;
            selecting = true;
            wanted = null;
            discover();
        }

        private void discover() {
            broadcast(new Message(MessageType.DISCOVER, 0, null));
            scheduleRetry(this::discover);
        }

        private void scheduleRetry(Runnable again) {
            cancel(retry);
            long backoff = Math.min(4_000, 1_000L << Math.min(attempt, 2));
            attempt++;
            retry = events.schedule(backoff + random.nextLong(200), again);
        }

        void offer(SimServer server, int address) {
            if (!selecting || wanted != null) {
                return;
            }
            wanted = address;
            wantedFrom = server.name;
            request();
        }

        private void request() {
            broadcast(new Message(MessageType.REQUEST, wanted, selecting ? wantedFrom : null));
            scheduleRetry(() -> {
                if (selecting && attempt > 4) {
                    startDora();
                } else {
                    request();
                }
            });
        }

        void ack(SimServer server, HaLease4 lease) {
            if (wanted == null || lease.address() != wanted) {
                return;
            }
            cancel(retry);
            selecting = false;
            held = lease;
            trace("client " + id + " ACKed by " + server.name + ": " + lease);
            cancel(renewal);
            cancel(expiry);
            renewal = events.schedule(VALID_LIFETIME * 500, this::renew);
            expiry = events.schedule((lease.expire() - nowSeconds()) * 1000, this::expired);
        }

        private void renew() {
            if (held == null) {
                return;
            }
            if (chance(0.05)) {
                // now and then a client leaves, releasing its lease, and comes back later
                broadcast(new Message(MessageType.RELEASE, held.address(), null));
                lose();
                events.schedule(1_000 + random.nextLong(10_000), this::startDora);
                return;
            }
            exchangeStart = events.now();
            attempt = 0;
            wanted = held.address();
            request();
        }

        void nak() {
            trace("client " + id + " NAKed");
            if (held != null && wanted != null && held.address() == wanted) {
                lose();
            }
            events.schedule(100, this::startDora);
        }

        private void expired() {
            if (held != null && held.expire() <= nowSeconds()) {
                lose();
                startDora();
            }
        }

        private void lose() {
            trace("client " + id + " loses " + held);
            held = null;
            cancel(renewal);
            cancel(expiry);
            cancel(retry);
        }

        private void cancel(EventQueue.Event event) {
            if (event != null) {
                event.cancelled = true;
            }
        }
    }
}

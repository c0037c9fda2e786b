package dev.nestor.server.dhcp4;

import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.ServiceState;
import dev.nestor.server.engine.AddressText;
import dev.nestor.server.engine.Allocation;
import dev.nestor.server.engine.ClientIdentity;
import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.HostPlan;
import dev.nestor.server.engine.LeaseEngine;
import dev.nestor.server.engine.LeaseParameters;
import dev.nestor.server.engine.OptionSet;
import dev.nestor.server.engine.StoreWrites;
import dev.nestor.server.engine.SubnetPlan;
import dev.nestor.server.hooks.Admission;
import dev.nestor.server.hooks.CommitDecision;
import dev.nestor.server.hooks.CommittedLeases;
import dev.nestor.server.hooks.LeasesCommittedHook;
import dev.nestor.server.hooks.PacketAdmission;
import dev.nestor.server.hooks.ParkedResponse;
import dev.nestor.server.log.KeaLog;
import dev.nestor.server.log.LogMessage;
import dev.nestor.server.net.Dhcp4Socket;
import dev.nestor.server.net.InboundDatagram;
import dev.nestor.server.stats.Dhcp4Statistics;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The DHCPv4 packet pipeline of dhcp4-behaviour.md: accept checks and counters (§1), subnet selection (§3),
 * DISCOVER/REQUEST/RELEASE/DECLINE/INFORM (§5), response fields, options and destination (§6, §7, §12), and the
 * HA hook points. One instance serves every worker; per-worker scratch state lives in a thread-local builder.
 *
 * <p>Never throws: every failure is logged and counted, and the packet is dropped.
 */
public final class Dhcp4Processor {
    private static final int DISCOVER = 1;
    private static final int OFFER = 2;
    private static final int REQUEST = 3;
    private static final int DECLINE = 4;
    private static final int ACK = 5;
    private static final int NAK = 6;
    private static final int RELEASE = 7;
    private static final int INFORM = 8;
    private static final int BROADCAST = 0xFFFFFFFF;
    private static final Inet4Address BROADCAST_ADDRESS = (Inet4Address) Inet4Address.ofLiteral("255.255.255.255");
    private static final int[] BASIC_OPTIONS = {3, 6, 15, 54};

    private final LeaseEngine engine;
    private final Dhcp4Statistics statistics;
    private final ServiceState serviceState;
    private final Settings settings;
    private final ThreadLocal<ResponseBuilder> builders = ThreadLocal.withInitial(ResponseBuilder::new);
    private final AtomicInteger parkedCount = new AtomicInteger();
    private volatile PacketAdmission admission = PacketAdmission.ANSWER_ALL;
    private volatile LeasesCommittedHook committedHook = LeasesCommittedHook.NONE;
    private volatile Set<Integer> socketAddresses = Set.of();
    private final DiskWaits diskWaits;

    /**
     * Fixed settings of the pipeline.
     *
     * @param serverPort        UDP port the server listens on (relays are answered on it unless -P says otherwise)
     * @param clientPort        -P: port for every reply, 0 = Kea's rules (68 to clients, 67 to relays)
     * @param parkedPacketLimit {@code parked-packet-limit}, 0 = unlimited
     */
    public record Settings(int serverPort, int clientPort, int parkedPacketLimit) {
    }

    /** A processor whose writes block until stored (no reply waits for the disk). */
    public Dhcp4Processor(LeaseEngine engine, Dhcp4Statistics statistics, ServiceState serviceState,
                          Settings settings) {
        this(engine, statistics, serviceState, settings, null);
    }

    /**
     * A processor that, given {@code diskWaits}, commits leases in memory, queues their rows and sends each reply
     * (ACK, and the committed hook's call) only once its rows are stored, so workers never wait for a disk sync.
     * Null: writes block, as Kea's do.
     */
    public Dhcp4Processor(LeaseEngine engine, Dhcp4Statistics statistics, ServiceState serviceState,
                          Settings settings, DiskWaits diskWaits) {
        this.engine = engine;
        this.statistics = statistics;
        this.serviceState = serviceState;
        this.settings = settings;
        this.diskWaits = diskWaits;
    }

    /**
     * The replies (and RELEASE/DECLINE notifications) waiting for their lease rows to be stored, bounded: beyond the
     * limit a packet that would write is dropped before it changes anything, counted in {@code pkt4-receive-drop}
     * and logged as a full queue, as Kea drops packets its queue cannot hold. Shared by the processors a server
     * installs over time (a reconfiguration replaces the processor while rows are still in flight).
     */
    public static final class DiskWaits {
        private final AtomicInteger waiting = new AtomicInteger();
        private volatile int limit;
        private volatile boolean closing;

        /** @param limit most packets waiting at once, at least 1 */
        public DiskWaits(int limit) {
            limit(limit);
        }

        /** Changes the bound (packets already waiting stay). */
        public void limit(int newLimit) {
            if (newLimit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            this.limit = newLimit;
        }

        /** Packets waiting now. */
        public int waiting() {
            return waiting.get();
        }

        boolean tryEnter() {
            if (waiting.incrementAndGet() > limit) {
                leave();
                return false;
            }
            return true;
        }

        void leave() {
            if (waiting.decrementAndGet() == 0 && closing) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        boolean closing() {
            return closing;
        }

        /**
         * From now on replies whose rows get stored are dropped instead of sent (the sockets are closing; the leases
         * are stored and a retransmission finds them); waits up to {@code timeoutMillis} for every waiting row.
         *
         * @return whether nothing is waiting any more
         */
        public boolean close(long timeoutMillis) throws InterruptedException {
            closing = true;
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            synchronized (this) {
                while (waiting.get() > 0) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        return false;
                    }
                    wait(left);
                }
            }
            return true;
        }
    }

    /** Deferred writes when a {@link DiskWaits} was given and there is room in it, else null after counting a drop. */
    private StoreWrites deferredWrites() {
        if (!diskWaits.tryEnter()) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_QUEUE_FULL);
            return null;
        }
        return StoreWrites.deferred();
    }

    /** Plugs in the {@code buffer4_receive}-like admission decision (HA). */
    public void admission(PacketAdmission packetAdmission) {
        this.admission = packetAdmission;
    }

    /** Plugs in the {@code leases4_committed}-like hook (HA). */
    public void committedHook(LeasesCommittedHook hook) {
        this.committedHook = hook;
    }

    /** The addresses of the open sockets (accepted as server identifiers). */
    public void socketAddresses(Set<Integer> addresses) {
        this.socketAddresses = Set.copyOf(addresses);
    }

    /** Number of responses currently parked by the committed hook. */
    public int parkedCount() {
        return parkedCount.get();
    }

    /** Handles one datagram; never throws. */
    public void handle(InboundDatagram datagram) {
        try {
            process(datagram);
        } catch (RuntimeException e) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_PROCESS_STD_EXCEPTION, e);
        }
    }

    private void process(InboundDatagram datagram) {
        if (!serviceState.enabled()) {
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0008, "packet");
            return;
        }
        statistics.received.increment();
        Query query;
        try {
            query = Query.parse(datagram.data());
        } catch (MalformedPacketException e) {
            statistics.parseFailed.increment();
            statistics.receiveDrop.increment();
            if (KeaLog.enabled(LogMessage.DHCP4_PACKET_DROP_0001)) {
                KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0001, datagram.source().getHostAddress(),
                        datagram.socket().localAddress().getHostAddress(), datagram.socket().interfaceName(),
                        e.getMessage());
            }
            return;
        }
        int type = query.messageType();
        statistics.receivedOfType(type).increment();
        if (type < 0) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0009, new Transaction(query));
            return;
        }
        if (type != DISCOVER && type != REQUEST && type != DECLINE && type != RELEASE && type != INFORM) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0006, new Transaction(query), type);
            return;
        }
        EnginePlan plan = engine.plan();
        Predicate<String> inClass = classesOf(query);
        int giaddr = query.giaddr();
        boolean direct = giaddr == 0 || giaddr == BROADCAST;
        SubnetPlan subnet = select(query, datagram, plan, inClass);
        if (direct && datagram.receivedOnBroadcast() && subnet == null
                || type == INFORM && direct && isZero(datagram.source()) && query.ciaddr() == 0) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0002, new Transaction(query), datagram.socket().interfaceName());
            return;
        }
        if (query.has(54) && !acceptableServerId(query, plan)) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0003, new Transaction(query), datagram.socket().interfaceName());
            return;
        }
        if (admission.admit(query) == Admission.DROP) {
            statistics.receiveDrop.increment();
            if (KeaLog.enabled(LogMessage.DHCP4_HOOK_BUFFER_RCVD_DROP)) {
                KeaLog.log(LogMessage.DHCP4_HOOK_BUFFER_RCVD_DROP, datagram.source().getHostAddress(),
                        datagram.socket().localAddress().getHostAddress(), datagram.socket().interfaceName());
            }
            return;
        }
        byte[] clientIdBytes = query.option(61);
        boolean hasHardware = query.hlen() > 0;
        if (type == DISCOVER && query.has(54)
                || !hasHardware && (clientIdBytes == null || clientIdBytes.length == 0)) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0007, new Transaction(query),
                    type == DISCOVER ? "Server-id option present in DISCOVER" : "missing hardware address and"
                            + " client identifier");
            return;
        }
        ClientIdentity client = new ClientIdentity(query.htype(), Identifier.of(query.chaddr()),
                clientIdBytes == null ? Identifier.EMPTY : Identifier.of(clientIdBytes), query.xid());
        if (KeaLog.enabled(LogMessage.DHCP4_PACKET_RECEIVED)) {
            KeaLog.log(LogMessage.DHCP4_PACKET_RECEIVED, client, Query.typeName(type), type,
                    datagram.source().getHostAddress(), datagram.socket().localAddress().getHostAddress(),
                    datagram.socket().interfaceName());
        }
        switch (type) {
            case DISCOVER -> discover(query, datagram, plan, subnet, client, inClass);
            case REQUEST -> request(query, datagram, plan, subnet, client, inClass);
            case RELEASE -> release(query, client);
            case DECLINE -> decline(query, plan, client);
            default -> inform(query, datagram, plan, subnet);
        }
    }

    // ------------------------------------------------------------------------------------------------- messages

    private void discover(Query query, InboundDatagram datagram, EnginePlan plan, SubnetPlan subnet,
                          ClientIdentity client, Predicate<String> inClass) {
        if (subnet == null) {
            KeaLog.log(LogMessage.DHCP4_SUBNET_SELECTION_FAILED, client);
            return;
        }
        List<SubnetPlan> subnets = LeaseEngine.usableSubnets(subnet, inClass);
        Allocation allocation = engine.offer(client, subnets, hint(query), Math.max(0, query.uint32Option(51)));
        if (!(allocation instanceof Allocation.Granted granted)) {
            logAllocationFailure(client, subnet);
            return;
        }
        ResponseBuilder response = leaseResponse(query, datagram, plan, OFFER, granted, client);
        if (KeaLog.enabled(LogMessage.DHCP4_LEASE_ADVERT)) {
            KeaLog.log(LogMessage.DHCP4_LEASE_ADVERT, client, new AddressText(granted.lease().address()));
        }
        send(query, datagram, response, OFFER);
    }

    private void request(Query query, InboundDatagram datagram, EnginePlan plan, SubnetPlan subnet,
                         ClientIdentity client, Predicate<String> inClass) {
        if (diskWaits == null) {
            request(query, datagram, plan, subnet, client, inClass, StoreWrites.blocking());
            return;
        }
        StoreWrites writes = deferredWrites();
        if (writes == null) {
            return;
        }
        try {
            request(query, datagram, plan, subnet, client, inClass, writes);
        } finally {
            finishDeferred(writes);
        }
    }

    private void request(Query query, InboundDatagram datagram, EnginePlan plan, SubnetPlan subnet,
                         ClientIdentity client, Predicate<String> inClass, StoreWrites writes) {
        int requested = query.addressOption(50);
        int hint = hint(query);
        if (subnet == null) {
            KeaLog.log(LogMessage.DHCP4_PACKET_NAK_0001, client, datagram.source().getHostAddress(),
                    Query.typeName(REQUEST));
            nak(query, datagram);
            return;
        }
        List<SubnetPlan> subnets = LeaseEngine.usableSubnets(subnet, inClass);
        boolean initReboot = query.has(50) && !query.has(54);
        if (initReboot) {
            KeaLog.log(LogMessage.DHCP4_INIT_REBOOT, client, new AddressText(requested));
            Lease4 lease = subnets.isEmpty() ? null : engine.findClientLease(client, subnets);
            if (lease == null) {
                if (!subnet.parameters().authoritative()) {
                    KeaLog.log(LogMessage.DHCP4_NO_LEASE_INIT_REBOOT, client, new AddressText(requested));
                    return;
                }
                KeaLog.log(LogMessage.DHCP4_PACKET_NAK_0002, client, new AddressText(requested));
                nak(query, datagram);
                return;
            }
            if (lease.address() != requested) {
                KeaLog.log(LogMessage.DHCP4_PACKET_NAK_0002, client, new AddressText(requested));
                nak(query, datagram);
                return;
            }
        }
        Allocation allocation;
        try {
            allocation = engine.request(client, subnets, hint, Math.max(0, query.uint32Option(51)), writes);
        } catch (LeaseStoreException e) {
            KeaLog.log(LogMessage.ALLOC_ENGINE_V4_ALLOC_ERROR, client, e.getMessage());
            KeaLog.log(LogMessage.NESTOR_LEASE_NOT_RECORDED, client, new AddressText(hint), e.getMessage());
            return;
        }
        if (!(allocation instanceof Allocation.Granted granted)) {
            Allocation.Failed failed = (Allocation.Failed) allocation;
            if (failed.unknownAddress()) {
                KeaLog.log(LogMessage.DHCP4_UNKNOWN_ADDRESS_REQUESTED, client, new AddressText(query.ciaddr()),
                        new AddressText(requested));
                return;
            }
            if (failed.exhausted()) {
                logAllocationFailure(client, subnet);
            }
            KeaLog.log(LogMessage.DHCP4_PACKET_NAK_0004, client, new AddressText(query.ciaddr()),
                    new AddressText(requested));
            nak(query, datagram);
            return;
        }
        ResponseBuilder response = leaseResponse(query, datagram, plan, ACK, granted, client);
        response.ciaddr(query.ciaddr());
        if (granted.cached()) {
            if (KeaLog.enabled(LogMessage.DHCP4_LEASE_REUSE)) {
                KeaLog.log(LogMessage.DHCP4_LEASE_REUSE, client, new AddressText(granted.lease().address()),
                        granted.lifetimeSent());
            }
        } else if (KeaLog.enabled(LogMessage.DHCP4_LEASE_ALLOC)) {
            KeaLog.log(LogMessage.DHCP4_LEASE_ALLOC, client, new AddressText(granted.lease().address()),
                    granted.lifetimeSent());
        }
        if (!granted.written()) {
            send(query, datagram, response, ACK);
            return;
        }
        List<Lease4> leases = List.of(granted.lease());
        List<Lease4> deleted = granted.replaced() == null ? List.of() : List.of(granted.replaced());
        if (writes.pendingCount() == 0) {
            commitThenSend(query, datagram, response, leases, deleted);
            return;
        }
        // the ACK waits for the disk on the store's completing thread; the worker goes on with the next packet
        byte[] bytes = copy(response.finish());
        int address = granted.lease().address();
        whenStored(writes, () -> commitThenSend(query, datagram, bytes, leases, deleted), failure -> {
            KeaLog.log(LogMessage.ALLOC_ENGINE_V4_ALLOC_ERROR, client, failure.getMessage());
            KeaLog.log(LogMessage.NESTOR_LEASE_NOT_RECORDED, client, new AddressText(address), failure.getMessage());
        });
    }

    /**
     * Runs {@code stored} once every row of {@code writes} is stored, or {@code failed} when one could not be (the
     * engine has undone the change), then frees the packet's place in {@link DiskWaits}. After the server began
     * closing, a stored packet's follow-up is skipped: its reply is dropped.
     */
    private void whenStored(StoreWrites writes, Runnable stored, java.util.function.Consumer<LeaseStoreException> failed) {
        writes.follow().whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    failed.accept(StoreWrites.failureOf(error));
                } else if (!diskWaits.closing()) {
                    stored.run();
                }
            } catch (RuntimeException e) {
                KeaLog.log(LogMessage.DHCP4_PACKET_PROCESS_STD_EXCEPTION, e);
            } finally {
                diskWaits.leave();
            }
        });
    }

    /**
     * Frees the packet's place in {@link DiskWaits} unless a follow-up does so later: at once when nothing was queued,
     * else once the rows queued by a call that ended early (no reply) are stored.
     */
    private void finishDeferred(StoreWrites writes) {
        if (!writes.isDeferred() || writes.followed()) {
            return;
        }
        if (writes.pendingCount() == 0) {
            diskWaits.leave();
        } else {
            whenStored(writes, () -> { }, failure -> { });
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private void release(Query query, ClientIdentity client) {
        StoreWrites writes = diskWaits == null ? StoreWrites.blocking() : deferredWrites();
        if (writes == null) {
            return;
        }
        try {
            Optional<Lease4> released = engine.release(client, query.ciaddr(), writes);
            if (released.isPresent()) {
                afterStored(writes, () -> notifyCommitted(query, List.of(), List.of(released.get())),
                        failure -> KeaLog.log(LogMessage.DHCP4_RELEASE_FAIL, client, new AddressText(query.ciaddr()),
                                failure.getMessage()));
            }
        } catch (LeaseStoreException e) {
            KeaLog.log(LogMessage.DHCP4_RELEASE_FAIL, client, new AddressText(query.ciaddr()), e.getMessage());
        } finally {
            finishDeferred(writes);
        }
    }

    /** {@code stored} now when nothing is waiting for the disk, else through {@link #whenStored}. */
    private void afterStored(StoreWrites writes, Runnable stored,
                             java.util.function.Consumer<LeaseStoreException> failed) {
        if (writes.pendingCount() == 0) {
            stored.run();
        } else {
            whenStored(writes, stored, failed);
        }
    }

    private void decline(Query query, EnginePlan plan, ClientIdentity client) {
        int address = query.addressOption(50);
        if (address == 0) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_PACKET_DROP_0007, client, "mandatory 'Requested IP address' option missing");
            return;
        }
        StoreWrites writes = diskWaits == null ? StoreWrites.blocking() : deferredWrites();
        if (writes == null) {
            return;
        }
        try {
            Optional<Lease4> declined = engine.decline(client, address, plan.declineProbation(), writes);
            if (declined.isPresent()) {
                afterStored(writes, () -> notifyCommitted(query, List.of(declined.get()), List.of()),
                        failure -> KeaLog.log(LogMessage.DHCP4_DECLINE_FAIL, client, new AddressText(address),
                                failure.getMessage()));
            }
        } catch (LeaseStoreException e) {
            KeaLog.log(LogMessage.DHCP4_DECLINE_FAIL, client, new AddressText(address), e.getMessage());
        } finally {
            finishDeferred(writes);
        }
    }

    private void inform(Query query, InboundDatagram datagram, EnginePlan plan, SubnetPlan subnet) {
        ResponseBuilder response = builders.get().start(query, ACK);
        response.ciaddr(query.ciaddr());
        echo(query, response, plan);
        if (subnet != null) {
            response.siaddr(subnet.nextServer()).serverHostname(subnet.serverHostname())
                    .bootFileName(subnet.bootFileName());
            configuredOptions(query, response, subnet.options());
        }
        serverIdentifier(response, datagram);
        send(query, datagram, response, ACK);
    }

    // ------------------------------------------------------------------------------------------------ responses

    private ResponseBuilder leaseResponse(Query query, InboundDatagram datagram, EnginePlan plan, int type,
                                          Allocation.Granted granted, ClientIdentity client) {
        SubnetPlan subnet = granted.subnet();
        LeaseParameters parameters = subnet.parameters();
        long lifetime = granted.lifetimeSent();
        ResponseBuilder response = builders.get().start(query, type);
        response.yiaddr(granted.lease().address()).siaddr(subnet.nextServer())
                .serverHostname(subnet.serverHostname()).bootFileName(subnet.bootFileName());
        echo(query, response, plan);
        response.intOption(51, (int) lifetime);
        response.intOption(1, subnet.mask());
        long t2 = parameters.rebindFor(lifetime);
        if (t2 > 0) {
            response.intOption(59, (int) t2);
        }
        long t1 = parameters.renewFor(lifetime);
        if (t1 > 0) {
            response.intOption(58, (int) t1);
        }
        OptionSet options = granted.pool() != null ? granted.pool().options() : subnet.options();
        HostPlan host = subnet.hostFor(client);
        if (host != null) {
            // the reservation is the most specific level: its options, name and boot fields win
            if (!host.options().isEmpty()) {
                options = host.options().over(options);
            }
            if (host.hostname().length > 0) {
                response.option(12, host.hostname());
            }
            if (host.nextServer() >= 0) {
                response.siaddr((int) host.nextServer());
            }
            if (host.serverHostname() != null) {
                response.serverHostname(host.serverHostname());
            }
            if (host.bootFileName() != null) {
                response.bootFileName(host.bootFileName());
            }
        }
        configuredOptions(query, response, options);
        serverIdentifier(response, datagram);
        return response;
    }

    /** Option 54 from the receiving socket's address unless a configured value is already there (§12 step 6). */
    private static void serverIdentifier(ResponseBuilder response, InboundDatagram datagram) {
        if (!response.has(54)) {
            response.intOption(54, toInt(datagram.socket().interfaceAddress().getAddress(), 0));
        }
    }

    private void echo(Query query, ResponseBuilder response, EnginePlan plan) {
        if (plan.echoClientId() && query.has(61)) {
            response.option(61, query.option(61));
        }
        if (query.optionLength(82) > 0) {
            response.option(82, query.option(82));
        }
        if (query.has(118)) {
            response.option(118, query.option(118));
        }
    }

    /** Requested (option 55), always-send and basic options from {@code options}. */
    private static void configuredOptions(Query query, ResponseBuilder response, OptionSet options) {
        int prlLength = query.optionLength(55);
        if (prlLength > 0) {
            for (byte code : query.option(55)) {
                byte[] payload = options.payload(code & 0xFF);
                if (payload != null) {
                    response.option(code & 0xFF, payload);
                }
            }
        }
        for (int code : options.alwaysSendCodes()) {
            byte[] payload = options.payload(code);
            if (payload != null) {
                response.option(code, payload);
            }
        }
        for (int code : BASIC_OPTIONS) {
            byte[] payload = options.payload(code);
            if (payload != null) {
                response.option(code, payload);
            }
        }
    }

    private void nak(Query query, InboundDatagram datagram) {
        ResponseBuilder response = builders.get().start(query, NAK);
        if (engine.plan().echoClientId() && query.has(61)) {
            response.option(61, query.option(61));
        }
        if (query.optionLength(82) > 0) {
            response.option(82, query.option(82));
        }
        if (query.has(118)) {
            response.option(118, query.option(118));
        }
        serverIdentifier(response, datagram);
        send(query, datagram, response, NAK);
    }

    private void commitThenSend(Query query, InboundDatagram datagram, ResponseBuilder response, List<Lease4> leases,
                                List<Lease4> deleted) {
        if (committedHook == LeasesCommittedHook.NONE) {
            send(query, datagram, response, ACK);
            return;
        }
        commitThenSend(query, datagram, copy(response.finish()), leases, deleted);
    }

    /** The committed hook (HA), then the ACK held in {@code bytes} unless the hook parks or drops it. */
    private void commitThenSend(Query query, InboundDatagram datagram, byte[] bytes, List<Lease4> leases,
                                List<Lease4> deleted) {
        LeasesCommittedHook hook = committedHook;
        if (hook == LeasesCommittedHook.NONE) {
            transmit(query, datagram, ByteBuffer.wrap(bytes), ACK, bytes);
            return;
        }
        int limit = settings.parkedPacketLimit();
        if (limit > 0 && parkedCount.get() >= limit) {
            statistics.receiveDrop.increment();
            KeaLog.log(LogMessage.DHCP4_HOOK_LEASES4_PARKING_LOT_FULL, limit, new Transaction(query));
            return;
        }
        Parked parked = new Parked(query, datagram, bytes);
        CommitDecision decision = hook.leasesCommitted(new CommittedLeases(query, leases, deleted), parked);
        switch (decision) {
            case CONTINUE -> parked.release();
            case DROP -> {
                KeaLog.log(LogMessage.DHCP4_HOOK_LEASES4_COMMITTED_DROP, new Transaction(query));
                parked.drop();
            }
            case PARK -> {
                KeaLog.log(LogMessage.DHCP4_HOOK_LEASES4_COMMITTED_PARK, new Transaction(query));
                parked.park();
            }
        }
    }

    private void notifyCommitted(Query query, List<Lease4> leases, List<Lease4> deleted) {
        LeasesCommittedHook hook = committedHook;
        if (hook != LeasesCommittedHook.NONE) {
            hook.leasesCommitted(new CommittedLeases(query, leases, deleted), NO_RESPONSE);
        }
    }

    private static final ParkedResponse NO_RESPONSE = new ParkedResponse() {
        @Override
        public void release() {
        }

        @Override
        public void drop() {
        }
    };

    /** A finished response held for the committed hook; sent at most once. */
    private final class Parked implements ParkedResponse {
        private final Query query;
        private final InboundDatagram datagram;
        private final byte[] bytes;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean counted;

        Parked(Query query, InboundDatagram datagram, byte[] response) {
            this.query = query;
            this.datagram = datagram;
            this.bytes = response;
        }

        void park() {
            counted = true;
            parkedCount.incrementAndGet();
            if (done.get()) {
                // released or dropped before we counted it
                parkedCount.decrementAndGet();
            }
        }

        @Override
        public void release() {
            if (done.compareAndSet(false, true)) {
                uncount();
                transmit(query, datagram, ByteBuffer.wrap(bytes), ACK, bytes);
            }
        }

        @Override
        public void drop() {
            if (done.compareAndSet(false, true)) {
                uncount();
            }
        }

        private void uncount() {
            if (counted) {
                parkedCount.decrementAndGet();
            }
        }
    }

    private void send(Query query, InboundDatagram datagram, ResponseBuilder response, int type) {
        ByteBuffer bytes = response.finish();
        transmit(query, datagram, bytes, type, null);
    }

    /** Sends a finished reply where dhcp4-behaviour.md §7 says; {@code raw} is the reply when held as an array. */
    private void transmit(Query query, InboundDatagram datagram, ByteBuffer bytes, int type, byte[] raw) {
        int giaddr = query.giaddr();
        int ciaddr = query.ciaddr();
        boolean relayed = giaddr != 0 && giaddr != BROADCAST;
        Inet4Address destination;
        int port;
        if (query.messageType() == INFORM && ciaddr != 0) {
            destination = inet(ciaddr);
            port = 68;
            if (KeaLog.enabled(LogMessage.DHCP4_INFORM_DIRECT_REPLY)) {
                KeaLog.log(LogMessage.DHCP4_INFORM_DIRECT_REPLY, new Transaction(query), new AddressText(ciaddr),
                        datagram.socket().interfaceName());
            }
            if (relayed) {
                // answering the client directly: the relay fields do not apply
                byte[] adjusted = adjustDirectInform(bytes, raw);
                bytes = ByteBuffer.wrap(adjusted);
            }
        } else if (query.messageType() == INFORM && relayed) {
            destination = inet(giaddr);
            port = relayPort(query, datagram);
            bytes = ByteBuffer.wrap(withBroadcastFlag(bytes, raw));
        } else if (query.messageType() == INFORM) {
            destination = datagram.source();
            port = 68;
        } else if (relayed) {
            destination = inet(giaddr);
            port = relayPort(query, datagram);
        } else if (ciaddr != 0) {
            destination = inet(ciaddr);
            port = 68;
        } else if (type == NAK || yiaddrOf(bytes) != 0) {
            destination = BROADCAST_ADDRESS;
            port = 68;
        } else {
            destination = datagram.source();
            port = 68;
        }
        if (settings.clientPort() > 0) {
            port = settings.clientPort();
        }
        Dhcp4Socket socket = datagram.socket();
        if (KeaLog.enabled(LogMessage.DHCP4_PACKET_SEND)) {
            KeaLog.log(LogMessage.DHCP4_PACKET_SEND, new Transaction(query), Query.typeName(type), type,
                    socket.interfaceAddress().getHostAddress(), socket.port(), destination.getHostAddress(), port,
                    socket.interfaceName());
        }
        try {
            socket.send(bytes, destination, port);
        } catch (IOException | RuntimeException e) {
            KeaLog.log(LogMessage.DHCP4_PACKET_SEND_FAIL, new Transaction(query), e.getMessage());
            return;
        }
        statistics.sent.increment();
        switch (type) {
            case OFFER -> statistics.offerSent.increment();
            case ACK -> statistics.ackSent.increment();
            case NAK -> statistics.nakSent.increment();
            default -> {
            }
        }
    }

    private int relayPort(Query query, InboundDatagram datagram) {
        // RFC 8357: a relay that asks for it (sub-option 19) is answered on its own source port
        return query.relaySubOption(19) != null ? datagram.sourcePort() : 67;
    }

    private static byte[] copyOf(ByteBuffer bytes, byte[] raw) {
        if (raw != null) {
            return raw.clone();
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }

    private static byte[] withBroadcastFlag(ByteBuffer bytes, byte[] raw) {
        byte[] copy = copyOf(bytes, raw);
        copy[10] |= (byte) 0x80;
        return copy;
    }

    /** INFORM answered to ciaddr: hops and giaddr zeroed, option 82 removed. */
    private static byte[] adjustDirectInform(ByteBuffer bytes, byte[] raw) {
        byte[] copy = copyOf(bytes, raw);
        copy[3] = 0;
        copy[24] = 0;
        copy[25] = 0;
        copy[26] = 0;
        copy[27] = 0;
        int position = Query.HEADER_LENGTH + 4;
        while (position + 1 < copy.length && (copy[position] & 0xFF) != 255) {
            int code = copy[position] & 0xFF;
            int length = copy[position + 1] & 0xFF;
            if (code == 82) {
                byte[] shorter = new byte[copy.length - 2 - length];
                System.arraycopy(copy, 0, shorter, 0, position);
                System.arraycopy(copy, position + 2 + length, shorter, position, copy.length - position - 2 - length);
                return shorter;
            }
            position += 2 + length;
        }
        return copy;
    }

    private static int yiaddrOf(ByteBuffer bytes) {
        int base = bytes.position();
        return bytes.getInt(base + 16);
    }

    // --------------------------------------------------------------------------------------------------- helpers

    /** Option 50, else ciaddr, else 0. */
    private static int hint(Query query) {
        int requested = query.addressOption(50);
        return requested != 0 ? requested : query.ciaddr();
    }

    private boolean acceptableServerId(Query query, EnginePlan plan) {
        int serverId = query.addressOption(54);
        byte[] override = query.relaySubOption(11);
        if (override != null && override.length == 4 && toInt(override, 0) == serverId) {
            return true;
        }
        return socketAddresses.contains(serverId) || plan.isConfiguredServerIdentifier(serverId);
    }

    /**
     * Subnet selection (dhcp4-behaviour.md §3), subnets in ascending ID order, skipping subnets restricted to a
     * class the packet is not in.
     */
    static SubnetPlan select(Query query, InboundDatagram datagram, EnginePlan plan, Predicate<String> inClass) {
        byte[] link = query.relaySubOption(5);
        int address;
        if (link != null && link.length == 4) {
            return containing(plan, toInt(link, 0), inClass);
        }
        if (query.optionLength(118) == 4) {
            return containing(plan, query.addressOption(118), inClass);
        }
        int giaddr = query.giaddr();
        boolean broadcast = datagram.receivedOnBroadcast();
        if (giaddr != 0) {
            for (SubnetPlan subnet : plan.subnets()) {
                if (subnet.hasRelay(giaddr) && allowed(subnet, inClass)) {
                    return subnet;
                }
            }
            address = giaddr;
        } else if (query.ciaddr() != 0 && !broadcast) {
            address = query.ciaddr();
        } else if (!isZero(datagram.source()) && !broadcast) {
            address = toInt(datagram.source().getAddress(), 0);
        } else {
            String interfaceName = datagram.socket().interfaceName();
            for (SubnetPlan subnet : plan.subnets()) {
                if (interfaceName.equals(subnet.interfaceName()) && allowed(subnet, inClass)) {
                    return subnet;
                }
            }
            address = toInt(datagram.socket().interfaceAddress().getAddress(), 0);
        }
        return containing(plan, address, inClass);
    }

    private static SubnetPlan containing(EnginePlan plan, int address, Predicate<String> inClass) {
        for (SubnetPlan subnet : plan.subnets()) {
            if (subnet.contains(address) && allowed(subnet, inClass)) {
                return subnet;
            }
        }
        return null;
    }

    private static boolean allowed(SubnetPlan subnet, Predicate<String> inClass) {
        return subnet.clientClass() == null || inClass.test(subnet.clientClass());
    }

    /** Built-in classes: ALL, and VENDOR_CLASS_ + option 60 when present. */
    private static Predicate<String> classesOf(Query query) {
        byte[] vendor = query.option(60);
        if (vendor == null) {
            return name -> name.equals("ALL");
        }
        String vendorClass = "VENDOR_CLASS_" + new String(vendor, java.nio.charset.StandardCharsets.ISO_8859_1);
        return name -> name.equals("ALL") || name.equals(vendorClass);
    }

    private void logAllocationFailure(ClientIdentity client, SubnetPlan subnet) {
        if (subnet.network() != null) {
            if (KeaLog.enabled(LogMessage.ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK)) {
                KeaLog.log(LogMessage.ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK, client, subnet.network().name(),
                        subnet.network().subnets().size());
            }
            return;
        }
        if (KeaLog.enabled(LogMessage.ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET)) {
            KeaLog.log(LogMessage.ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET, client,
                    new AddressText(subnet.prefix()) + "/" + subnet.prefixLength(), subnet.id(),
                    subnet.network() == null ? "(none)" : subnet.network().name());
        }
    }

    private static boolean isZero(Inet4Address address) {
        byte[] bytes = address.getAddress();
        return bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
    }

    private static int toInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }

    private static Inet4Address inet(int address) {
        return Lease4.toInetAddress(address);
    }

    /** Kea's short packet label for log lines: {@code [hwtype=1 aa:bb:..], cid=[...], tid=0x..}, lazily built. */
    private record Transaction(Query query) {
        @Override
        public String toString() {
            byte[] id = query.option(61);
            return new ClientIdentity(query.htype(), Identifier.of(query.chaddr()),
                    id == null ? Identifier.EMPTY : Identifier.of(id), query.xid()).label();
        }
    }
}

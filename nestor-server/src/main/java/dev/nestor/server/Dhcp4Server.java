package dev.nestor.server;

import dev.nestor.lease.LeaseStore4;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.dhcp4.Dhcp4Processor;
import dev.nestor.server.dispatch.ClientStripe;
import dev.nestor.server.dispatch.PacketDispatcher;
import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.LeaseEngine;
import dev.nestor.server.hooks.LeaseChangeListener;
import dev.nestor.server.hooks.LeasesCommittedHook;
import dev.nestor.server.hooks.PacketAdmission;
import dev.nestor.server.log.KeaLog;
import dev.nestor.server.log.LogMessage;
import dev.nestor.server.net.Dhcp4Socket;
import dev.nestor.server.net.InboundDatagram;
import dev.nestor.server.net.InterfaceSelectionException;
import dev.nestor.server.net.InterfaceSelector;
import dev.nestor.server.net.ListenAddress;
import dev.nestor.server.net.UdpDhcp4Socket;
import dev.nestor.server.stats.Dhcp4Statistics;
import dev.nestor.server.stats.StatisticsRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running DHCPv4 server: sockets, receive threads, workers, the allocation engine over a lease store, statistics,
 * the expired-lease timers, and the switches the control channel and HA use. Start with {@link #start}, replace the
 * configuration with {@link #reconfigure}, end with {@link #close}.
 *
 * <p>Thread-safe. The lease store is owned by the caller (it outlives reconfigurations that keep the same
 * {@code lease-database}); {@link #close} does not close it.
 */
public final class Dhcp4Server implements AutoCloseable {
    /** Version string logged at start, as Kea logs its own. */
    public static final String VERSION = "Nestor 0.1.0 (Kea 2.2 compatible)";

    /**
     * Default bound on packets waiting for their lease rows to be stored (written, and with group-fsync synced): half a
     * second of stalled disk syncs at 30,000 leases per second, about 2 KiB each (some 32 MiB at most).
     */
    public static final int DEFAULT_DISK_WAIT_LIMIT = 16384;

    private final LeaseStore4 store;
    private final Ports ports;
    private final StatisticsRegistry statisticsRegistry;
    private final Dhcp4Statistics statistics;
    private final ServiceState serviceState;
    private final LeaseEngine engine;
    private final ScheduledExecutorService timers;
    /**
     * Replies wait for their lease rows here, not on the workers: with group-fsync a worker would otherwise sleep
     * through a disk sync per lease, and even with plain writes the hand-off to the store's writer thread and back
     * costs two thread switches per lease that a parked reply does not.
     */
    private final Dhcp4Processor.DiskWaits diskWaits;
    private volatile ServerSetup setup;
    private volatile Dhcp4Processor processor;
    private PacketDispatcher<InboundDatagram> dispatcher;
    private final List<Dhcp4Socket> sockets = new ArrayList<>();
    private final List<Thread> receivers = new ArrayList<>();
    private volatile PacketAdmission admission = PacketAdmission.ANSWER_ALL;
    private volatile LeasesCommittedHook committedHook = LeasesCommittedHook.NONE;

    private Dhcp4Server(ServerSetup setup, LeaseStore4 store, Ports ports, Clock clock) {
        this.setup = setup;
        this.store = store;
        this.ports = ports;
        this.statisticsRegistry = new StatisticsRegistry(clock);
        this.statistics = new Dhcp4Statistics(statisticsRegistry);
        this.serviceState = new ServiceState(clock);
        this.engine = new LeaseEngine(store, clock, statistics);
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("nestor-dhcp4-timers").factory());
        this.diskWaits = new Dhcp4Processor.DiskWaits(DEFAULT_DISK_WAIT_LIMIT);
    }

    /**
     * Starts a server: loads the plan over the store's leases, opens the sockets, starts the threads and timers.
     *
     * @throws IOException                 when no socket could be opened
     * @throws InterfaceSelectionException when an interfaces-config entry names something this host lacks
     */
    public static Dhcp4Server start(ServerSetup setup, LeaseStore4 store, Ports ports, Clock clock)
            throws IOException, InterfaceSelectionException {
        KeaLog.log(LogMessage.DHCP4_STARTING, VERSION);
        Dhcp4Server server = new Dhcp4Server(setup, store, ports, clock);
        try {
            server.install(setup);
            server.openSockets(setup.interfaces());
            server.startThreads();
        } catch (IOException | InterfaceSelectionException | RuntimeException e) {
            server.close();
            throw e;
        }
        server.scheduleTimers(setup.plan());
        KeaLog.log(LogMessage.DHCP4_STARTED, VERSION);
        return server;
    }

    /**
     * Replaces the configuration: new plan (pools re-indexed from the store, statistics recounted), sockets and
     * workers reopened when the interfaces or threading changed.
     */
    public synchronized void reconfigure(ServerSetup newSetup) throws IOException, InterfaceSelectionException {
        ServerSetup old = setup;
        install(newSetup);
        if (!old.interfaces().equals(newSetup.interfaces()) || old.workers() != newSetup.workers()
                || old.queueCapacity() != newSetup.queueCapacity()) {
            stopThreads();
            openSockets(newSetup.interfaces());
            startThreads();
        }
        setup = newSetup;
        scheduleTimers(newSetup.plan());
    }

    private void install(ServerSetup newSetup) {
        EnginePlan plan = newSetup.plan();
        plan.bindStatistics(statisticsRegistry);
        engine.install(plan);
        Dhcp4Processor newProcessor = new Dhcp4Processor(engine, statistics, serviceState,
                new Dhcp4Processor.Settings(ports.serverPort(), ports.clientPort(), newSetup.parkedPacketLimit()),
                diskWaits);
        newProcessor.admission(admission);
        newProcessor.committedHook(committedHook);
        if (processor != null) {
            newProcessor.socketAddresses(socketAddresses());
        }
        processor = newProcessor;
        KeaLog.log(LogMessage.DHCP4_CONFIG_COMPLETE, plan.subnets().size() + " subnet(s)");
    }

    private void openSockets(List<String> interfaces) throws IOException, InterfaceSelectionException {
        List<ListenAddress> addresses = InterfaceSelector.select(interfaces);
        KeaLog.log(LogMessage.DHCP4_OPEN_SOCKET, ports.serverPort());
        IOException failure = null;
        ListenAddress broadcastInterface = null;
        boolean needsBroadcast = addresses.stream().anyMatch(address -> !address.loopback());
        for (ListenAddress address : addresses) {
            try {
                sockets.add(UdpDhcp4Socket.bind(address, ports.serverPort(), needsBroadcast));
            } catch (IOException e) {
                KeaLog.log(LogMessage.DHCP4_OPEN_SOCKET_FAIL, address.address().getHostAddress() + ":"
                        + ports.serverPort() + ": " + e.getMessage());
                failure = e;
            }
            if (!address.loopback() && broadcastInterface == null) {
                broadcastInterface = address;
            }
        }
        if (broadcastInterface != null) {
            try {
                sockets.add(UdpDhcp4Socket.bindBroadcast(broadcastInterface, ports.serverPort()));
            } catch (IOException e) {
                KeaLog.log(LogMessage.DHCP4_OPEN_SOCKET_FAIL, "0.0.0.0:" + ports.serverPort() + ": " + e.getMessage());
            }
        }
        if (sockets.isEmpty()) {
            KeaLog.log(LogMessage.DHCP4_NO_SOCKETS_OPEN);
            if (failure != null) {
                throw failure;
            }
        }
        processor.socketAddresses(socketAddresses());
    }

    private Set<Integer> socketAddresses() {
        Set<Integer> addresses = new HashSet<>();
        for (Dhcp4Socket socket : sockets) {
            addresses.add(toInt(socket.interfaceAddress().getAddress()));
            if (!socket.broadcast()) {
                addresses.add(toInt(socket.localAddress().getAddress()));
            }
        }
        return addresses;
    }

    private void startThreads() {
        int workers = setup.workers();
        KeaLog.log(LogMessage.DHCP4_MULTI_THREADING_INFO, workers > 0 ? "yes" : "no", workers,
                setup.queueCapacity());
        if (workers > 0) {
            dispatcher = new PacketDispatcher<>(workers, setup.queueCapacity(), datagram -> processor.handle(datagram),
                    dropped -> {
                        statistics.receiveDrop.increment();
                        KeaLog.log(LogMessage.DHCP4_PACKET_QUEUE_FULL);
                    },
                    failure -> KeaLog.log(LogMessage.DHCP4_PACKET_PROCESS_STD_EXCEPTION, failure),
                    Thread.ofPlatform().name("nestor-dhcp4-worker-", 0).factory());
        }
        for (Dhcp4Socket socket : sockets) {
            Thread receiver = Thread.ofPlatform().name("nestor-dhcp4-receive-" + socket).start(() -> receive(socket));
            receivers.add(receiver);
        }
    }

    private void receive(Dhcp4Socket socket) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        PacketDispatcher<InboundDatagram> queue = dispatcher;
        while (true) {
            InboundDatagram datagram;
            try {
                datagram = socket.receive(buffer);
            } catch (IOException e) {
                KeaLog.log(LogMessage.DHCP4_BUFFER_RECEIVE_FAIL, e.getMessage());
                continue;
            }
            if (datagram == null) {
                return;
            }
            if (KeaLog.enabled(LogMessage.DHCP4_BUFFER_RECEIVED)) {
                KeaLog.log(LogMessage.DHCP4_BUFFER_RECEIVED, datagram.source().getHostAddress(), datagram.sourcePort(),
                        socket.localAddress().getHostAddress(), socket.port(), socket.interfaceName());
            }
            if (queue != null && !ClientStripe.readOnly(datagram.data())) {
                queue.submit(ClientStripe.of(datagram.data()), datagram);
            } else {
                // DISCOVER and INFORM write nothing: answering them here saves a thread hand-off per packet
                processor.handle(datagram);
            }
        }
    }

    private void stopThreads() {
        for (Dhcp4Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                KeaLog.log(LogMessage.DHCP4_OPEN_SOCKET_FAIL, "close " + socket + ": " + e.getMessage());
            }
        }
        for (Thread receiver : receivers) {
            try {
                receiver.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        receivers.clear();
        sockets.clear();
        if (dispatcher != null) {
            try {
                dispatcher.stop(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher = null;
        }
    }

    private void scheduleTimers(EnginePlan plan) {
        // reconfiguration replaces the timers: Kea re-creates them with the new settings
        timerGeneration++;
        long generation = timerGeneration;
        EnginePlan.ReclaimSettings reclaim = plan.reclaim();
        if (reclaim.reclaimTimerWaitSeconds() > 0) {
            timers.schedule(() -> reclaimLoop(generation, reclaim), reclaim.reclaimTimerWaitSeconds(),
                    TimeUnit.SECONDS);
        }
        if (reclaim.flushWaitSeconds() > 0 && reclaim.holdReclaimedSeconds() > 0) {
            timers.schedule(() -> flushLoop(generation, reclaim), reclaim.flushWaitSeconds(), TimeUnit.SECONDS);
        }
    }

    private volatile long timerGeneration;

    private void reclaimLoop(long generation, EnginePlan.ReclaimSettings reclaim) {
        if (generation != timerGeneration) {
            return;
        }
        reclaimExpiredLeases(reclaim.maxReclaimLeases(), reclaim.maxReclaimMillis(), reclaim.holdReclaimedSeconds());
        // Kea waits reclaim-timer-wait-time after the previous run has ended
        timers.schedule(() -> reclaimLoop(generation, reclaim), reclaim.reclaimTimerWaitSeconds(), TimeUnit.SECONDS);
    }

    private void flushLoop(long generation, EnginePlan.ReclaimSettings reclaim) {
        if (generation != timerGeneration) {
            return;
        }
        try {
            engine.flushReclaimed(reclaim.holdReclaimedSeconds());
        } catch (LeaseStoreException | RuntimeException e) {
            KeaLog.log(LogMessage.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, e.getMessage());
        }
        timers.schedule(() -> flushLoop(generation, reclaim), reclaim.flushWaitSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Runs one reclamation pass now ({@code leases-reclaim} command and the timer).
     *
     * @return the number of leases reclaimed, -1 when the store failed (logged)
     */
    public int reclaimExpiredLeases(long maxLeases, long maxMillis, long holdReclaimedSeconds) {
        KeaLog.log(LogMessage.ALLOC_ENGINE_V4_LEASES_RECLAMATION_START, maxLeases, maxMillis);
        long start = System.nanoTime();
        try {
            int reclaimed = engine.reclaimExpired(maxLeases, maxMillis, holdReclaimedSeconds);
            KeaLog.log(LogMessage.ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE, reclaimed,
                    (System.nanoTime() - start) / 1_000_000 + " ms");
            return reclaimed;
        } catch (LeaseStoreException | RuntimeException e) {
            KeaLog.log(LogMessage.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, e.getMessage());
            return -1;
        }
    }

    /** The statistics registry (statistic-get and friends). */
    public StatisticsRegistry statistics() {
        return statisticsRegistry;
    }

    /** The global counters, by reference. */
    public Dhcp4Statistics counters() {
        return statistics;
    }

    /**
     * The lease store, for reads. Writes from lease commands and HA must go through {@link #leaseEngine()}
     * ({@code addLease}, {@code updateLease}, {@code deleteLease}) so the pools' free-address indexes and the
     * counters stay in step.
     */
    public LeaseStore4 leaseStore() {
        return store;
    }

    /** The allocation engine. */
    public LeaseEngine leaseEngine() {
        return engine;
    }

    /** The running setup. */
    public ServerSetup setup() {
        return setup;
    }

    /** The dhcp-disable/dhcp-enable switch. */
    public ServiceState serviceState() {
        return serviceState;
    }

    /** The UDP ports the server listens on (the actual port when 0 was asked for). */
    public List<Integer> boundPorts() {
        List<Integer> bound = new ArrayList<>();
        for (Dhcp4Socket socket : sockets) {
            bound.add(socket.port());
        }
        return bound;
    }

    /**
     * Bounds the packets waiting for their lease rows to be stored (default {@link #DEFAULT_DISK_WAIT_LIMIT}): beyond
     * it a REQUEST, RELEASE or DECLINE is dropped before it changes anything and counted as a receive drop.
     */
    public void diskWaitLimit(int limit) {
        diskWaits.limit(limit);
    }

    /** Packets whose reply or notification waits for their lease rows to be stored. */
    public int waitingForDisk() {
        return diskWaits.waiting();
    }

    /** Plugs in HA's admission decision. */
    public void admission(PacketAdmission packetAdmission) {
        this.admission = packetAdmission;
        processor.admission(packetAdmission);
    }

    /** Plugs in HA's committed-leases hook. */
    public void committedHook(LeasesCommittedHook hook) {
        this.committedHook = hook;
        processor.committedHook(hook);
    }

    /** Plugs in a lease-change listener. */
    public void leaseChangeListener(LeaseChangeListener listener) {
        engine.listener(listener);
    }

    /** Stops receiving, finishes queued packets (bounded wait), stops the timers. Does not close the store. */
    @Override
    public synchronized void close() {
        KeaLog.log(LogMessage.DHCP4_SHUTDOWN_REQUEST);
        timerGeneration++;
        timers.shutdownNow();
        stopThreads();
        try {
            // the sockets are closed: rows still in flight are stored, their replies dropped
            diskWaits.close(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KeaLog.log(LogMessage.DHCP4_SHUTDOWN);
    }

    private static int toInt(byte[] bytes) {
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }
}

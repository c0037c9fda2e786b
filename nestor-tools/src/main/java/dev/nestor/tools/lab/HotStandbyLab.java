package dev.nestor.tools.lab;

import dev.nestor.tools.perf.PerfOptions;
import dev.nestor.tools.perf.PerfOptionsParser;
import dev.nestor.tools.perf.PerfSession;
import dev.nestor.tools.perf.PerfUsageException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * The team guide's hot-standby test plan on loopback, without root: the pair from {@code examples/hot-standby}
 * as two child processes (DHCP on 127.0.0.1, one UDP port each; HA peer URLs on free TCP ports), traffic from
 * the in-process load client acting as a relay with two helper addresses (every packet to both servers, secs
 * growing as with perfdhcp's {@code -Y 0 -y}), and four phases, each bounded in time:
 * <ol>
 *   <li>start: both servers up, waiting, syncing, ready, hot-standby;</li>
 *   <li>hot-standby: {@code clients} clients, one DORA each; the primary answers, the standby records;</li>
 *   <li>failover: the primary stopped (SIGKILL or SIGTERM) while 30 clients keep asking; the standby detects the
 *       failure, counts unacked clients, goes partner-down and answers;</li>
 *   <li>recovery: the primary restarted on its old lease file, both back in hot-standby, 30 new clients served by
 *       the primary.</li>
 * </ol>
 * Then every ACK the client received is checked against both lease files. {@link #close()} stops every process
 * this lab started.
 */
final class HotStandbyLab implements AutoCloseable {
    static final String PRIMARY = "primary";
    static final String STANDBY = "standby";
    private static final int LATER_CLIENTS = 30;
    private static final Duration HA_CONVERGENCE = Duration.ofSeconds(60);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(45);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);
    private static final long SAMPLE_MILLIS = 250;

    /** An ACK the client received, with the phase and time it arrived. */
    private record Received(PerfSession.Ack ack, String phase, LocalDateTime at) {
    }

    private final LabOptions options;
    private final LiveView view;
    private final List<Received> received = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<LabReport.Phase> phases = new ArrayList<>();
    private final List<String> setup = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("nestor-lab-view").factory());
    private final LocalDateTime started = LocalDateTime.now();
    private Path directory;
    private ServerProcess primary;
    private ServerProcess standby;
    private InetAddress relay;
    private int relayPort;
    private volatile String phase = "start";
    private volatile String step = "starting";
    private volatile DoubleSupplier fraction = () -> 0;
    private volatile PerfSession session;
    private volatile boolean aborted;
    private long lastAcks;
    private long lastSampleNanos = System.nanoTime();
    private double rate;

    HotStandbyLab(LabOptions options, PrintStream out) {
        this.options = options;
        this.view = LiveView.on(out, options.terminal());
    }

    /** The run directory once {@link #start()} chose it. */
    Path directory() {
        return directory;
    }

    List<ServerProcess> servers() {
        List<ServerProcess> servers = new ArrayList<>(2);
        for (ServerProcess server : new ServerProcess[] {primary, standby}) {
            if (server != null) {
                servers.add(server);
            }
        }
        return servers;
    }

    /**
     * Writes the configs and starts both servers.
     *
     * @throws LabStartException when a file cannot be written or a server does not start
     */
    void start() throws LabStartException, InterruptedException {
        try {
            directory = options.directory() != null ? Files.createDirectories(options.directory().toAbsolutePath())
                    : Files.createTempDirectory("nestor-lab-");
            if (directory.resolve("standby.sock").toString().length() > 100) {
                throw new LabStartException("the run directory's path is too long for a unix socket: " + directory);
            }
            for (String file : List.of("primary-leases4.csv", "standby-leases4.csv", "primary.log", "standby.log")) {
                if (Files.exists(directory.resolve(file))) {
                    throw new LabStartException(directory.resolve(file) + " exists: give --dir an empty directory");
                }
            }
            LabConfigs.Source primarySource = LabConfigs.example(PRIMARY);
            LabConfigs.Source standbySource = LabConfigs.example(STANDBY);
            relay = InetAddress.ofLiteral(LabConfigs.relayAddress(primarySource));
            relayPort = freeUdpPort(relay);
            int primaryHa = freeTcpPort(InetAddress.ofLiteral("127.0.0.1"));
            int standbyHa = freeTcpPort(InetAddress.ofLiteral("127.0.0.1"));
            LabConfigs.Timers timers = LabConfigs.Timers.GUIDE;
            LabConfigs.Copy primaryCopy = LabConfigs.write(primarySource, PRIMARY, directory, primaryHa, standbyHa,
                    timers);
            LabConfigs.Copy standbyCopy = LabConfigs.write(standbySource, STANDBY, directory, primaryHa, standbyHa,
                    timers);
            primary = new ServerProcess(PRIMARY, options.launcher(), primaryCopy.config(),
                    directory.resolve("primary.log"), primaryCopy.leaseFile(), primaryCopy.controlSocket(),
                    freeUdpPort(InetAddress.ofLiteral("127.0.0.1")), relayPort);
            standby = new ServerProcess(STANDBY, options.launcher(), standbyCopy.config(),
                    directory.resolve("standby.log"), standbyCopy.leaseFile(), standbyCopy.controlSocket(),
                    freeUdpPort(InetAddress.ofLiteral("127.0.0.1")), relayPort);
            setup.add("configs: " + primarySource.origin() + ", " + standbySource.origin());
            setup.add("rewritten in the run directory's copies: control sockets and lease files into the run"
                    + " directory, HA peer URLs on ports " + primaryHa + "/" + standbyHa + ", HA timers "
                    + timers.describe());
            setup.add("servers: nestor dhcp4 -p " + primary.serverPort() + " (primary), -p " + standby.serverPort()
                    + " (standby), both -P " + relayPort + "; client: relay " + relay.getHostAddress() + " port "
                    + relayPort + " sending every packet to both, secs growing (-Y 0 -y 3600); primary stopped by "
                    + (options.stop() == LabOptions.StopMode.KILL ? "SIGKILL" : "SIGTERM"));
        } catch (IOException unwritable) {
            throw new LabStartException("cannot prepare the run directory: " + unwritable.getMessage());
        }
        view.note("nestor lab hot-standby in " + directory);
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        step = "starting the primary";
        startServer(primary);
        checkAborted();
        step = "starting the standby";
        fraction = () -> 0.1;
        startServer(standby);
    }

    private void startServer(ServerProcess server) throws LabStartException, InterruptedException {
        try {
            server.start(options.startTimeout());
        } catch (IOException failed) {
            throw new LabStartException(failed.getMessage());
        }
    }

    /** Runs the plan's phases and checks; the servers keep running (for {@code --keep}) until {@link #close()}. */
    LabReport run() throws InterruptedException, LabStartException {
        start();
        step = "waiting for both servers in hot-standby";
        fraction = this::convergence;
        if (!await(this::bothHotStandby, HA_CONVERGENCE)) {
            problems.add("the pair did not reach hot-standby within " + HA_CONVERGENCE.toSeconds() + " s");
            return report(null, null);
        }
        view.note("start: both servers in hot-standby");
        hotStandbyPhase();
        checkAborted();
        Duration failover = failoverPhase();
        checkAborted();
        Duration recovery = failover == null ? null : recoveryPhase();
        phase = "checks";
        step = "waiting for both lease files to hold every ACKed lease";
        fraction = () -> 0.5;
        await(() -> LeaseCheck.missing(acked(), LeaseFile.activeOrEmpty(primary.leaseFile()),
                LeaseFile.activeOrEmpty(standby.leaseFile())).isEmpty(), SETTLE_LIMIT);
        return report(failover, recovery);
    }

    private void hotStandbyPhase() throws InterruptedException {
        phase = "hot-standby";
        step = options.clients() + " clients, one DORA each";
        load(phase, options.clients(), 100, "00:0c:01:02:03:00", options.clients(), Duration.ofSeconds(30), null);
        step = "standby recording the leases";
        await(() -> LeaseFile.activeOrEmpty(standby.leaseFile()).keySet().containsAll(addresses(phase)),
                SETTLE_LIMIT);
    }

    /** Stops the primary under load; returns the failover time, or null when the standby never took over. */
    private Duration failoverPhase() throws InterruptedException {
        phase = "failover";
        step = "stopping the primary (" + options.stop().name() + ")";
        LocalDateTime stopped = LocalDateTime.now();
        primary.stop(options.stop() == LabOptions.StopMode.KILL);
        view.note("failover: primary stopped by " + (options.stop() == LabOptions.StopMode.KILL ? "SIGKILL" : "SIGTERM"));
        step = "waiting for the standby to go partner-down";
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        BooleanSupplier takenOver = () -> {
            Set<String> clients = new HashSet<>();
            for (Received ack : receivedIn("failover")) {
                if (ack.ack().server() == 1) {
                    clients.add(ack.ack().hwaddr());
                }
            }
            served.set(clients.size());
            return stateOf(standby).equals("partner-down") && clients.size() >= LATER_CLIENTS;
        };
        fraction = () -> stateOf(standby).equals("partner-down")
                ? 0.6 + 0.4 * Math.min(1.0, (double) served.get() / LATER_CLIENTS) : 0.2;
        load(phase, LATER_CLIENTS, 20, "00:0c:01:02:05:00", 0, FAILOVER_LIMIT, takenOver);
        LocalDateTime partnerDown = standby.transitions().stream()
                .filter(transition -> transition.to().equals("partner-down") && !transition.at().isBefore(stopped))
                .map(LabReport.Transition::at).findFirst().orElse(null);
        LocalDateTime firstAnswer = receivedIn("failover").stream().filter(ack -> ack.ack().server() == 1)
                .map(Received::at).findFirst().orElse(null);
        if (partnerDown == null || firstAnswer == null) {
            problems.add("the standby did not take over within " + FAILOVER_LIMIT.toSeconds() + " s");
            return null;
        }
        LocalDateTime serving = partnerDown.isAfter(firstAnswer) ? partnerDown : firstAnswer;
        view.note("failover: standby partner-down and answering after "
                + LabReportFormatter.duration(Duration.between(stopped, serving)));
        return Duration.between(stopped, serving);
    }

    /** Restarts the primary; returns the recovery time, or null when the pair never returned to hot-standby. */
    private Duration recoveryPhase() throws InterruptedException {
        phase = "recovery";
        step = "restarting the primary on its lease file";
        fraction = () -> 0.05;
        LocalDateTime restarted = LocalDateTime.now();
        try {
            primary.start(options.startTimeout());
        } catch (IOException failed) {
            problems.add("the primary did not restart: " + failed.getMessage());
            return null;
        }
        step = "waiting for sync and both servers in hot-standby";
        fraction = this::convergence;
        if (!await(this::bothHotStandby, HA_CONVERGENCE)) {
            problems.add("the pair did not return to hot-standby within " + HA_CONVERGENCE.toSeconds() + " s");
            return null;
        }
        LocalDateTime back = restarted;
        for (ServerProcess server : servers()) {
            for (LabReport.Transition transition : server.transitions()) {
                if (transition.to().equals("hot-standby") && transition.at().isAfter(back)) {
                    back = transition.at();
                }
            }
        }
        Duration recovery = Duration.between(restarted, back);
        view.note("recovery: both servers in hot-standby after " + LabReportFormatter.duration(recovery));
        step = LATER_CLIENTS + " new clients, one DORA each";
        load(phase, LATER_CLIENTS, 30, "00:0c:01:02:07:00", LATER_CLIENTS, Duration.ofSeconds(20), null);
        return recovery;
    }

    /**
     * Runs one load: {@code clients} clients from {@code mac} at {@code rate} DISCOVERs a second, {@code count}
     * exchanges (0 = until {@code done} or the limit), secs growing from 1.
     */
    private void load(String name, int clients, int rate, String mac, int count, Duration limit, BooleanSupplier done)
            throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-4", "-r", Integer.toString(rate), "-R",
                Integer.toString(clients), "-p", Long.toString(limit.toSeconds()), "-d", "2", "-b", "mac=" + mac,
                "-Y", "0", "-y", "3600", "-L", Integer.toString(relayPort)));
        if (count > 0) {
            arguments.addAll(List.of("-n", Integer.toString(count), "-W", "2000000"));
        }
        arguments.add(relay.getHostAddress());
        PerfOptions perfOptions;
        try {
            perfOptions = PerfOptionsParser.parseRun(arguments.toArray(String[]::new));
        } catch (PerfUsageException impossible) {
            throw new IllegalStateException("the lab built bad load options: " + impossible.getMessage(), impossible);
        }
        DoubleSupplier before = fraction;
        long startNanos = System.nanoTime();
        List<InetSocketAddress> targets = List.of(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"),
                primary.serverPort()), new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), standby.serverPort()));
        try (PerfSession load = PerfSession.open(perfOptions, relay, targets, ack -> {
            synchronized (received) {
                received.add(new Received(ack, name, LocalDateTime.now()));
            }
        }, new PrintStream(OutputStream.nullOutputStream()))) {
            session = load;
            if (done == null) {
                fraction = () -> Math.min(1.0, (double) acksIn(name) / Math.max(1, count));
            }
            Thread runner = Thread.ofPlatform().name("nestor-lab-load").start(() -> {
                try {
                    load.run();
                } catch (IOException failed) {
                    synchronized (problems) {
                        problems.add("the " + name + " load failed: " + failed.getMessage());
                    }
                }
            });
            if (done != null) {
                long deadline = System.nanoTime() + limit.toNanos();
                while (runner.isAlive() && !done.getAsBoolean() && System.nanoTime() < deadline) {
                    checkAborted();
                    Thread.sleep(100);
                }
                load.requestStop();
            }
            runner.join(limit.toMillis() + 10_000);
            if (runner.isAlive()) {
                load.requestStop();
                runner.join(5000);
            }
            PerfSession.Progress progress = load.progress();
            Map<String, Long> byServer = new LinkedHashMap<>();
            for (Received ack : receivedIn(name)) {
                String server = ack.ack().server() == 0 ? PRIMARY : ack.ack().server() == 1 ? STANDBY : "unknown";
                byServer.merge(server, 1L, Long::sum);
            }
            LabReport.Phase result = new LabReport.Phase(name, (System.nanoTime() - startNanos) / 1e9,
                    progress.firstSent(), acksIn(name), byServer, progress.drops());
            phases.add(result);
            view.note(String.format(java.util.Locale.ROOT, "%s: sent %d, ACKs %d (primary %d, standby %d), drops %d",
                    name, result.sent(), result.acks(), result.acksFrom(PRIMARY), result.acksFrom(STANDBY),
                    result.drops()));
        } catch (IOException unbound) {
            problems.add("the " + name + " load could not start: " + unbound.getMessage());
        } finally {
            session = null;
            fraction = before;
        }
    }

    private List<Received> receivedIn(String name) {
        synchronized (received) {
            return received.stream().filter(ack -> ack.phase().equals(name)).toList();
        }
    }

    private long acksIn(String name) {
        return receivedIn(name).size();
    }

    private Set<String> addresses(String name) {
        Set<String> addresses = new HashSet<>();
        for (Received ack : receivedIn(name)) {
            addresses.add(ack.ack().address().getHostAddress());
        }
        return addresses;
    }

    private List<LeaseCheck.AckedLease> acked() {
        synchronized (received) {
            return received.stream().map(ack -> new LeaseCheck.AckedLease(ack.ack().address().getHostAddress(),
                    ack.ack().hwaddr(), ack.ack().server() == 0 ? PRIMARY : ack.ack().server() == 1 ? STANDBY
                    : "unknown")).toList();
        }
    }

    private boolean bothHotStandby() {
        return stateOf(primary).equals("hot-standby") && stateOf(standby).equals("hot-standby");
    }

    private double convergence() {
        return (progressOf(stateOf(primary)) + progressOf(stateOf(standby))) / 2;
    }

    private static double progressOf(String state) {
        return switch (state) {
            case "waiting" -> 0.25;
            case "syncing" -> 0.5;
            case "ready" -> 0.75;
            case "hot-standby" -> 1.0;
            default -> 0.0;
        };
    }

    private static String stateOf(ServerProcess server) {
        if (server == null || !server.alive()) {
            return "down";
        }
        return server.control().haStatus().map(ControlChannel.HaStatus::state).orElse("starting");
    }

    private boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            checkAborted();
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private void sample() {
        try {
            List<LiveView.ServerLine> lines = new ArrayList<>();
            for (ServerProcess server : servers()) {
                String state = "down";
                List<String> scopes = List.of();
                if (server.alive()) {
                    var status = server.control().haStatus();
                    state = status.map(ControlChannel.HaStatus::state).orElse("starting");
                    scopes = status.map(ControlChannel.HaStatus::scopes).orElse(List.of());
                }
                lines.add(new LiveView.ServerLine(server.name(), state,
                        LeaseFile.activeOrEmpty(server.leaseFile()).size(), scopes));
            }
            PerfSession current = session;
            PerfSession.Progress progress = current == null ? new PerfSession.Progress(0, 0, 0, 0, 0)
                    : current.progress();
            long acks = acksIn(phase);
            long now = System.nanoTime();
            double seconds = (now - lastSampleNanos) / 1e9;
            if (seconds > 0) {
                rate = 0.5 * rate + 0.5 * Math.max(0, acks - lastAcks) / seconds;
            }
            lastAcks = acks;
            lastSampleNanos = now;
            view.show(new LiveView.Snapshot(phase, step, fraction.getAsDouble(), lines, progress.firstSent(), acks,
                    progress.drops(), rate));
        } catch (RuntimeException shown) {
            // the view must never stop the lab; the next sample tries again
        }
    }

    private LabReport report(Duration failover, Duration recovery) {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        view.finish();
        Map<String, String> primaryLeases = LeaseFile.activeOrEmpty(primary.leaseFile());
        Map<String, String> standbyLeases = LeaseFile.activeOrEmpty(standby.leaseFile());
        List<LeaseCheck.AckedLease> acked = acked();
        List<LabReport.Server> servers = new ArrayList<>();
        for (ServerProcess server : servers()) {
            servers.add(new LabReport.Server(server.name(), server.transitions(), stateOf(server),
                    (server == primary ? primaryLeases : standbyLeases).size()));
        }
        Map<String, Integer> messages = new LinkedHashMap<>();
        for (String id : LabReport.FAILOVER_MESSAGES) {
            messages.put(id, standby.count(id));
        }
        Set<String> ackedAddresses = new HashSet<>();
        acked.forEach(ack -> ackedAddresses.add(ack.address()));
        List<String> allProblems;
        synchronized (problems) {
            allProblems = List.copyOf(problems);
        }
        return new LabReport(LabOptions.HOT_STANDBY, started, directory.toString(), setup, servers, phases, failover,
                recovery, messages, ackedAddresses.size(), LeaseCheck.leasedTwice(acked, primaryLeases, standbyLeases),
                LeaseCheck.missing(acked, primaryLeases, standbyLeases), allProblems);
    }

    private static int freeTcpPort(InetAddress address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        }
    }

    private static int freeUdpPort(InetAddress address) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
            return socket.getLocalPort();
        }
    }

    private void checkAborted() throws InterruptedException {
        if (aborted) {
            throw new InterruptedException("the lab was interrupted");
        }
    }

    /** True once {@link #abort()} was called: the run ends without a report. */
    boolean aborted() {
        return aborted;
    }

    /** Ends the run (Ctrl-C): waits throw, and {@link #close()} follows. */
    void abort() {
        aborted = true;
    }

    /** Stops every server process this lab started (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        sampler.shutdownNow();
        PerfSession current = session;
        if (current != null) {
            current.requestStop();
        }
        for (ServerProcess server : servers()) {
            if (server != null) {
                server.close();
            }
        }
    }
}

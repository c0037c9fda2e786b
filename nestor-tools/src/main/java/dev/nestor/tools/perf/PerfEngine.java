package dev.nestor.tools.perf;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one load test: sends the first message of each exchange at the {@code -r} rate (or as fast
 * as it can), answers each first reply with the second message, matches replies to requests by
 * transaction id, and counts what perfdhcp counts. One UDP socket bound to the local address;
 * the calling thread sends new exchanges, one receiver thread reads replies and sends the second
 * messages. With several servers every packet goes to each of them, as a relay with several
 * helper addresses forwards it, and a reply from any of them answers the request.
 *
 * <p>Every loop is bounded by the run's limits ({@code -p}, {@code -n}, {@code -D}) and by
 * {@link #requestStop()}.
 */
final class PerfEngine implements AutoCloseable {
    /**
     * At least this many new exchanges may be sent per loop turn when behind the rate (perfdhcp's cap);
     * at high rates the cap grows to 1 ms worth of packets, since one park costs 50 µs or (on a busy host) more.
     */
    static final int CATCH_UP_PER_TURN = 3;
    private static final long SECOND = 1_000_000_000L;
    private static final long AVALANCHE_TICK = 200_000_000L;
    private static final int MAXIMUM_BACKOFF_SECONDS = 64;

    private final PerfOptions options;
    private final PrintStream out;
    private final DatagramChannel channel;
    private final InetSocketAddress[] targets;
    private final ClientMessages senderMessages;
    private final ClientMessages receiverMessages;
    private final ExchangeCounters[] exchanges;
    private final PendingExchanges[] pending;
    private final long[] dropTimes;
    private final AtomicLong[][] serverSent;
    private final AtomicLong[][] serverReceived;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknownSource = new AtomicLong();
    private final int xidMask;
    private final Random random;
    private final boolean connected;
    private volatile byte[] firstServerId;
    private volatile boolean stopRequested;
    private long startNanos;
    private int nextXid;
    private long shortWaits;
    private Thread receiver;
    private volatile Throwable receiverFailure;
    private final AckListener ackListener;

    // avalanche state, guarded by "this"
    private int[] clientPhase;
    private long[] nextRetry;
    private int[] backoffSeconds;
    private byte[][] secondMessages;
    private int outstanding;
    private long resent;

    /** Told of every DHCPv4 ACK carrying an address, on the receiver thread (so it must be quick). */
    @FunctionalInterface
    interface AckListener {
        /**
         * @param chaddr  the reply's client hardware address field (16 bytes; Ethernet uses the first 6)
         * @param yiaddr  the leased address
         * @param server  index of the target that sent it, or -1 when the source matched none
         */
        void acked(byte[] chaddr, int yiaddr, int server);
    }

    private PerfEngine(PerfOptions options, PrintStream out, DatagramChannel channel, ClientMessages messages,
                       List<InetSocketAddress> explicitTargets, AckListener ackListener) {
        this.options = options;
        this.out = out;
        this.channel = channel;
        this.senderMessages = messages;
        this.receiverMessages = messages.copy();
        this.ackListener = ackListener;
        int port = options.effectiveRemotePort();
        this.targets = explicitTargets != null ? explicitTargets.toArray(InetSocketAddress[]::new)
                : options.servers().stream().map(server -> new InetSocketAddress(server, port))
                .toArray(InetSocketAddress[]::new);
        boolean v4 = options.ipVersion() == 4;
        List<String> names = new ArrayList<>();
        names.add(v4 ? "DISCOVER-OFFER" : "SOLICIT-ADVERTISE");
        if (!options.twoWayOnly()) {
            names.add(v4 ? "REQUEST-ACK" : "REQUEST-REPLY");
        }
        this.exchanges = names.stream().map(ExchangeCounters::new).toArray(ExchangeCounters[]::new);
        this.pending = new PendingExchanges[exchanges.length];
        this.dropTimes = new long[exchanges.length];
        for (int index = 0; index < exchanges.length; index++) {
            pending[index] = new PendingExchanges();
            dropTimes[index] = options.scenario() == PerfOptions.Scenario.AVALANCHE ? 1000 * SECOND
                    : options.dropTimeNanos(index);
        }
        this.serverSent = new AtomicLong[targets.length][exchanges.length];
        this.serverReceived = new AtomicLong[targets.length][exchanges.length];
        for (int server = 0; server < targets.length; server++) {
            for (int index = 0; index < exchanges.length; index++) {
                serverSent[server][index] = new AtomicLong();
                serverReceived[server][index] = new AtomicLong();
            }
        }
        this.xidMask = v4 ? -1 : 0xffffff;
        // one unicast server: a connected socket sends and receives with less work per packet
        InetAddress only = targets.length == 1 ? targets[0].getAddress() : null;
        this.connected = only != null && !only.isMulticastAddress() && !options.broadcast()
                && !only.equals(InetAddress.ofLiteral("255.255.255.255"));
        this.random = options.seed() == 0 ? new Random() : new Random(options.seed());
    }

    /**
     * Opens the socket (bound to the local address and port) and prepares the message templates.
     *
     * @throws IOException when the local address cannot be found or bound
     */
    static PerfEngine open(PerfOptions options, PrintStream out) throws IOException {
        return open(options, out, localAddress(options), null, null);
    }

    /**
     * Opens a run for a program rather than a command line: {@code local} is used as given (giaddr and bound
     * address, not checked against the interfaces), {@code targets} (when not null) replace the servers and
     * remote port of {@code options}, each with its own port, and {@code ackListener} (when not null) hears of
     * every ACK.
     */
    static PerfEngine open(PerfOptions options, PrintStream out, InetAddress local, List<InetSocketAddress> targets,
                           AckListener ackListener) throws IOException {
        DatagramChannel channel = DatagramChannel.open(options.ipVersion() == 4 ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            if (options.broadcast()) {
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            channel.bind(new InetSocketAddress(local, options.effectiveLocalPort()));
        } catch (IOException | RuntimeException failure) {
            channel.close();
            throw new IOException("cannot bind " + local.getHostAddress() + " port " + options.effectiveLocalPort()
                    + ": " + failure.getMessage(), failure);
        }
        ClientMessages messages;
        if (options.ipVersion() == 4) {
            messages = new Dhcp4Messages(toInt(local), options.baseMac(), options.extraOptions());
        } else {
            byte[] duid = options.baseDuid() != null ? options.baseDuid()
                    : Dhcp6Messages.defaultDuid(options.baseMac(), Instant.now().getEpochSecond());
            messages = new Dhcp6Messages(local.getAddress(), options.relayLevel() > 0, duid, options.baseMac(),
                    options.rapidCommit(), options.extraOptions());
        }
        return new PerfEngine(options, out, channel, messages, targets, ackListener);
    }

    /** The address perfdhcp would use: {@code -l} (address or interface), else the route to the first server. */
    static InetAddress localAddress(PerfOptions options) throws IOException {
        boolean v4 = options.ipVersion() == 4;
        String name = options.localName();
        if (name != null) {
            NetworkInterface networkInterface = null;
            try {
                networkInterface = NetworkInterface.getByName(name);
            } catch (SocketException notAvailable) {
                // fall through to the address form
            }
            if (networkInterface != null) {
                for (InetAddress address : networkInterface.inetAddresses().toList()) {
                    if (v4 ? address instanceof Inet4Address : address instanceof Inet6Address) {
                        return address;
                    }
                }
                throw new IOException("interface " + name + " has no IPv" + options.ipVersion() + " address");
            }
            InetAddress address;
            try {
                address = InetAddress.ofLiteral(name);
            } catch (IllegalArgumentException notLiteral) {
                throw new IOException("Failed to convert string to address '" + name + "': Invalid argument");
            }
            if (v4 != (address instanceof Inet4Address)) {
                throw new IOException("local address " + name + " is not an IPv" + options.ipVersion() + " address");
            }
            if (NetworkInterface.getByInetAddress(address) == null) {
                throw new IOException("There is no such address " + name + " on any interface");
            }
            return address;
        }
        try (DatagramChannel probe = DatagramChannel.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6)) {
            probe.connect(new InetSocketAddress(options.servers().getFirst(), options.effectiveRemotePort()));
            return ((InetSocketAddress) probe.getLocalAddress()).getAddress();
        }
    }

    static int toInt(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    /**
     * The counters so far, safe to read from another thread while the run goes on: first and second
     * messages sent, their replies received, and drops (sent minus received, both exchanges).
     */
    long[] liveCounters() {
        long first = exchanges[0].sent.get();
        long firstReplies = exchanges[0].received.get();
        long second = exchanges.length > 1 ? exchanges[1].sent.get() : 0;
        long secondReplies = exchanges.length > 1 ? exchanges[1].received.get() : 0;
        long drops = 0;
        for (ExchangeCounters exchange : exchanges) {
            drops += exchange.drops();
        }
        return new long[] {first, firstReplies, second, secondReplies, drops};
    }

    /** Asks a running test to end as if its period had elapsed (Ctrl-C). */
    void requestStop() {
        stopRequested = true;
    }

    /** Runs the test to its end and returns the report. */
    PerfReport run() throws IOException {
        if (connected) {
            channel.connect(targets[0]);
        }
        startNanos = System.nanoTime();
        receiver = Thread.ofPlatform().name("nestor-perf-receiver").daemon().start(this::receiveLoop);
        String exitReason;
        long avalancheNanos = 0;
        long endNanos;
        try {
            for (int index = 0; index < options.preload(); index++) {
                // preloaded exchanges are not tracked: their replies count as orphans
                sendFirst(false);
            }
            if (options.scenario() == PerfOptions.Scenario.AVALANCHE) {
                exitReason = runAvalanche();
                avalancheNanos = System.nanoTime() - startNanos;
            } else {
                exitReason = runBasic();
                if (exitReason != null && !stopRequested && options.diagnostic('e')) {
                    out.println(exitReason);
                }
                exitWait();
            }
            // the test ends here; closing the socket and joining the receiver are not part of it
            endNanos = System.nanoTime();
        } finally {
            stopReceiver();
        }
        if (receiverFailure != null) {
            throw new IOException("receiving failed: " + receiverFailure.getMessage(), receiverFailure);
        }
        return report((endNanos - startNanos) / 1e9, exitReason, avalancheNanos);
    }

    private String runBasic() throws IOException {
        long lastReport = startNanos;
        long catchUp = Math.max(CATCH_UP_PER_TURN, options.rate() / 1_000);
        while (true) {
            long now = System.nanoTime();
            String reason = exitReason(now);
            if (reason != null) {
                return reason;
            }
            if (options.reportIntervalSeconds() > 0 && now - lastReport >= options.reportIntervalSeconds() * SECOND) {
                lastReport = now;
                periodicReport();
            }
            long due;
            if (options.rate() > 0) {
                // doubles: nanoseconds × rate overflows a long after a few hours at high rates
                long expected = (long) ((now - startNanos) / 1e9 * options.rate());
                due = Math.min(expected - exchanges[0].sent.get(), catchUp);
                if (due <= 0) {
                    shortWaits++;
                    long nextAt = startNanos + (long) ((exchanges[0].sent.get() + 1) * 1e9 / options.rate());
                    waitUntil(nextAt);
                    continue;
                }
            } else {
                due = 1;
            }
            for (long index = 0; index < due; index++) {
                if (index > 0 && exitReason(System.nanoTime()) != null) {
                    break;
                }
                sendFirst(true);
            }
        }
    }

    /**
     * Parks until the next packet is due (at most 10 ms, so limits and reports stay timely). Parking
     * overshoots by tens of microseconds; the catch-up cap absorbs that instead of a busy wait.
     */
    private void waitUntil(long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining > 20_000) {
            LockSupport.parkNanos(Math.min(remaining, 10_000_000));
        } else if (remaining > 0) {
            Thread.onSpinWait();
        }
    }

    private String exitReason(long now) {
        if (stopRequested) {
            return "Interrupted";
        }
        if (options.testPeriodSeconds() > 0 && now - startNanos >= options.testPeriodSeconds() * SECOND) {
            return "reached test-period.";
        }
        for (int index = 0; index < exchanges.length; index++) {
            long limit = options.requestLimit(index);
            if (limit > 0 && exchanges[index].sent.get() >= limit) {
                return "Reached max requests limit.";
            }
        }
        for (int index = 0; index < exchanges.length; index++) {
            PerfOptions.DropLimit dropLimit = options.dropLimit(index);
            if (dropLimit != null && dropLimit.reached(exchanges[index].sent.get(), exchanges[index].drops())) {
                return dropLimit.isPercent() ? "Reached maximum percentage of drops." : "Reached maximum drops number.";
            }
        }
        return null;
    }

    /**
     * {@code -W}: keep receiving (and answering first replies) for up to the wait; no new exchange
     * starts. Ends early when the replies received equal the sum of the {@code -n} values, as perfdhcp does.
     */
    private void exitWait() {
        if (options.exitWaitMicros() <= 0 || stopRequested) {
            return;
        }
        long deadline = System.nanoTime() + options.exitWaitMicros() * 1000;
        long expected = 0;
        for (long limit : options.requestLimits()) {
            expected += limit;
        }
        while (System.nanoTime() < deadline && !stopRequested) {
            long received = 0;
            for (ExchangeCounters exchange : exchanges) {
                received += exchange.received.get();
            }
            if (expected > 0 && received == expected) {
                return;
            }
            LockSupport.parkNanos(Math.min(1_000_000, Math.max(1, deadline - System.nanoTime())));
        }
    }

    private int secondsField(long now) {
        if (options.elapsedStart() < 0) {
            return 0;
        }
        long elapsed = (now - startNanos) / SECOND;
        if (elapsed >= options.elapsedStart() && elapsed < (long) options.elapsedStart() + options.elapsedPeriod()) {
            return (int) Math.min(0xffff, elapsed - options.elapsedStart() + 1);
        }
        return 0;
    }

    private int clientIndex(long exchangeNumber) {
        int clients = options.clientCount();
        return clients <= 1 ? 0 : (int) (exchangeNumber % clients);
    }

    /** Sends a new exchange's first message; tracked unless preloaded. */
    private void sendFirst(boolean tracked) throws IOException {
        int xid = nextXid++ & xidMask;
        long now = System.nanoTime();
        ByteBuffer packet = senderMessages.first(xid, clientIndex(Integer.toUnsignedLong(xid)), secondsField(now));
        if (tracked) {
            long previous = pending[0].register(xid, nonZero(now));
            if (previous != 0 && now - previous > dropTimes[0]) {
                exchanges[0].collected.incrementAndGet();
            }
            exchanges[0].sent.incrementAndGet();
        }
        sendToAll(packet, 0);
    }

    private static long nonZero(long time) {
        return time == 0 ? 1 : time;
    }

    private void sendToAll(ByteBuffer packet, int exchange) throws IOException {
        if (connected) {
            packet.position(0);
            try {
                channel.write(packet);
            } catch (PortUnreachableException earlierPacketRefused) {
                // the error belongs to an earlier datagram (ICMP port unreachable); this one was not sent yet
                packet.position(0);
                channel.write(packet);
            }
            serverSent[0][exchange].incrementAndGet();
            return;
        }
        for (int server = 0; server < targets.length; server++) {
            packet.position(0);
            channel.send(packet, targets[server]);
            serverSent[server][exchange].incrementAndGet();
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        ClientMessages.ReplyFields fields = new ClientMessages.ReplyFields();
        try {
            while (true) {
                buffer.clear();
                int server;
                if (connected) {
                    // the kernel only delivers the server's datagrams to a connected socket
                    try {
                        channel.read(buffer);
                    } catch (PortUnreachableException nobodyListens) {
                        // ICMP for a request: it stays unanswered and counts as a drop
                        continue;
                    }
                    server = 0;
                } else {
                    SocketAddress source = channel.receive(buffer);
                    if (source == null) {
                        continue;
                    }
                    server = serverIndex((InetSocketAddress) source);
                }
                buffer.flip();
                handleReply(buffer, server, fields);
            }
        } catch (ClosedChannelException closed) {
            // the run is over
        } catch (IOException | RuntimeException failure) {
            receiverFailure = failure;
            stopRequested = true;
        }
    }

    private int serverIndex(InetSocketAddress source) {
        // servers sharing an address (one host, several ports) are told apart by port
        for (int server = 0; server < targets.length; server++) {
            if (targets[server].equals(source)) {
                return server;
            }
        }
        InetAddress address = source.getAddress();
        for (int server = 0; server < targets.length; server++) {
            if (targets[server].getAddress().equals(address)) {
                return server;
            }
        }
        return -1;
    }

    private void handleReply(ByteBuffer datagram, int server, ClientMessages.ReplyFields fields) throws IOException {
        long now = System.nanoTime();
        if (!receiverMessages.parse(datagram, fields)) {
            malformed.incrementAndGet();
            return;
        }
        int exchange;
        if (fields.kind == ClientMessages.REPLY_FIRST) {
            exchange = 0;
        } else if (fields.kind == ClientMessages.REPLY_SECOND) {
            // a rapid-commit REPLY answers the SOLICIT
            exchange = exchanges.length == 1 && options.rapidCommit() ? 0 : 1;
        } else {
            return;
        }
        if (exchange >= exchanges.length) {
            exchanges[0].orphans.incrementAndGet();
            return;
        }
        if (server >= 0) {
            serverReceived[server][exchange].incrementAndGet();
        } else {
            unknownSource.incrementAndGet();
        }
        if (ackListener != null && exchange == 1 && fields.hasAddress && options.ipVersion() == 4) {
            // every ACK is a lease the server committed, late or not, so it is reported before the matching
            byte[] chaddr = new byte[16];
            datagram.get(Dhcp4Messages.OFFSET_CHADDR, chaddr);
            ackListener.acked(chaddr, (int) fields.addressLow, server);
        }
        ExchangeCounters counters = exchanges[exchange];
        long sendTime = pending[exchange].claim(fields.xid);
        if (sendTime == 0) {
            counters.orphans.incrementAndGet();
            return;
        }
        long age = now - sendTime;
        if (age > dropTimes[exchange]) {
            counters.collected.incrementAndGet();
            counters.orphans.incrementAndGet();
            return;
        }
        counters.received.incrementAndGet();
        counters.delay(age / 1e9);
        if (fields.rejected) {
            counters.rejected++;
        }
        if (options.checkUniqueness() && fields.hasAddress) {
            counters.address(fields.addressHigh, fields.addressLow);
        }
        if (fields.serverIdOffset >= 0 && firstServerId == null) {
            byte[] serverId = new byte[fields.serverIdLength];
            datagram.get(fields.serverIdOffset, serverId);
            firstServerId = serverId;
        }
        recordDiagnostics(datagram, fields, counters, sendTime, now);
        if (options.scenario() == PerfOptions.Scenario.AVALANCHE) {
            avalancheAnswered(exchange == 0 ? fields.xid : receiverMessages.secondXid(fields.xid), exchange, now);
        }
        if (exchange == 0 && exchanges.length == 2) {
            sendSecond(datagram, fields, age);
        }
    }

    private void recordDiagnostics(ByteBuffer datagram, ClientMessages.ReplyFields fields, ExchangeCounters counters,
                                   long sendTime, long now) {
        if (options.diagnostic('t') && counters.timestamps.size() < ExchangeCounters.DIAGNOSTIC_LIMIT) {
            counters.timestamps.add(new PerfReport.Timestamp((sendTime - startNanos) / 1e9, (now - startNanos) / 1e9));
        }
        if (options.diagnostic('l') && counters.leases.size() < ExchangeCounters.DIAGNOSTIC_LIMIT) {
            String clientId = "";
            if (fields.clientIdOffset >= 0) {
                byte[] bytes = new byte[fields.clientIdLength];
                datagram.get(fields.clientIdOffset, bytes);
                clientId = HexFormat.of().formatHex(bytes);
            }
            counters.leases.add(clientId + "," + addressText(fields) + ",");
        }
    }

    private String addressText(ClientMessages.ReplyFields fields) {
        if (!fields.hasAddress) {
            return "";
        }
        try {
            if (options.ipVersion() == 4) {
                int value = (int) fields.addressLow;
                return InetAddress.getByAddress(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16),
                        (byte) (value >>> 8), (byte) value}).getHostAddress();
            }
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(fields.addressHigh)
                    .putLong(fields.addressLow).array()).getHostAddress();
        } catch (java.net.UnknownHostException impossible) {
            return "";
        }
    }

    private void sendSecond(ByteBuffer firstReply, ClientMessages.ReplyFields fields, long age) throws IOException {
        long limit = options.requestLimit(1);
        if (limit > 0 && exchanges[1].sent.get() >= limit) {
            return;
        }
        byte[] serverId = options.useFirstServerId() ? firstServerId : null;
        ByteBuffer request = receiverMessages.second(firstReply, fields, (int) (age / 1_000_000 / 1000), serverId);
        if (request == null) {
            malformed.incrementAndGet();
            return;
        }
        long now = System.nanoTime();
        long previous = pending[1].register(receiverMessages.secondXid(fields.xid), nonZero(now));
        if (previous != 0 && now - previous > dropTimes[1]) {
            exchanges[1].collected.incrementAndGet();
        }
        exchanges[1].sent.incrementAndGet();
        if (options.scenario() == PerfOptions.Scenario.AVALANCHE) {
            byte[] copy = new byte[request.remaining()];
            request.get(0, copy);
            synchronized (this) {
                int client = fields.xid;
                if (client >= 0 && client < secondMessages.length) {
                    secondMessages[client] = copy;
                }
            }
        }
        sendToAll(request, 1);
    }

    // ---------------------------------------------------------------- avalanche

    private String runAvalanche() throws IOException {
        int clients = options.clientCount();
        synchronized (this) {
            clientPhase = new int[clients];
            nextRetry = new long[clients];
            backoffSeconds = new int[clients];
            secondMessages = new byte[clients][];
            outstanding = clients;
        }
        nextXid = 0;
        for (int client = 0; client < clients; client++) {
            long now = System.nanoTime();
            synchronized (this) {
                backoffSeconds[client] = 1;
                nextRetry[client] = now + jittered(1);
            }
            ByteBuffer packet = senderMessages.first(client, client, secondsField(now));
            pending[0].register(client, nonZero(now));
            exchanges[0].sent.incrementAndGet();
            sendToAll(packet, 0);
        }
        while (true) {
            synchronized (this) {
                if (outstanding == 0) {
                    return null;
                }
            }
            long now = System.nanoTime();
            if (stopRequested) {
                return "Interrupted";
            }
            if (options.testPeriodSeconds() > 0 && now - startNanos >= options.testPeriodSeconds() * SECOND) {
                return "reached test-period.";
            }
            LockSupport.parkNanos(AVALANCHE_TICK);
            retryAvalanche(System.nanoTime());
        }
    }

    private long jittered(int seconds) {
        long jitter = (long) ((random.nextDouble() * 2 - 1) * SECOND);
        return Math.max(SECOND / 10, seconds * SECOND + jitter);
    }

    private void retryAvalanche(long now) throws IOException {
        List<Integer> firstRetries = new ArrayList<>();
        List<byte[]> secondRetries = new ArrayList<>();
        int waitingFirst = 0;
        int waitingSecond = 0;
        synchronized (this) {
            for (int client = 0; client < clientPhase.length; client++) {
                int phase = clientPhase[client];
                if (phase >= 2) {
                    continue;
                }
                if (phase == 0) {
                    waitingFirst++;
                } else {
                    waitingSecond++;
                }
                if (now < nextRetry[client]) {
                    continue;
                }
                backoffSeconds[client] = Math.min(MAXIMUM_BACKOFF_SECONDS, backoffSeconds[client] * 2);
                nextRetry[client] = now + jittered(backoffSeconds[client]);
                if (phase == 0) {
                    firstRetries.add(client);
                } else if (secondMessages[client] != null) {
                    secondRetries.add(secondMessages[client]);
                }
            }
            resent += firstRetries.size() + secondRetries.size();
        }
        for (int client : firstRetries) {
            sendToAll(senderMessages.first(client, client, secondsField(now)), 0);
        }
        for (byte[] message : secondRetries) {
            sendToAll(ByteBuffer.wrap(message), 1);
        }
        String time = Instant.now().toString();
        if (!firstRetries.isEmpty()) {
            out.println(time + " " + exchanges[0].name + ": still waiting for " + waitingFirst + " answers, resent "
                    + resentTotal() + ", retrying " + firstRetries.size());
        }
        if (!secondRetries.isEmpty() && exchanges.length > 1) {
            out.println(time + " " + exchanges[1].name + ": still waiting for " + waitingSecond + " answers, resent "
                    + resentTotal() + ", retrying " + secondRetries.size());
        }
    }

    private synchronized long resentTotal() {
        return resent;
    }

    private synchronized void avalancheAnswered(int client, int exchange, long now) {
        if (clientPhase == null || client < 0 || client >= clientPhase.length) {
            return;
        }
        if (exchange == 0 && clientPhase[client] == 0) {
            if (exchanges.length == 1) {
                clientPhase[client] = 2;
                outstanding--;
            } else {
                clientPhase[client] = 1;
                backoffSeconds[client] = 1;
                nextRetry[client] = now + jittered(1);
            }
        } else if (exchange == 1 && clientPhase[client] == 1) {
            clientPhase[client] = 2;
            outstanding--;
        }
    }

    // ---------------------------------------------------------------- reports

    private void periodicReport() {
        String separator = options.reportSeparator();
        List<String> sent = new ArrayList<>();
        List<String> received = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (ExchangeCounters exchange : exchanges) {
            sent.add(Long.toString(exchange.sent.get()));
            received.add(Long.toString(exchange.received.get()));
            drops.add(Long.toString(exchange.drops()));
            rejected.add(Long.toString(exchange.rejected));
        }
        if (separator != null) {
            List<String> all = new ArrayList<>(sent);
            all.addAll(received);
            all.addAll(drops);
            all.addAll(rejected);
            out.println(String.join(separator, all));
        } else {
            out.println("sent: " + String.join("/", sent) + "; received: " + String.join("/", received)
                    + "; drops: " + String.join("/", drops) + "; rejected: " + String.join("/", rejected));
        }
    }

    private PerfReport report(double duration, String exitReason, long avalancheNanos) {
        List<PerfReport.Exchange> exchangeReports = new ArrayList<>();
        for (ExchangeCounters exchange : exchanges) {
            exchangeReports.add(exchange.snapshot());
        }
        List<PerfReport.Server> servers = new ArrayList<>();
        for (int server = 0; server < targets.length; server++) {
            List<PerfReport.ServerExchange> serverExchanges = new ArrayList<>();
            for (int index = 0; index < exchanges.length; index++) {
                serverExchanges.add(new PerfReport.ServerExchange(exchanges[index].name, serverSent[server][index].get(),
                        serverReceived[server][index].get()));
            }
            servers.add(new PerfReport.Server(targets[server].getAddress(), serverExchanges));
        }
        boolean avalanche = options.scenario() == PerfOptions.Scenario.AVALANCHE;
        int exitCode = 0;
        if (!avalanche) {
            for (PerfReport.Exchange exchange : exchangeReports) {
                if (exchange.sent() > exchange.received()) {
                    exitCode = 3;
                }
            }
        }
        PerfReport.Avalanche avalancheReport = null;
        if (avalanche) {
            long sent = 0;
            long received = 0;
            for (PerfReport.Exchange exchange : exchangeReports) {
                sent += exchange.sent();
                received += exchange.received();
            }
            long resentCount = resentTotal();
            avalancheReport = new PerfReport.Avalanche(avalancheNanos, options.clientCount(), sent + resentCount,
                    resentCount, received);
        }
        byte[] serverId = firstServerId;
        return new PerfReport(options, duration, malformed.get(), exchangeReports, servers, unknownSource.get(),
                exitReason, exitCode, serverId == null ? null : HexFormat.of().formatHex(serverId), shortWaits,
                avalancheReport);
    }

    private void stopReceiver() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing only serves to wake the receiver
        }
        if (receiver != null) {
            try {
                receiver.join(5000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopReceiver();
    }
}

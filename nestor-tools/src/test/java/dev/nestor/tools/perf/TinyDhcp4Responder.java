package dev.nestor.tools.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal DHCPv4 server for tests of the load client: answers every DISCOVER with an OFFER and
 * every REQUEST with an ACK, sent back to the relay's source address and port (so no root is
 * needed). Addresses come from a counter; {@link Behaviour} plants faults the client must count:
 * ignored DISCOVERs (drops), an address handed to two clients (non-unique), duplicated replies
 * (orphans) and garbage datagrams (malformed).
 */
final class TinyDhcp4Responder implements AutoCloseable {

    /**
     * @param ignoreEveryDiscover  ignore every n-th DISCOVER (0 = never)
     * @param duplicateAddressAt   the n-th DISCOVER (1-based) gets the previous client's address (0 = never)
     * @param duplicateEveryOffer  also send every n-th OFFER twice (0 = never)
     * @param garbageEveryDiscover answer every n-th DISCOVER with a 20-byte garbage datagram as well (0 = never)
     */
    record Behaviour(int ignoreEveryDiscover, int duplicateAddressAt, int duplicateEveryOffer, int garbageEveryDiscover) {
        static Behaviour perfect() {
            return new Behaviour(0, 0, 0, 0);
        }
    }

    private static final int FIRST_ADDRESS = (10 << 24) | (9 << 16) | 10; // 10.9.0.10

    private final DatagramChannel channel;
    private final Behaviour behaviour;
    private final Thread thread;
    private final int serverId;
    final AtomicLong discovers = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong offersSent = new AtomicLong();
    final AtomicLong acksSent = new AtomicLong();
    /** Highest secs field seen in a DISCOVER. */
    final AtomicLong maximumSecs = new AtomicLong();
    /** giaddr and hops of the last DISCOVER. */
    volatile int lastRelayAddress;
    volatile int lastHops;
    private int nextAddress = FIRST_ADDRESS;

    TinyDhcp4Responder(InetAddress address, Behaviour behaviour) throws IOException {
        this(address, behaviour, 0);
    }

    /** A responder on {@code address} port {@code port} (0 = a free port). */
    TinyDhcp4Responder(InetAddress address, Behaviour behaviour, int port) throws IOException {
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(address, port));
        } catch (IOException failure) {
            channel.close();
            throw failure;
        }
        this.behaviour = behaviour;
        this.serverId = PerfEngine.toInt(address);
        this.thread = Thread.ofPlatform().name("tiny-dhcp4-responder").daemon().start(this::serve);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void serve() {
        ByteBuffer query = ByteBuffer.allocateDirect(2048);
        ByteBuffer reply = ByteBuffer.allocateDirect(600);
        try {
            while (true) {
                query.clear();
                SocketAddress source = channel.receive(query);
                query.flip();
                if (query.limit() < 240) {
                    continue;
                }
                int type = messageType(query);
                if (type == 1) {
                    long number = discovers.incrementAndGet();
                    maximumSecs.accumulateAndGet(query.getShort(8) & 0xffff, Math::max);
                    lastRelayAddress = query.getInt(24);
                    lastHops = query.get(3);
                    if (behaviour.ignoreEveryDiscover() > 0 && number % behaviour.ignoreEveryDiscover() == 0) {
                        continue;
                    }
                    int address = behaviour.duplicateAddressAt() == number ? nextAddress - 1 : nextAddress++;
                    build(reply, query, 2, address);
                    channel.send(reply, source);
                    offersSent.incrementAndGet();
                    if (behaviour.duplicateEveryOffer() > 0 && number % behaviour.duplicateEveryOffer() == 0) {
                        channel.send(reply.position(0), source);
                    }
                    if (behaviour.garbageEveryDiscover() > 0 && number % behaviour.garbageEveryDiscover() == 0) {
                        channel.send(ByteBuffer.wrap(new byte[20]), source);
                    }
                } else if (type == 3) {
                    requests.incrementAndGet();
                    build(reply, query, 5, requestedAddress(query));
                    channel.send(reply, source);
                    acksSent.incrementAndGet();
                }
            }
        } catch (ClosedChannelException closed) {
            // test over
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static int messageType(ByteBuffer packet) {
        int position = 240;
        while (position + 2 <= packet.limit()) {
            int code = packet.get(position) & 0xff;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                position++;
                continue;
            }
            int length = packet.get(position + 1) & 0xff;
            if (code == 53) {
                return packet.get(position + 2);
            }
            position += 2 + length;
        }
        return -1;
    }

    private static int requestedAddress(ByteBuffer packet) {
        int position = 240;
        while (position + 2 <= packet.limit()) {
            int code = packet.get(position) & 0xff;
            if (code == 255) {
                break;
            }
            int length = packet.get(position + 1) & 0xff;
            if (code == 50 && length == 4) {
                return packet.getInt(position + 2);
            }
            position += 2 + length;
        }
        return 0;
    }

    private void build(ByteBuffer reply, ByteBuffer query, int type, int address) {
        reply.clear();
        for (int index = 0; index < 240; index++) {
            reply.put(index, query.get(index));
        }
        reply.put(0, (byte) 2);
        reply.putShort(8, (short) 0);
        reply.putInt(16, address);
        reply.position(240);
        reply.put((byte) 53).put((byte) 1).put((byte) type);
        reply.put((byte) 54).put((byte) 4).putInt(serverId);
        reply.put((byte) 51).put((byte) 4).putInt(4000);
        reply.put((byte) 255);
        reply.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            thread.join(5000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

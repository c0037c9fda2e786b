package dev.nestor.tools.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal DHCPv6 server for tests of the load client on ::1 (free port, no root): SOLICIT →
 * ADVERTISE (or REPLY when the SOLICIT has rapid-commit), REQUEST → REPLY, each with the client-id,
 * a server-id and an IA_NA holding a fresh address; relayed queries (RELAY-FORW) get a RELAY-REPL
 * back; answers go to the query's source port. {@code rejectEvery} answers every n-th REQUEST with
 * a NoAddrsAvail status inside the IA instead of an address.
 */
final class TinyDhcp6Responder implements AutoCloseable {
    private static final byte[] SERVER_DUID = {0, 3, 0, 1, 2, 0, 0, 0, 0, 9};

    private final DatagramChannel channel;
    private final Thread thread;
    private final int rejectEvery;
    final AtomicLong solicits = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong relayed = new AtomicLong();
    /** Highest elapsed-time value seen in a SOLICIT (hundredths of a second). */
    final AtomicLong maximumElapsed = new AtomicLong();
    private long nextAddress = 0x100;

    TinyDhcp6Responder(int rejectEvery) throws IOException {
        this.rejectEvery = rejectEvery;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET6);
        channel.bind(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0));
        this.thread = Thread.ofPlatform().name("tiny-dhcp6-responder").daemon().start(this::serve);
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private void serve() {
        ByteBuffer query = ByteBuffer.allocate(2048);
        ByteBuffer reply = ByteBuffer.allocate(2048);
        try {
            while (true) {
                query.clear();
                SocketAddress source = channel.receive(query);
                query.flip();
                reply.clear();
                int start = 0;
                int end = query.limit();
                boolean relay = end > 38 && query.get(0) == 12;
                if (relay) {
                    relayed.incrementAndGet();
                    reply.put((byte) 13).put(query.array(), 1, 33);
                    reply.putShort((short) 9).putShort((short) 0);
                    start = 38;
                    end = 38 + (query.getShort(36) & 0xffff);
                }
                int innerStart = reply.position();
                if (!answer(query, start, end, reply)) {
                    continue;
                }
                if (relay) {
                    reply.putShort(innerStart - 2, (short) (reply.position() - innerStart));
                }
                reply.flip();
                channel.send(reply, source);
            }
        } catch (ClosedChannelException closed) {
            // test over
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private boolean answer(ByteBuffer query, int start, int end, ByteBuffer reply) {
        int type = query.get(start);
        int clientId = -1;
        int clientIdLength = 0;
        boolean rapidCommit = false;
        int position = start + 4;
        while (position + 4 <= end) {
            int code = query.getShort(position) & 0xffff;
            int length = query.getShort(position + 2) & 0xffff;
            if (code == 1) {
                clientId = position + 4;
                clientIdLength = length;
            } else if (code == 14) {
                rapidCommit = true;
            } else if (code == 8 && type == 1) {
                maximumElapsed.accumulateAndGet(query.getShort(position + 4) & 0xffff, Math::max);
            }
            position += 4 + length;
        }
        int replyType;
        boolean reject = false;
        if (type == 1) {
            solicits.incrementAndGet();
            replyType = rapidCommit ? 7 : 2;
        } else if (type == 3) {
            long number = requests.incrementAndGet();
            reject = rejectEvery > 0 && number % rejectEvery == 0;
            replyType = 7;
        } else {
            return false;
        }
        reply.put((byte) replyType).put(query.get(start + 1)).put(query.get(start + 2)).put(query.get(start + 3));
        if (clientId >= 0) {
            reply.putShort((short) 1).putShort((short) clientIdLength).put(query.array(), clientId, clientIdLength);
        }
        reply.putShort((short) 2).putShort((short) SERVER_DUID.length).put(SERVER_DUID);
        if (reject) {
            reply.putShort((short) 3).putShort((short) 18).putInt(1).putInt(0).putInt(0);
            reply.putShort((short) 13).putShort((short) 2).putShort((short) 2);
        } else {
            reply.putShort((short) 3).putShort((short) 40).putInt(1).putInt(1000).putInt(2000);
            reply.putShort((short) 5).putShort((short) 24).putLong(0x20010db800090000L).putLong(nextAddress++)
                    .putInt(3000).putInt(4000);
        }
        return true;
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

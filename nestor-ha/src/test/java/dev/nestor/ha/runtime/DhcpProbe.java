package dev.nestor.ha.runtime;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * A DHCPv4 test client over loopback UDP posing as a relay (giaddr 127.0.0.1), so the server answers to this
 * socket's port (the server is started with this port as its client port).
 */
final class DhcpProbe implements AutoCloseable {

    static final int DISCOVER = 1;
    static final int OFFER = 2;
    static final int REQUEST = 3;
    static final int ACK = 5;

    private static final Inet4Address LOOPBACK = (Inet4Address) Inet4Address.ofLiteral("127.0.0.1");
    private final DatagramChannel channel;
    private int xid = 0x4100;

    DhcpProbe() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        channel.socket().setSoTimeout(1500);
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    static byte[] mac(int n) {
        return new byte[]{0x02, 0x00, 0x00, 0x00, (byte) (n >> 8), (byte) n};
    }

    /** A reply: its message type and yiaddr. */
    record Reply(int type, int yiaddr) {
    }

    /** Sends one query and returns the reply, or null when none came within the socket timeout. */
    Reply exchange(int serverPort, int type, byte[] mac, int secs, int requestedAddress) throws IOException {
        send(serverPort, type, mac, secs, requestedAddress);
        return receive();
    }

    void send(int serverPort, int type, byte[] mac, int secs, int requestedAddress) throws IOException {
        ByteBuffer packet = ByteBuffer.allocate(300);
        packet.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 1).putInt(xid++).putShort((short) secs)
                .putShort((short) 0).putInt(0).putInt(0).putInt(0).putInt(0x7F000001);
        packet.put(Arrays.copyOf(mac, 16));
        packet.position(236);
        packet.putInt(0x63825363);
        packet.put((byte) 53).put((byte) 1).put((byte) type);
        if (requestedAddress != 0) {
            packet.put((byte) 50).put((byte) 4).putInt(requestedAddress);
            // selecting state: the server identifier of the (loopback) server
            packet.put((byte) 54).put((byte) 4).putInt(0x7F000001);
        }
        packet.put((byte) 255);
        packet.flip();
        channel.send(packet, new InetSocketAddress(LOOPBACK, serverPort));
    }

    Reply receive() throws IOException {
        byte[] buffer = new byte[1500];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        }
        ByteBuffer reply = ByteBuffer.wrap(buffer, 0, datagram.getLength());
        int yiaddr = reply.getInt(16);
        int type = 0;
        int position = 240;
        while (position + 1 < datagram.getLength()) {
            int code = buffer[position] & 0xff;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                position++;
                continue;
            }
            int length = buffer[position + 1] & 0xff;
            if (code == 53) {
                type = buffer[position + 2] & 0xff;
            }
            position += 2 + length;
        }
        return new Reply(type, yiaddr);
    }

    /** A full DISCOVER/REQUEST exchange; the ACK, or null when the server stayed silent. */
    Reply dora(int serverPort, byte[] mac) throws IOException {
        Reply offer = exchange(serverPort, DISCOVER, mac, 0, 0);
        if (offer == null || offer.type() != OFFER) {
            return null;
        }
        return exchange(serverPort, REQUEST, mac, 0, offer.yiaddr());
    }

    /** Discards every datagram already received. */
    void drainQuickly() throws IOException {
        channel.configureBlocking(false);
        try {
            ByteBuffer buffer = ByteBuffer.allocate(1500);
            while (channel.receive(buffer) != null) {
                buffer.clear();
            }
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

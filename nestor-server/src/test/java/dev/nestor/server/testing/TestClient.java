package dev.nestor.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A DHCPv4 client for tests that talks to a server over real loopback UDP, posing as a relay (giaddr = its own
 * address) so that no port below 1024 is needed: the server is started with {@code -P} = this client's port.
 */
public final class TestClient implements AutoCloseable {
    public static final Inet4Address LOOPBACK = (Inet4Address) Inet4Address.ofLiteral("127.0.0.1");
    private final DatagramChannel channel;
    private InetSocketAddress server;
    private int nextXid = 1000;

    /** A client bound to a free loopback port; call {@link #target} before sending. */
    public TestClient() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        channel.socket().setSoTimeout(2000);
    }

    /** Sends to the server at 127.0.0.1:{@code serverPort}. */
    public TestClient target(int serverPort) {
        server = new InetSocketAddress(LOOPBACK, serverPort);
        return this;
    }

    /** The port replies must be sent to. */
    public int port() {
        return channel.socket().getLocalPort();
    }

    /** A new request builder of {@code type} for client {@code mac}. */
    public Packet packet(int type, byte[] mac) {
        return new Packet(type, mac, nextXid++);
    }

    /** Sends raw bytes. */
    public void sendRaw(byte[] bytes) throws IOException {
        channel.send(ByteBuffer.wrap(bytes), server);
    }

    /** Sends {@code packet} and waits for a reply (null after the timeout). */
    public Reply exchange(Packet packet) throws IOException {
        sendRaw(packet.encode());
        return receive();
    }

    /** Waits up to the timeout for a reply; null when none came. */
    public Reply receive() throws IOException {
        byte[] buffer = new byte[1500];
        java.net.DatagramPacket datagram = new java.net.DatagramPacket(buffer, buffer.length);
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Reply(Arrays.copyOf(buffer, datagram.getLength()));
    }

    /** Waits a short while for a reply that should not come; true if none came. */
    public boolean silent(long millis) throws IOException {
        channel.socket().setSoTimeout((int) millis);
        try {
            return receive() == null;
        } finally {
            channel.socket().setSoTimeout(2000);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A request under construction. */
    public static final class Packet {
        private final int type;
        private final byte[] mac;
        private final int xid;
        private int ciaddr;
        private int giaddr = 0x7F000001;
        private int flags;
        private int op = 1;
        private final Map<Integer, byte[]> options = new HashMap<>();

        public Packet(int type, byte[] mac, int xid) {
            this.type = type;
            this.mac = mac;
            this.xid = xid;
            options.put(55, new byte[]{1, 3, 6, 15, 51, 54});
        }

        public Packet ciaddr(int address) {
            this.ciaddr = address;
            return this;
        }

        public Packet giaddr(int address) {
            this.giaddr = address;
            return this;
        }

        public Packet broadcast() {
            this.flags = 0x8000;
            return this;
        }

        public Packet op(int value) {
            this.op = value;
            return this;
        }

        public Packet option(int code, byte[] payload) {
            options.put(code, payload);
            return this;
        }

        public Packet address(int code, int address) {
            return option(code, bytes(address));
        }

        public Packet without(int code) {
            options.remove(code);
            return this;
        }

        public int xid() {
            return xid;
        }

        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer header = ByteBuffer.allocate(240);
            header.put((byte) op).put((byte) 1).put((byte) mac.length).put((byte) 1).putInt(xid).putShort((short) 0)
                    .putShort((short) flags).putInt(ciaddr).putInt(0).putInt(0).putInt(giaddr);
            header.put(Arrays.copyOf(mac, 16));
            header.position(236);
            header.putInt(0x63825363);
            out.writeBytes(header.array());
            if (type > 0) {
                out.writeBytes(new byte[]{53, 1, (byte) type});
            }
            options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                out.write(e.getKey());
                out.write(e.getValue().length);
                out.writeBytes(e.getValue());
            });
            out.write(255);
            return out.toByteArray();
        }
    }

    /** A parsed reply. */
    public static final class Reply {
        private final byte[] data;
        private final Map<Integer, byte[]> options = new HashMap<>();

        Reply(byte[] data) {
            this.data = data;
            int position = 240;
            while (position + 1 < data.length && (data[position] & 0xFF) != 255) {
                int code = data[position] & 0xFF;
                int length = data[position + 1] & 0xFF;
                options.merge(code, Arrays.copyOfRange(data, position + 2, position + 2 + length), (a, b) -> {
                    byte[] joined = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
                position += 2 + length;
            }
        }

        public byte[] bytes() {
            return data;
        }

        public int type() {
            byte[] type = options.get(53);
            return type == null ? -1 : type[0];
        }

        public int xid() {
            return ByteBuffer.wrap(data, 4, 4).getInt();
        }

        public int ciaddr() {
            return ByteBuffer.wrap(data, 12, 4).getInt();
        }

        public int yiaddr() {
            return ByteBuffer.wrap(data, 16, 4).getInt();
        }

        public int siaddr() {
            return ByteBuffer.wrap(data, 20, 4).getInt();
        }

        public byte[] option(int code) {
            return options.get(code);
        }

        public int intOption(int code) {
            byte[] value = options.get(code);
            return value == null ? -1 : ByteBuffer.wrap(value).getInt();
        }

        /** Option codes in wire order. */
        public java.util.List<Integer> codes() {
            java.util.List<Integer> codes = new java.util.ArrayList<>();
            int position = 240;
            while (position + 1 < data.length && (data[position] & 0xFF) != 255) {
                codes.add(data[position] & 0xFF);
                position += 2 + (data[position + 1] & 0xFF);
            }
            return codes;
        }
    }

    /** The 4 bytes of an int address. */
    public static byte[] bytes(int address) {
        return ByteBuffer.allocate(4).putInt(address).array();
    }

    /** The int of a dotted quad. */
    public static int ip(String text) {
        return ByteBuffer.wrap(Inet4Address.ofLiteral(text).getAddress()).getInt();
    }

    /** A MAC for client number {@code n}. */
    public static byte[] mac(int n) {
        return new byte[]{0, 0x0c, 1, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}

package dev.nestor.server.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * A {@link Dhcp4Socket} on a plain blocking {@link DatagramChannel}: enough for relayed and unicast traffic and,
 * bound to 0.0.0.0, for broadcasts on a host with one served interface (the JDK gives no IP_PKTINFO, so the
 * receiving interface of a broadcast is the one this socket was opened for).
 */
public final class UdpDhcp4Socket implements Dhcp4Socket {
    private final DatagramChannel channel;
    private final Inet4Address localAddress;
    private final Inet4Address interfaceAddress;
    private final String interfaceName;
    private final boolean broadcast;
    private final int port;

    private UdpDhcp4Socket(DatagramChannel channel, Inet4Address localAddress, Inet4Address interfaceAddress,
                           String interfaceName, boolean broadcast, int port) {
        this.channel = channel;
        this.localAddress = localAddress;
        this.interfaceAddress = interfaceAddress;
        this.interfaceName = interfaceName;
        this.broadcast = broadcast;
        this.port = port;
    }

    /**
     * Binds {@code address:port} (port 0 = any free port).
     *
     * @param shareWithBroadcast set SO_REUSEADDR so that a 0.0.0.0 socket can bind the same port; without it a
     *                           second server on the same address and port fails to start, as it should
     */
    public static UdpDhcp4Socket bind(ListenAddress address, int port, boolean shareWithBroadcast)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, shareWithBroadcast);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            channel.bind(new InetSocketAddress(address.address(), port));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        int bound = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        return new UdpDhcp4Socket(channel, address.address(), address.address(), address.interfaceName(), false,
                bound);
    }

    /** Binds 0.0.0.0:port to receive broadcasts of {@code address}'s interface. */
    public static UdpDhcp4Socket bindBroadcast(ListenAddress address, int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.bind(new InetSocketAddress(port));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        Inet4Address any = (Inet4Address) Inet4Address.ofLiteral("0.0.0.0");
        return new UdpDhcp4Socket(channel, any, address.address(), address.interfaceName(), true,
                ((InetSocketAddress) channel.getLocalAddress()).getPort());
    }

    @Override
    public InboundDatagram receive(ByteBuffer buffer) throws IOException {
        buffer.clear();
        InetSocketAddress from;
        try {
            from = (InetSocketAddress) channel.receive(buffer);
        } catch (ClosedChannelException e) {
            return null;
        }
        if (from == null) {
            return null;
        }
        buffer.flip();
        byte[] data = new byte[buffer.remaining()];
        buffer.get(data);
        Inet4Address source = from.getAddress() instanceof Inet4Address v4 ? v4
                : (Inet4Address) Inet4Address.ofLiteral("0.0.0.0");
        return new InboundDatagram(data, source, from.getPort(), this, System.nanoTime());
    }

    @Override
    public void send(ByteBuffer payload, Inet4Address destination, int destinationPort) throws IOException {
        channel.send(payload, new InetSocketAddress(destination, destinationPort));
    }

    @Override
    public Inet4Address localAddress() {
        return localAddress;
    }

    @Override
    public Inet4Address interfaceAddress() {
        return interfaceAddress;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public boolean broadcast() {
        return broadcast;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return interfaceName + "/" + localAddress.getHostAddress() + ":" + port + (broadcast ? " (broadcast)" : "");
    }
}

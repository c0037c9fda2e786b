package dev.nestor.server.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * One UDP endpoint of the server. The engine sees only this interface so that a batched (recvmmsg) or
 * packet-socket implementation can replace {@link UdpDhcp4Socket} without touching it.
 *
 * <p>{@link #receive} is called by one receive thread; {@link #send} may be called by several workers at once.
 */
public interface Dhcp4Socket extends Closeable {
    /**
     * Blocks until a datagram arrives; returns it, or null once the socket is closed.
     *
     * @param buffer scratch buffer of the receive thread (at least 1500 bytes)
     */
    InboundDatagram receive(ByteBuffer buffer) throws IOException;

    /** Sends {@code payload} (position to limit) to {@code destination:port}. */
    void send(ByteBuffer payload, Inet4Address destination, int port) throws IOException;

    /** The address the socket is bound to; 0.0.0.0 for the broadcast socket. */
    Inet4Address localAddress();

    /** The interface's address to use as the reply source and server identifier (for the broadcast socket, the
     * first configured address of its interface). */
    Inet4Address interfaceAddress();

    /** The interface name. */
    String interfaceName();

    /** Whether this is the wildcard socket that receives broadcasts. */
    boolean broadcast();

    /** The local UDP port. */
    int port();
}

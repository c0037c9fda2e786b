package dev.nestor.server.net;

import java.net.Inet4Address;

/**
 * One received UDP payload and where it came from, as the receive thread hands it to a worker.
 *
 * @param data              the payload (owned by this record; not shared with the socket)
 * @param source            IP source of the datagram
 * @param sourcePort        UDP source port
 * @param socket            the socket it arrived on (its local address and interface; replies go out through it)
 * @param receivedNanos     {@link System#nanoTime()} at receipt, for queue-age diagnostics
 */
public record InboundDatagram(byte[] data, Inet4Address source, int sourcePort, Dhcp4Socket socket,
                              long receivedNanos) {
    /** Whether the datagram arrived on the broadcast (wildcard) socket rather than on a unicast address. */
    public boolean receivedOnBroadcast() {
        return socket.broadcast();
    }
}

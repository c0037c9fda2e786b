package dev.nestor.server.dhcp4;

/** A received datagram is not a usable DHCPv4 request; the message says why (logged with DHCP4_PACKET_DROP_0001). */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String reason) {
        super(reason, null, false, false);
    }
}

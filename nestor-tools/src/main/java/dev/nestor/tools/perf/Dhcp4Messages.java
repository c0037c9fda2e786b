package dev.nestor.tools.perf;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * DHCPv4 DISCOVER and REQUEST as perfdhcp 2.2 sends them (relayed: giaddr = local address,
 * hops = 1; options 53, 55 = [1, 28, 2, 3, 15, 6, 12], 61 = 01 + MAC, REQUEST also 54 and 50),
 * built from two templates with patched xid, secs, chaddr, client-id, server-id and address.
 *
 * <p>A small private builder until nestor-wire's v4 codec is available; it only writes the
 * fixed layouts below and reads the few reply fields the client counts.
 */
final class Dhcp4Messages implements ClientMessages {

    static final int OP_REQUEST = 1;
    static final int OP_REPLY = 2;
    static final int HEADER_LENGTH = 236;
    static final int MAGIC_COOKIE = 0x63825363;
    static final int TYPE_DISCOVER = 1;
    static final int TYPE_OFFER = 2;
    static final int TYPE_REQUEST = 3;
    static final int TYPE_ACK = 5;
    static final int TYPE_NAK = 6;

    static final int OFFSET_XID = 4;
    static final int OFFSET_SECS = 8;
    static final int OFFSET_FLAGS = 10;
    static final int OFFSET_YIADDR = 16;
    static final int OFFSET_GIADDR = 24;
    static final int OFFSET_CHADDR = 28;
    static final int OFFSET_OPTIONS = 240;

    private static final byte[] PARAMETER_REQUEST_LIST = {1, 28, 2, 3, 15, 6, 12};

    // DISCOVER option layout: 53 at 240, 55 at 243, 61 at 252 (MAC at 255), extras, END
    private static final int DISCOVER_CLIENT_ID_MAC = 255;
    // REQUEST option layout (perfdhcp's order): 53 at 240, 50 at 243 (data 245), 54 at 249 (data 251), 55 at 255,
    // 61 at 264 (MAC at 267)
    private static final int REQUEST_ADDRESS = 245;
    private static final int REQUEST_SERVER_ID = 251;
    private static final int REQUEST_CLIENT_ID_MAC = 267;

    private final int relayAddress;
    private final byte[] baseMac;
    private final List<PerfOptions.ExtraOption> extraOptions;
    private final ByteBuffer discover;
    private final ByteBuffer request;

    /**
     * @param relayAddress the local address written to giaddr (hops = 1), as an int
     * @param baseMac      the MAC of client 0
     * @param extraOptions {@code -o} options appended to both messages
     */
    Dhcp4Messages(int relayAddress, byte[] baseMac, List<PerfOptions.ExtraOption> extraOptions) {
        this.relayAddress = relayAddress;
        this.baseMac = baseMac.clone();
        this.extraOptions = List.copyOf(extraOptions);
        this.discover = buildDiscover();
        this.request = buildRequest();
    }

    @Override
    public ClientMessages copy() {
        return new Dhcp4Messages(relayAddress, baseMac, extraOptions);
    }

    private ByteBuffer header(int extraLength) {
        ByteBuffer packet = ByteBuffer.allocateDirect(HEADER_LENGTH + 4 + extraLength);
        packet.put(0, (byte) OP_REQUEST).put(1, (byte) 1).put(2, (byte) 6).put(3, (byte) 1);
        packet.putInt(OFFSET_GIADDR, relayAddress);
        packet.put(OFFSET_CHADDR, baseMac);
        packet.putInt(HEADER_LENGTH, MAGIC_COOKIE);
        return packet;
    }

    private int extraLength() {
        int length = 0;
        for (PerfOptions.ExtraOption option : extraOptions) {
            length += 2 + option.data().length;
        }
        return length;
    }

    private ByteBuffer buildDiscover() {
        ByteBuffer packet = header(3 + 9 + 9 + extraLength() + 1);
        packet.position(OFFSET_OPTIONS);
        packet.put((byte) 53).put((byte) 1).put((byte) TYPE_DISCOVER);
        packet.put((byte) 55).put((byte) PARAMETER_REQUEST_LIST.length).put(PARAMETER_REQUEST_LIST);
        packet.put((byte) 61).put((byte) 7).put((byte) 1).put(baseMac);
        putExtras(packet);
        packet.put((byte) 255);
        return packet.flip();
    }

    private ByteBuffer buildRequest() {
        ByteBuffer packet = header(3 + 6 + 6 + 9 + 9 + extraLength() + 1);
        packet.position(OFFSET_OPTIONS);
        packet.put((byte) 53).put((byte) 1).put((byte) TYPE_REQUEST);
        packet.put((byte) 50).put((byte) 4).putInt(0);
        packet.put((byte) 54).put((byte) 4).putInt(0);
        packet.put((byte) 55).put((byte) PARAMETER_REQUEST_LIST.length).put(PARAMETER_REQUEST_LIST);
        packet.put((byte) 61).put((byte) 7).put((byte) 1).put(baseMac);
        putExtras(packet);
        packet.put((byte) 255);
        return packet.flip();
    }

    private void putExtras(ByteBuffer packet) {
        for (PerfOptions.ExtraOption option : extraOptions) {
            byte[] data = option.data();
            packet.put((byte) option.code()).put((byte) data.length).put(data);
        }
    }

    /** Writes client {@code clientIndex}'s MAC (perfdhcp: the index added byte-wise, no carry). */
    static void putMac(ByteBuffer packet, int offset, byte[] baseMac, int clientIndex) {
        int shift = 0;
        for (int octet = 5; octet >= 0; octet--) {
            int add = shift < 32 ? (clientIndex >>> shift) & 0xff : 0;
            packet.put(offset + octet, (byte) (baseMac[octet] + add));
            shift += 8;
        }
    }

    @Override
    public ByteBuffer first(int xid, int clientIndex, int secs) {
        discover.putInt(OFFSET_XID, xid);
        discover.putShort(OFFSET_SECS, (short) secs);
        putMac(discover, OFFSET_CHADDR, baseMac, clientIndex);
        putMac(discover, DISCOVER_CLIENT_ID_MAC, baseMac, clientIndex);
        return discover.clear().limit(discover.capacity());
    }

    @Override
    public ByteBuffer second(ByteBuffer offer, ReplyFields fields, int secs, byte[] serverId) {
        if (serverId == null && fields.serverIdLength != 4) {
            return null;
        }
        request.putInt(OFFSET_XID, fields.xid);
        request.putShort(OFFSET_SECS, (short) secs);
        request.putInt(OFFSET_GIADDR, offer.getInt(OFFSET_GIADDR));
        for (int index = 0; index < 6; index++) {
            byte octet = offer.get(OFFSET_CHADDR + index);
            request.put(OFFSET_CHADDR + index, octet);
            request.put(REQUEST_CLIENT_ID_MAC + index, octet);
        }
        if (serverId != null) {
            request.put(REQUEST_SERVER_ID, serverId, 0, 4);
        } else {
            request.putInt(REQUEST_SERVER_ID, offer.getInt(fields.serverIdOffset));
        }
        request.putInt(REQUEST_ADDRESS, (int) fields.addressLow);
        return request.clear().limit(request.capacity());
    }

    @Override
    public boolean parse(ByteBuffer datagram, ReplyFields out) {
        out.clear();
        int length = datagram.limit();
        if (length < OFFSET_OPTIONS || datagram.get(0) != OP_REPLY || datagram.getInt(HEADER_LENGTH) != MAGIC_COOKIE) {
            return false;
        }
        out.xid = datagram.getInt(OFFSET_XID);
        out.addressLow = Integer.toUnsignedLong(datagram.getInt(OFFSET_YIADDR));
        out.hasAddress = out.addressLow != 0;
        int type = -1;
        int position = OFFSET_OPTIONS;
        while (position < length) {
            int code = datagram.get(position) & 0xff;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                position++;
                continue;
            }
            if (position + 1 >= length) {
                return false;
            }
            int optionLength = datagram.get(position + 1) & 0xff;
            int data = position + 2;
            if (data + optionLength > length) {
                return false;
            }
            if (code == 53 && optionLength == 1) {
                type = datagram.get(data) & 0xff;
            } else if (code == 54) {
                out.serverIdOffset = data;
                out.serverIdLength = optionLength;
            } else if (code == 61) {
                out.clientIdOffset = data;
                out.clientIdLength = optionLength;
            }
            position = data + optionLength;
        }
        if (type < 0) {
            return false;
        }
        out.kind = switch (type) {
            case TYPE_OFFER -> REPLY_FIRST;
            case TYPE_ACK -> REPLY_SECOND;
            default -> REPLY_OTHER;
        };
        return true;
    }
}

package dev.nestor.tools.perf;

import dev.nestor.wire.v4.Dhcp4Codec;
import dev.nestor.wire.v4.Dhcp4MessageType;
import dev.nestor.wire.v4.Dhcp4Option;
import dev.nestor.wire.v4.Dhcp4Packet;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * DHCPv4 DISCOVER and REQUEST as perfdhcp 2.2 sends them (relayed: giaddr = local address,
 * hops = 1; options 53, 55 = [1, 28, 2, 3, 15, 6, 12], 61 = 01 + MAC, REQUEST also 54 and 50),
 * built from two templates with patched xid, secs, chaddr, client-id, server-id and address.
 *
 * <p>The templates are built once with nestor-wire's {@link Dhcp4Codec}; each packet then only
 * patches fields in place. Replies are read by a small scanner that allocates nothing (the load
 * client needs three fields of each reply, at tens of thousands of replies a second).
 */
final class Dhcp4Messages implements ClientMessages {

    static final int OP_REQUEST = 1;
    static final int OP_REPLY = 2;
    static final int HEADER_LENGTH = Dhcp4Codec.HEADER_LENGTH;
    static final int MAGIC_COOKIE = Dhcp4Codec.MAGIC_COOKIE;
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

    private final int relayAddress;
    private final byte[] baseMac;
    private final List<PerfOptions.ExtraOption> extraOptions;
    private final ByteBuffer discover;
    private final ByteBuffer request;
    // where the patched fields' data start in the templates (-1 when an -o option replaced ours)
    private final int discoverClientIdMac;
    private final int requestClientIdMac;
    private final int requestAddress;
    private final int requestServerId;

    /**
     * @param relayAddress the local address written to giaddr (hops = 1), as an int
     * @param baseMac      the MAC of client 0
     * @param extraOptions {@code -o} options appended to both messages (one with a code the client
     *                     already sends replaces that option)
     */
    Dhcp4Messages(int relayAddress, byte[] baseMac, List<PerfOptions.ExtraOption> extraOptions) {
        this.relayAddress = relayAddress;
        this.baseMac = baseMac.clone();
        this.extraOptions = List.copyOf(extraOptions);
        byte[] clientId = new byte[7];
        clientId[0] = 1;
        System.arraycopy(baseMac, 0, clientId, 1, 6);
        Dhcp4Packet.Builder discoverPacket = template()
                .messageType(Dhcp4MessageType.DISCOVER)
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_PARAMETER_REQUEST_LIST, PARAMETER_REQUEST_LIST))
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_CLIENT_IDENTIFIER, clientId));
        Dhcp4Packet.Builder requestPacket = template()
                .messageType(Dhcp4MessageType.REQUEST)
                .option(Dhcp4Option.ofAddress(Dhcp4Packet.OPTION_REQUESTED_ADDRESS, 0))
                .option(Dhcp4Option.ofAddress(Dhcp4Packet.OPTION_SERVER_IDENTIFIER, 0))
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_PARAMETER_REQUEST_LIST, PARAMETER_REQUEST_LIST))
                .option(Dhcp4Option.of(Dhcp4Packet.OPTION_CLIENT_IDENTIFIER, clientId));
        for (PerfOptions.ExtraOption option : extraOptions) {
            discoverPacket.option(Dhcp4Option.of(option.code(), option.data()));
            requestPacket.option(Dhcp4Option.of(option.code(), option.data()));
        }
        this.discover = direct(Dhcp4Codec.encode(discoverPacket.build()));
        this.request = direct(Dhcp4Codec.encode(requestPacket.build()));
        this.discoverClientIdMac = ours(Dhcp4Packet.OPTION_CLIENT_IDENTIFIER)
                ? optionData(discover, Dhcp4Packet.OPTION_CLIENT_IDENTIFIER) + 1 : -1;
        this.requestClientIdMac = ours(Dhcp4Packet.OPTION_CLIENT_IDENTIFIER)
                ? optionData(request, Dhcp4Packet.OPTION_CLIENT_IDENTIFIER) + 1 : -1;
        this.requestAddress = ours(Dhcp4Packet.OPTION_REQUESTED_ADDRESS)
                ? optionData(request, Dhcp4Packet.OPTION_REQUESTED_ADDRESS) : -1;
        this.requestServerId = ours(Dhcp4Packet.OPTION_SERVER_IDENTIFIER)
                ? optionData(request, Dhcp4Packet.OPTION_SERVER_IDENTIFIER) : -1;
    }

    @Override
    public ClientMessages copy() {
        return new Dhcp4Messages(relayAddress, baseMac, extraOptions);
    }

    private Dhcp4Packet.Builder template() {
        return Dhcp4Packet.builder().op(Dhcp4Packet.OP_BOOTREQUEST).hardwareAddress(1, baseMac).hops(1)
                .giaddr(relayAddress);
    }

    private boolean ours(int code) {
        return extraOptions.stream().noneMatch(option -> option.code() == code);
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** Where option {@code code}'s data starts in an encoded packet, or -1. */
    static int optionData(ByteBuffer packet, int code) {
        int position = OFFSET_OPTIONS;
        while (position + 1 < packet.limit()) {
            int current = packet.get(position) & 0xff;
            if (current == 255) {
                return -1;
            }
            if (current == 0) {
                position++;
                continue;
            }
            if (current == code) {
                return position + 2;
            }
            position += 2 + (packet.get(position + 1) & 0xff);
        }
        return -1;
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
        if (discoverClientIdMac >= 0) {
            putMac(discover, discoverClientIdMac, baseMac, clientIndex);
        }
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
            if (requestClientIdMac >= 0) {
                request.put(requestClientIdMac + index, octet);
            }
        }
        if (requestServerId >= 0) {
            if (serverId != null) {
                request.put(requestServerId, serverId, 0, 4);
            } else {
                request.putInt(requestServerId, offer.getInt(fields.serverIdOffset));
            }
        }
        if (requestAddress >= 0) {
            request.putInt(requestAddress, (int) fields.addressLow);
        }
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

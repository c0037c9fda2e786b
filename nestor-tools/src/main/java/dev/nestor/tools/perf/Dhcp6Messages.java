package dev.nestor.tools.perf;

import dev.nestor.wire.v6.Dhcp6Codec;
import dev.nestor.wire.v6.Dhcp6Message;
import dev.nestor.wire.v6.Dhcp6MessageType;
import dev.nestor.wire.v6.Dhcp6Option;
import dev.nestor.wire.v6.Dhcp6Packet;
import dev.nestor.wire.v6.Dhcp6RelayMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DHCPv6 SOLICIT and REQUEST as perfdhcp 2.2 sends them (option order as captured from it):
 * SOLICIT = client-id (DUID; client k adds k byte-wise to its last 6 bytes), IA_NA (IAID 1,
 * T1 3600, T2 5400), ORO [23, 24], elapsed-time, rapid-commit with {@code -c}; REQUEST =
 * client-id, the ADVERTISE's server-id and IA_NA, elapsed-time, under a transaction id of its own.
 * With {@code -A 1} each message is wrapped in a RELAY-FORW (hop 0, link = peer = local address).
 *
 * <p>The SOLICIT template is encoded once by nestor-wire's {@link Dhcp6Codec} and patched per
 * packet; the REQUEST, which copies variable-length parts of the ADVERTISE, is written directly
 * into a reused buffer, and replies are read by a scanner that allocates nothing.
 */
final class Dhcp6Messages implements ClientMessages {

    static final int SOLICIT = 1;
    static final int ADVERTISE = 2;
    static final int REQUEST = 3;
    static final int REPLY = 7;
    static final int RELAY_FORW = 12;
    static final int RELAY_REPL = 13;

    static final int OPTION_CLIENT_ID = 1;
    static final int OPTION_SERVER_ID = 2;
    static final int OPTION_IA_NA = 3;
    static final int OPTION_IAADDR = 5;
    static final int OPTION_ORO = 6;
    static final int OPTION_ELAPSED_TIME = 8;
    static final int OPTION_RELAY_MESSAGE = 9;
    static final int OPTION_STATUS_CODE = 13;
    static final int OPTION_RAPID_COMMIT = 14;

    private static final int RELAY_HEADER = 34;
    private static final int MAXIMUM_MESSAGE = 1500;

    private final byte[] linkAddress;
    private final boolean relayed;
    private final byte[] duid;
    private final byte[] baseMac;
    private final boolean rapidCommit;
    private final List<PerfOptions.ExtraOption> extraOptions;
    private final ByteBuffer solicit;
    /** The DUID's last 6 bytes: client k's DUID ends with them plus k, byte-wise. */
    private final byte[] duidMac;
    private final int solicitStart;
    private final int duidMacOffset;
    private final int elapsedOffset;
    private final ByteBuffer request = ByteBuffer.allocateDirect(MAXIMUM_MESSAGE);

    /**
     * @param linkAddress the local IPv6 address (16 bytes), used as relay link and peer address
     * @param relayed     {@code -A 1}
     * @param duid        client 0's DUID
     * @param baseMac     the MAC written over the DUID's last 6 bytes for each client
     */
    Dhcp6Messages(byte[] linkAddress, boolean relayed, byte[] duid, byte[] baseMac, boolean rapidCommit,
                  List<PerfOptions.ExtraOption> extraOptions) {
        this.linkAddress = linkAddress.clone();
        this.relayed = relayed;
        this.duid = duid.clone();
        this.baseMac = baseMac.clone();
        this.rapidCommit = rapidCommit;
        this.extraOptions = List.copyOf(extraOptions);
        this.solicitStart = relayed ? RELAY_HEADER + 4 : 0;
        this.solicit = buildSolicit();
        this.duidMacOffset = solicitOption(solicit, solicitStart, OPTION_CLIENT_ID) + duid.length - 6;
        this.elapsedOffset = solicitOption(solicit, solicitStart, OPTION_ELAPSED_TIME);
        this.duidMac = duid.length >= 6 ? java.util.Arrays.copyOfRange(duid, duid.length - 6, duid.length) : baseMac.clone();
    }

    @Override
    public ClientMessages copy() {
        return new Dhcp6Messages(linkAddress, relayed, duid, baseMac, rapidCommit, extraOptions);
    }

    /** perfdhcp's default DUID: DUID-LLT, hardware type 1, time = seconds since 2000-01-01, the MAC. */
    static byte[] defaultDuid(byte[] mac, long epochSeconds) {
        ByteBuffer duid = ByteBuffer.allocate(14);
        duid.putShort((short) 1).putShort((short) 1).putInt((int) (epochSeconds - 946_684_800L)).put(mac);
        return duid.array();
    }

    /** The SOLICIT template, encoded by nestor-wire's {@link Dhcp6Codec}. */
    private ByteBuffer buildSolicit() {
        List<Dhcp6Option> options = new ArrayList<>();
        options.add(Dhcp6Option.of(OPTION_CLIENT_ID, duid));
        options.add(Dhcp6Option.of(OPTION_IA_NA, ByteBuffer.allocate(12).putInt(1).putInt(3600).putInt(5400).array()));
        options.add(Dhcp6Option.of(OPTION_ORO, new byte[]{0, 23, 0, 24}));
        options.add(Dhcp6Option.of(OPTION_ELAPSED_TIME, new byte[2]));
        if (rapidCommit) {
            options.add(Dhcp6Option.of(OPTION_RAPID_COMMIT, new byte[0]));
        }
        for (PerfOptions.ExtraOption option : extraOptions) {
            options.add(Dhcp6Option.of(option.code(), option.data()));
        }
        Dhcp6Message message = new Dhcp6Packet(Dhcp6MessageType.SOLICIT, 0, options);
        if (relayed) {
            // relay-msg first, as Kea and perfdhcp write it: the SOLICIT starts after the 34-byte header and 4 bytes
            message = Dhcp6RelayMessage.of(Dhcp6MessageType.RELAY_FORW, 0, linkAddress, linkAddress, List.of(), message);
        }
        byte[] encoded = Dhcp6Codec.encode(message);
        return ByteBuffer.allocateDirect(encoded.length).put(encoded).flip();
    }

    /** Where the data of the first option {@code code} of the SOLICIT starts, or -1. */
    private static int solicitOption(ByteBuffer packet, int messageStart, int code) {
        int position = messageStart + 4;
        while (position + 4 <= packet.limit()) {
            int current = packet.getShort(position) & 0xffff;
            if (current == code) {
                return position + 4;
            }
            position += 4 + (packet.getShort(position + 2) & 0xffff);
        }
        return -1;
    }

    private int startRelay(ByteBuffer packet) {
        if (!relayed) {
            return 0;
        }
        packet.put((byte) RELAY_FORW).put((byte) 0).put(linkAddress).put(linkAddress);
        packet.putShort((short) OPTION_RELAY_MESSAGE).putShort((short) 0);
        return packet.position();
    }

    private void finishRelay(ByteBuffer packet, int innerStart) {
        if (relayed) {
            packet.putShort(innerStart - 2, (short) (packet.position() - innerStart));
        }
    }

    private static void putOption(ByteBuffer packet, int code, byte[] data) {
        packet.putShort((short) code).putShort((short) data.length).put(data);
    }

    private void putExtras(ByteBuffer packet) {
        for (PerfOptions.ExtraOption option : extraOptions) {
            putOption(packet, option.code(), option.data());
        }
    }


    @Override
    public ByteBuffer first(int xid, int clientIndex, int secs) {
        solicit.put(solicitStart + 1, (byte) (xid >>> 16)).put(solicitStart + 2, (byte) (xid >>> 8))
                .put(solicitStart + 3, (byte) xid);
        if (duid.length >= 6) {
            Dhcp4Messages.putMac(solicit, duidMacOffset, duidMac, clientIndex);
        }
        solicit.putShort(elapsedOffset, (short) Math.min(0xffff, secs * 100));
        return solicit.position(0);
    }

    @Override
    public int secondXid(int firstXid) {
        // RFC 8415: every exchange has its own transaction id; flipping the top bit keeps it unique and reversible
        return firstXid ^ 0x800000;
    }

    @Override
    public ByteBuffer second(ByteBuffer advertise, ReplyFields fields, int secs, byte[] serverId) {
        if (serverId == null && fields.serverIdOffset < 0) {
            return null;
        }
        request.clear();
        int innerStart = startRelay(request);
        int xid = secondXid(fields.xid);
        request.put((byte) REQUEST).put((byte) (xid >>> 16)).put((byte) (xid >>> 8)).put((byte) xid);
        if (fields.clientIdOffset >= 0) {
            request.putShort((short) OPTION_CLIENT_ID).putShort((short) fields.clientIdLength)
                    .put(request.position(), advertise, fields.clientIdOffset, fields.clientIdLength);
            request.position(request.position() + fields.clientIdLength);
        } else {
            putOption(request, OPTION_CLIENT_ID, duid);
        }
        if (serverId != null) {
            putOption(request, OPTION_SERVER_ID, serverId);
        } else {
            request.putShort((short) OPTION_SERVER_ID).putShort((short) fields.serverIdLength)
                    .put(request.position(), advertise, fields.serverIdOffset, fields.serverIdLength);
            request.position(request.position() + fields.serverIdLength);
        }
        if (fields.iaOffset >= 0 && request.remaining() > fields.iaLength + 256) {
            request.put(request.position(), advertise, fields.iaOffset, fields.iaLength);
            request.position(request.position() + fields.iaLength);
        } else {
            request.putShort((short) OPTION_IA_NA).putShort((short) 12).putInt(1).putInt(3600).putInt(5400);
        }
        request.putShort((short) OPTION_ELAPSED_TIME).putShort((short) 2).putShort((short) Math.min(0xffff, secs * 100));
        putExtras(request);
        finishRelay(request, innerStart);
        return request.flip();
    }

    @Override
    public boolean parse(ByteBuffer datagram, ReplyFields out) {
        out.clear();
        int start = 0;
        int end = datagram.limit();
        if (end < 4) {
            return false;
        }
        if ((datagram.get(0) & 0xff) == RELAY_REPL) {
            int relayMessage = findOption(datagram, RELAY_HEADER, end, OPTION_RELAY_MESSAGE);
            if (relayMessage < 0) {
                return false;
            }
            start = relayMessage + 4;
            end = start + (datagram.getShort(relayMessage + 2) & 0xffff);
            if (end - start < 4) {
                return false;
            }
        }
        int type = datagram.get(start) & 0xff;
        out.xid = ((datagram.get(start + 1) & 0xff) << 16) | ((datagram.get(start + 2) & 0xff) << 8)
                | (datagram.get(start + 3) & 0xff);
        int position = start + 4;
        while (position + 4 <= end) {
            int code = datagram.getShort(position) & 0xffff;
            int length = datagram.getShort(position + 2) & 0xffff;
            int data = position + 4;
            if (data + length > end) {
                return false;
            }
            switch (code) {
                case OPTION_SERVER_ID -> {
                    out.serverIdOffset = data;
                    out.serverIdLength = length;
                }
                case OPTION_CLIENT_ID -> {
                    out.clientIdOffset = data;
                    out.clientIdLength = length;
                }
                case OPTION_IA_NA -> {
                    if (out.iaOffset < 0) {
                        out.iaOffset = position;
                        out.iaLength = length + 4;
                        readIa(datagram, data, data + length, out);
                    }
                }
                default -> {
                }
            }
            position = data + length;
        }
        if (position != end) {
            return false;
        }
        out.kind = switch (type) {
            case ADVERTISE -> REPLY_FIRST;
            case REPLY -> REPLY_SECOND;
            default -> REPLY_OTHER;
        };
        return true;
    }

    private static void readIa(ByteBuffer datagram, int start, int end, ReplyFields out) {
        int position = start + 12;
        boolean address = false;
        while (position + 4 <= end) {
            int code = datagram.getShort(position) & 0xffff;
            int length = datagram.getShort(position + 2) & 0xffff;
            int data = position + 4;
            if (data + length > end) {
                break;
            }
            if (code == OPTION_IAADDR && length >= 24 && !address) {
                out.addressHigh = datagram.getLong(data);
                out.addressLow = datagram.getLong(data + 8);
                out.hasAddress = true;
                address = true;
            } else if (code == OPTION_STATUS_CODE && length >= 2 && datagram.getShort(data) != 0) {
                out.rejected = true;
            }
            position = data + length;
        }
        if (!address) {
            out.rejected = true;
        }
    }

    private static int findOption(ByteBuffer datagram, int start, int end, int wanted) {
        int position = start;
        while (position + 4 <= end) {
            int code = datagram.getShort(position) & 0xffff;
            int length = datagram.getShort(position + 2) & 0xffff;
            if (position + 4 + length > end) {
                return -1;
            }
            if (code == wanted) {
                return position;
            }
            position += 4 + length;
        }
        return -1;
    }
}

package dev.nestor.server.dhcp4;

import java.util.Arrays;

/**
 * A received DHCPv4 request, read in place from its bytes: the fixed header by offset, options through a table
 * built in one pass. This is the engine's hot-path view of a packet: no object per option, no copy of the payload.
 *
 * <p>Strict per packet (Kea's rules): at least the 236-byte header plus the magic cookie, {@code op} BOOTREQUEST,
 * {@code hlen} at most 16, the cookie {@code 63 82 53 63}. Liberal per option: a truncated last option ends the
 * option area (as Kea does), options with the same code are concatenated (RFC 3396).
 */
public final class Query {
    public static final int HEADER_LENGTH = 236;
    private static final int COOKIE = 0x63825363;

    private final byte[] data;
    /** Codes present: bit {@code code & 63} of word {@code code >>> 6}. */
    private final long[] present = new long[4];
    /**
     * One entry per distinct code, in packet order: {@code code << 40 | length << 32 | payload offset}. A handful per
     * packet, so a scan beats a 256-slot table that every packet would allocate and clear.
     */
    private long[] entries = new long[16];
    private int count;
    /** Payloads of codes that appeared more than once, concatenated; null when none did. */
    private byte[][] joined;
    private final int messageType;

    private Query(byte[] data) throws MalformedPacketException {
        this.data = data;
        if (data.length < HEADER_LENGTH + 4) {
            throw new MalformedPacketException(data.length <= HEADER_LENGTH
                    ? "BOOTP packet without vendor information extensions"
                    : "truncated magic cookie (" + data.length + " bytes)");
        }
        if (data[0] != 1) {
            throw new MalformedPacketException("op " + (data[0] & 0xFF) + " is not BOOTREQUEST");
        }
        if ((data[2] & 0xFF) > 16) {
            throw new MalformedPacketException("hlen " + (data[2] & 0xFF) + " exceeds 16");
        }
        if (readInt(HEADER_LENGTH) != COOKIE) {
            throw new MalformedPacketException("Invalid or missing DHCP magic cookie");
        }
        int position = HEADER_LENGTH + 4;
        while (position < data.length) {
            int code = data[position] & 0xFF;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                position++;
                continue;
            }
            if (position + 1 >= data.length) {
                break;
            }
            int length = data[position + 1] & 0xFF;
            int payload = position + 2;
            if (payload + length > data.length) {
                break;
            }
            if (!has(code)) {
                present[code >>> 6] |= 1L << code;
                if (count == entries.length) {
                    entries = Arrays.copyOf(entries, count * 2);
                }
                entries[count++] = (long) code << 40 | (long) length << 32 | payload;
            } else {
                join(code, payload, length);
            }
            position = payload + length;
        }
        byte[] type = option(53);
        messageType = type != null && type.length == 1 ? type[0] & 0xFF : -1;
    }

    /**
     * Reads {@code data} (kept, not copied: the caller hands it over).
     *
     * @throws MalformedPacketException when the packet breaks a per-packet rule
     */
    public static Query parse(byte[] data) throws MalformedPacketException {
        return new Query(data);
    }

    private void join(int code, int payload, int length) {
        if (joined == null) {
            joined = new byte[256][];
        }
        long entry = entries[find(code)];
        byte[] previous = joined[code] != null ? joined[code]
                : Arrays.copyOfRange(data, offsetOf(entry), offsetOf(entry) + lengthOf(entry));
        byte[] combined = Arrays.copyOf(previous, previous.length + length);
        System.arraycopy(data, payload, combined, previous.length, length);
        joined[code] = combined;
    }

    /** The raw bytes (must not be modified). */
    public byte[] bytes() {
        return data;
    }

    /** Option 53 value, or -1 when absent or malformed. */
    public int messageType() {
        return messageType;
    }

    public int htype() {
        return data[1] & 0xFF;
    }

    public int hlen() {
        return data[2] & 0xFF;
    }

    public int hops() {
        return data[3] & 0xFF;
    }

    public int xid() {
        return readInt(4);
    }

    public int secs() {
        return ((data[8] & 0xFF) << 8) | (data[9] & 0xFF);
    }

    public int flags() {
        return ((data[10] & 0xFF) << 8) | (data[11] & 0xFF);
    }

    /** Whether the BOOTP broadcast flag is set. */
    public boolean broadcastFlag() {
        return (data[10] & 0x80) != 0;
    }

    public int ciaddr() {
        return readInt(12);
    }

    public int yiaddr() {
        return readInt(16);
    }

    public int siaddr() {
        return readInt(20);
    }

    public int giaddr() {
        return readInt(24);
    }

    /** A copy of the hlen bytes of chaddr. */
    public byte[] chaddr() {
        return Arrays.copyOfRange(data, 28, 28 + hlen());
    }

    /** Copies the 16-byte chaddr field into {@code destination} at {@code offset}. */
    void copyChaddrField(byte[] destination, int offset) {
        System.arraycopy(data, 28, destination, offset, 16);
    }

    /** Whether option {@code code} is present. */
    public boolean has(int code) {
        return (present[(code & 0xFF) >>> 6] & 1L << code) != 0;
    }

    /** Index in {@link #entries} of a code that is present. */
    private int find(int code) {
        for (int i = 0; i < count; i++) {
            if ((int) (entries[i] >>> 40) == code) {
                return i;
            }
        }
        throw new IllegalStateException("option " + code + " not indexed");
    }

    private static int offsetOf(long entry) {
        return (int) entry;
    }

    private static int lengthOf(long entry) {
        return (int) (entry >>> 32) & 0xFF;
    }

    /** Payload of option {@code code} (concatenated if split), a fresh copy; null when absent. */
    public byte[] option(int code) {
        if (!has(code)) {
            return null;
        }
        if (joined != null && joined[code] != null) {
            return joined[code].clone();
        }
        long entry = entries[find(code)];
        return Arrays.copyOfRange(data, offsetOf(entry), offsetOf(entry) + lengthOf(entry));
    }

    /** Length of option {@code code}'s payload, -1 when absent. */
    public int optionLength(int code) {
        if (!has(code)) {
            return -1;
        }
        if (joined != null && joined[code] != null) {
            return joined[code].length;
        }
        return lengthOf(entries[find(code)]);
    }

    /** Option {@code code} as an IPv4 address (exactly 4 bytes), 0 when absent or of another length. */
    public int addressOption(int code) {
        if (optionLength(code) != 4) {
            return 0;
        }
        if (joined != null && joined[code] != null) {
            byte[] b = joined[code];
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }
        return readInt(offsetOf(entries[find(code)]));
    }

    /** Option {@code code} as an unsigned 32-bit number (exactly 4 bytes), -1 when absent or malformed. */
    public long uint32Option(int code) {
        return optionLength(code) != 4 ? -1 : Integer.toUnsignedLong(addressOption(code));
    }

    /**
     * Sub-option {@code subCode} of option 82 (relay agent information), a copy; null when absent.
     */
    public byte[] relaySubOption(int subCode) {
        byte[] agent = option(82);
        if (agent == null) {
            return null;
        }
        int position = 0;
        while (position + 1 < agent.length) {
            int code = agent[position] & 0xFF;
            int length = agent[position + 1] & 0xFF;
            if (position + 2 + length > agent.length) {
                return null;
            }
            if (code == subCode) {
                return Arrays.copyOfRange(agent, position + 2, position + 2 + length);
            }
            position += 2 + length;
        }
        return null;
    }

    private int readInt(int offset) {
        return ((data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16) | ((data[offset + 2] & 0xFF) << 8)
                | (data[offset + 3] & 0xFF);
    }

    /** Kea's name of a message type: DHCPDISCOVER ... DHCPINFORM, or UNKNOWN. */
    public static String typeName(int type) {
        return switch (type) {
            case 1 -> "DHCPDISCOVER";
            case 2 -> "DHCPOFFER";
            case 3 -> "DHCPREQUEST";
            case 4 -> "DHCPDECLINE";
            case 5 -> "DHCPACK";
            case 6 -> "DHCPNAK";
            case 7 -> "DHCPRELEASE";
            case 8 -> "DHCPINFORM";
            default -> "UNKNOWN";
        };
    }
}

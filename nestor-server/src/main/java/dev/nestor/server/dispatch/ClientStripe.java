package dev.nestor.server.dispatch;

/**
 * The stripe key of a raw DHCPv4 packet: a hash of its client identifier (option 61) if present, else of its
 * hardware address, read straight from the bytes so the receive thread does not decode the packet. Packets of one
 * client therefore go to one worker (see {@link PacketDispatcher}). Malformed packets get some key; they are
 * rejected later by the decoder on the worker.
 */
public final class ClientStripe {
    private static final int CHADDR_OFFSET = 28;
    private static final int OPTIONS_OFFSET = 240;

    private ClientStripe() {
    }

    /** The stripe key of {@code packet}. */
    public static int of(byte[] packet) {
        int length = packet.length;
        int position = OPTIONS_OFFSET;
        while (position < length) {
            int code = packet[position] & 0xFF;
            if (code == 255) {
                break;
            }
            if (code == 0) {
                position++;
                continue;
            }
            if (position + 1 >= length) {
                break;
            }
            int optionLength = packet[position + 1] & 0xFF;
            if (code == 61 && position + 2 + optionLength <= length) {
                return hash(packet, position + 2, optionLength, 61);
            }
            position += 2 + optionLength;
        }
        if (length < CHADDR_OFFSET + 16) {
            return length;
        }
        int hardwareLength = Math.min(packet[2] & 0xFF, 16);
        return hash(packet, CHADDR_OFFSET, hardwareLength, 1);
    }

    /**
     * Whether the packet is one the engine answers without writing leases (DISCOVER, INFORM: option 53 = 1 or 8),
     * read from the raw bytes. Such packets may be handled outside the client's stripe: they cannot make two
     * in-flight packets of one client take two addresses.
     */
    public static boolean readOnly(byte[] packet) {
        int length = packet.length;
        int position = OPTIONS_OFFSET;
        while (position + 2 < length) {
            int code = packet[position] & 0xFF;
            if (code == 255) {
                return false;
            }
            if (code == 0) {
                position++;
                continue;
            }
            int optionLength = packet[position + 1] & 0xFF;
            if (code == 53) {
                int type = optionLength == 1 ? packet[position + 2] : 0;
                return type == 1 || type == 8;
            }
            position += 2 + optionLength;
        }
        return false;
    }

    private static int hash(byte[] data, int from, int count, int seed) {
        int h = seed;
        for (int i = from; i < from + count; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }
}

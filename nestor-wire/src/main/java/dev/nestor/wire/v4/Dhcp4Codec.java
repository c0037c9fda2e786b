package dev.nestor.wire.v4;

import dev.nestor.wire.DecodeNote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to {@link Dhcp4Packet} and back. Stateless and thread-safe; no exceptions escape {@link #decode} for any
 * input. Decoding follows Kea's rules: a 236-byte header, the magic cookie, options with PAD/END, option 52
 * overload into file (value 1 or 3) then sname (2 or 3), and RFC 3396 concatenation of repeated codes across all
 * areas. Encoding writes options in list order, then END and {@link Dhcp4Packet#padding()} zero bytes; it never
 * overloads. Like Kea 2.2 (seen in captured OFFERs), a payload longer than 253 bytes is split into consecutive
 * instances of at most {@value #MAX_PIECE} bytes each.
 */
public final class Dhcp4Codec {
    /** Length of the fixed BOOTP header (up to and including file). */
    public static final int HEADER_LENGTH = 236;
    /** The DHCP magic cookie 99.130.83.99. */
    public static final int MAGIC_COOKIE = 0x63825363;
    /** Largest UDP payload over IPv4. */
    public static final int MAX_LENGTH = 65507;

    /** Largest payload per option instance when Kea splits a long option (253, so header + data fit in 255). */
    public static final int MAX_PIECE = 253;

    private static final int SNAME_OFFSET = 44;
    private static final int FILE_OFFSET = 108;
    private static final int OPTIONS_OFFSET = 240;

    private Dhcp4Codec() {
    }

    /** Decodes a whole array. */
    public static Dhcp4DecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code buffer[offset, offset+length)}. The buffer is not kept. */
    public static Dhcp4DecodeResult decode(byte[] buffer, int offset, int length) {
        if (length < HEADER_LENGTH) {
            return new Dhcp4DecodeResult.Rejected(Dhcp4RejectReason.TRUNCATED_HEADER, "length " + length);
        }
        if (length > MAX_LENGTH) {
            return new Dhcp4DecodeResult.Rejected(Dhcp4RejectReason.TOO_LARGE, "length " + length);
        }
        if (length == HEADER_LENGTH) {
            return new Dhcp4DecodeResult.Rejected(Dhcp4RejectReason.NO_VENDOR_EXTENSIONS, "length " + length);
        }
        if (length < OPTIONS_OFFSET) {
            return new Dhcp4DecodeResult.Rejected(Dhcp4RejectReason.TRUNCATED_MAGIC_COOKIE, "length " + length);
        }
        int cookie = readInt(buffer, offset + HEADER_LENGTH);
        if (cookie != MAGIC_COOKIE) {
            return new Dhcp4DecodeResult.Rejected(Dhcp4RejectReason.BAD_MAGIC_COOKIE,
                    "cookie 0x" + Integer.toHexString(cookie));
        }
        Scan scan = new Scan(buffer, offset);
        int end = offset + length;
        int endAt = scan.area(offset + OPTIONS_OFFSET, end, true);
        int padding = 0;
        if (endAt == -1) {
            scan.note(DecodeNote.Kind.MISSING_END, -1, length);
        } else if (endAt >= 0) {
            padding = end - endAt - 1;
            for (int i = endAt + 1; i < end; i++) {
                if (buffer[i] != 0) {
                    scan.note(DecodeNote.Kind.DATA_AFTER_END, -1, i - offset);
                    break;
                }
            }
        }
        byte[] sname = Arrays.copyOfRange(buffer, offset + SNAME_OFFSET, offset + SNAME_OFFSET + 64);
        byte[] file = Arrays.copyOfRange(buffer, offset + FILE_OFFSET, offset + FILE_OFFSET + 128);
        int overload = scan.overloadValue();
        if (overload > 0) {
            // RFC 2131 4.1: file is read before sname; the fields held options, so they carry no names.
            // Overload is read once from the main area only, so it cannot loop.
            scan.dropOverload = true;
            if ((overload & 1) != 0) {
                scan.area(offset + FILE_OFFSET, offset + FILE_OFFSET + 128, false);
                Arrays.fill(file, (byte) 0);
            }
            if ((overload & 2) != 0) {
                scan.area(offset + SNAME_OFFSET, offset + SNAME_OFFSET + 64, false);
                Arrays.fill(sname, (byte) 0);
            }
        } else if (overload < -1) {
            scan.note(DecodeNote.Kind.BAD_OVERLOAD, Dhcp4Packet.OPTION_OVERLOAD, -1);
        }
        int hlen = buffer[offset + 2] & 0xff;
        if (hlen > 16) {
            scan.note(DecodeNote.Kind.HARDWARE_LENGTH_TOO_LARGE, -1, 2);
        }
        Dhcp4Packet packet = new Dhcp4Packet(
                buffer[offset] & 0xff, buffer[offset + 1] & 0xff, hlen, buffer[offset + 3] & 0xff,
                readInt(buffer, offset + 4), readShort(buffer, offset + 8), readShort(buffer, offset + 10),
                readInt(buffer, offset + 12), readInt(buffer, offset + 16), readInt(buffer, offset + 20),
                readInt(buffer, offset + 24), Arrays.copyOfRange(buffer, offset + 28, offset + 44), sname, file,
                scan.options(), padding);
        return new Dhcp4DecodeResult.Decoded(packet, scan.notes == null ? List.of() : scan.notes);
    }

    /** Collects option instances (code, start, length) from the areas, then merges repeated codes. */
    private static final class Scan {
        private final byte[] buffer;
        private final int base;
        private int[] entries = new int[60];
        private int count;
        private List<DecodeNote> notes;
        private boolean dropOverload;
        private boolean inOverloadArea;

        Scan(byte[] buffer, int base) {
            this.buffer = buffer;
            this.base = base;
        }

        void note(DecodeNote.Kind kind, int code, int offset) {
            if (notes == null) {
                notes = new ArrayList<>(2);
            }
            notes.add(new DecodeNote(kind, code, offset));
        }

        /** Reads options in [from, to); returns the END position, -1 when the area ended without END, -2 when truncated. */
        int area(int from, int to, boolean main) {
            inOverloadArea = !main;
            int position = from;
            while (position < to) {
                int code = buffer[position] & 0xff;
                if (code == 0) {
                    position++;
                    continue;
                }
                if (code == 255) {
                    return position;
                }
                if (position + 2 > to || position + 2 + (buffer[position + 1] & 0xff) > to) {
                    note(DecodeNote.Kind.TRUNCATED_OPTION, code, position - base);
                    return -2;
                }
                int length = buffer[position + 1] & 0xff;
                if (code == Dhcp4Packet.OPTION_OVERLOAD && inOverloadArea) {
                    note(DecodeNote.Kind.NESTED_OVERLOAD, code, position - base);
                } else {
                    add(code, position + 2, length);
                }
                position += 2 + length;
            }
            return -1;
        }

        private void add(int code, int start, int length) {
            if (count * 3 + 3 > entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[count * 3] = code;
            entries[count * 3 + 1] = start;
            entries[count * 3 + 2] = length;
            count++;
        }

        /** 1..3 for a valid option 52, -1 when absent, -2 when malformed. */
        int overloadValue() {
            int total = 0;
            int value = -1;
            for (int i = 0; i < count; i++) {
                if (entries[i * 3] == Dhcp4Packet.OPTION_OVERLOAD) {
                    total += entries[i * 3 + 2];
                    if (entries[i * 3 + 2] > 0) {
                        value = buffer[entries[i * 3 + 1]] & 0xff;
                    }
                }
            }
            if (value == -1 && total == 0) {
                for (int i = 0; i < count; i++) {
                    if (entries[i * 3] == Dhcp4Packet.OPTION_OVERLOAD) {
                        return -2;
                    }
                }
                return -1;
            }
            return total == 1 && value >= 1 && value <= 3 ? value : -2;
        }

        List<Dhcp4Option> options() {
            if (count == 0) {
                return List.of();
            }
            // common case: every code appears once, so no grouping tables are needed
            long seen0 = 0;
            long seen1 = 0;
            long seen2 = 0;
            long seen3 = 0;
            boolean repeated = false;
            for (int i = 0; i < count && !repeated; i++) {
                int code = entries[i * 3];
                long bit = 1L << (code & 63);
                switch (code >>> 6) {
                    case 0 -> { repeated = (seen0 & bit) != 0; seen0 |= bit; }
                    case 1 -> { repeated = (seen1 & bit) != 0; seen1 |= bit; }
                    case 2 -> { repeated = (seen2 & bit) != 0; seen2 |= bit; }
                    default -> { repeated = (seen3 & bit) != 0; seen3 |= bit; }
                }
            }
            if (!repeated) {
                Dhcp4Option[] result = new Dhcp4Option[count];
                int kept = 0;
                for (int i = 0; i < count; i++) {
                    int code = entries[i * 3];
                    if (dropOverload && code == Dhcp4Packet.OPTION_OVERLOAD) {
                        continue;
                    }
                    int start = entries[i * 3 + 1];
                    result[kept++] = Dhcp4Option.wrap(code, Arrays.copyOfRange(buffer, start, start + entries[i * 3 + 2]));
                }
                return List.of(kept == count ? result : Arrays.copyOf(result, kept));
            }
            // total length per code, and the order in which codes first appear
            int[] totals = new int[256];
            int[] seen = new int[256];
            int distinct = 0;
            int[] order = new int[Math.min(count, 254)];
            for (int i = 0; i < count; i++) {
                int code = entries[i * 3];
                if (seen[code] == 0) {
                    order[distinct++] = code;
                }
                seen[code]++;
                totals[code] += entries[i * 3 + 2];
            }
            Dhcp4Option[] result = new Dhcp4Option[distinct];
            int kept = 0;
            for (int d = 0; d < distinct; d++) {
                int code = order[d];
                if (dropOverload && code == Dhcp4Packet.OPTION_OVERLOAD) {
                    continue;
                }
                byte[] data = new byte[totals[code]];
                if (seen[code] == 1) {
                    for (int i = 0; i < count; i++) {
                        if (entries[i * 3] == code) {
                            System.arraycopy(buffer, entries[i * 3 + 1], data, 0, entries[i * 3 + 2]);
                            break;
                        }
                    }
                } else {
                    int filled = 0;
                    for (int i = 0; i < count; i++) {
                        if (entries[i * 3] == code) {
                            System.arraycopy(buffer, entries[i * 3 + 1], data, filled, entries[i * 3 + 2]);
                            filled += entries[i * 3 + 2];
                        }
                    }
                }
                result[kept++] = Dhcp4Option.wrap(code, data);
            }
            return List.of(kept == result.length ? result : Arrays.copyOf(result, kept));
        }
    }

    /** Exact number of bytes {@link #encode(Dhcp4Packet)} produces. */
    public static int encodedLength(Dhcp4Packet packet) {
        int size = OPTIONS_OFFSET + 1 + packet.padding();
        List<Dhcp4Option> options = packet.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            int length = options.get(i).length();
            int pieces = length == 0 ? 1 : (length + MAX_PIECE - 1) / MAX_PIECE;
            size += pieces * 2 + length;
        }
        return size;
    }

    /** Encodes into a new array of exactly {@link #encodedLength(Dhcp4Packet)} bytes. */
    public static byte[] encode(Dhcp4Packet packet) {
        byte[] out = new byte[encodedLength(packet)];
        encode(packet, out, 0);
        return out;
    }

    /**
     * Encodes into {@code target} at {@code offset} (which must have {@link #encodedLength} bytes of room) and
     * returns the number of bytes written.
     */
    public static int encode(Dhcp4Packet packet, byte[] target, int offset) {
        target[offset] = (byte) packet.op();
        target[offset + 1] = (byte) packet.htype();
        target[offset + 2] = (byte) packet.hlen();
        target[offset + 3] = (byte) packet.hops();
        writeInt(target, offset + 4, packet.xid());
        writeShort(target, offset + 8, packet.secs());
        writeShort(target, offset + 10, packet.flags());
        writeInt(target, offset + 12, packet.ciaddr());
        writeInt(target, offset + 16, packet.yiaddr());
        writeInt(target, offset + 20, packet.siaddr());
        writeInt(target, offset + 24, packet.giaddr());
        packet.copyHeaderArrays(target, offset);
        writeInt(target, offset + HEADER_LENGTH, MAGIC_COOKIE);
        int position = offset + OPTIONS_OFFSET;
        List<Dhcp4Option> options = packet.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            Dhcp4Option option = options.get(i);
            byte[] data = option.payload();
            int written = 0;
            do {
                int piece = Math.min(MAX_PIECE, data.length - written);
                target[position] = (byte) option.code();
                target[position + 1] = (byte) piece;
                System.arraycopy(data, written, target, position + 2, piece);
                position += 2 + piece;
                written += piece;
            } while (written < data.length);
        }
        target[position++] = (byte) 255;
        Arrays.fill(target, position, position + packet.padding(), (byte) 0);
        position += packet.padding();
        return position - offset;
    }

    static int readInt(byte[] buffer, int offset) {
        return ((buffer[offset] & 0xff) << 24) | ((buffer[offset + 1] & 0xff) << 16) | ((buffer[offset + 2] & 0xff) << 8)
                | (buffer[offset + 3] & 0xff);
    }

    static int readShort(byte[] buffer, int offset) {
        return ((buffer[offset] & 0xff) << 8) | (buffer[offset + 1] & 0xff);
    }

    static void writeInt(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 24);
        target[offset + 1] = (byte) (value >>> 16);
        target[offset + 2] = (byte) (value >>> 8);
        target[offset + 3] = (byte) value;
    }

    static void writeShort(byte[] target, int offset, int value) {
        target[offset] = (byte) (value >>> 8);
        target[offset + 1] = (byte) value;
    }
}

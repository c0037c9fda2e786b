package dev.nestor.server.dhcp4;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes one DHCPv4 reply into a reusable buffer (one builder per worker thread): the fixed header, then option 53,
 * the other options in ascending code order, option 82 last and END, as Kea orders them (dhcp4-behaviour.md §6).
 * Options longer than 255 bytes are split into several instances of the same code (RFC 3396). No padding to 300
 * bytes. Not thread-safe.
 */
public final class ResponseBuilder {
    private byte[] buffer = new byte[1024];
    private final byte[][] options = new byte[256][];
    private final byte[][] intPayloads = new byte[256][];
    /** Codes added: bit {@code code & 63} of word {@code code >>> 6}; finish walks the set bits only. */
    private final long[] present = new long[4];
    private int length;

    /** Starts a reply to {@code query}: op 2, fields copied per Kea, everything else zero. */
    public ResponseBuilder start(Query query, int messageType) {
        for (int word = 0; word < present.length; word++) {
            for (long bits = present[word]; bits != 0; bits &= bits - 1) {
                options[word << 6 | Long.numberOfTrailingZeros(bits)] = null;
            }
            present[word] = 0;
        }
        Arrays.fill(buffer, 0, Query.HEADER_LENGTH + 4, (byte) 0);
        byte[] request = query.bytes();
        buffer[0] = 2;
        buffer[1] = request[1];
        buffer[2] = request[2];
        buffer[3] = request[3];
        System.arraycopy(request, 4, buffer, 4, 4);
        // secs stays 0; flags and giaddr copied
        buffer[10] = request[10];
        buffer[11] = request[11];
        System.arraycopy(request, 24, buffer, 24, 4);
        query.copyChaddrField(buffer, 28);
        buffer[236] = 0x63;
        buffer[237] = (byte) 0x82;
        buffer[238] = 0x53;
        buffer[239] = 0x63;
        option(53, new byte[]{(byte) messageType});
        return this;
    }

    public ResponseBuilder ciaddr(int address) {
        writeInt(12, address);
        return this;
    }

    public ResponseBuilder yiaddr(int address) {
        writeInt(16, address);
        return this;
    }

    public ResponseBuilder siaddr(int address) {
        writeInt(20, address);
        return this;
    }

    public ResponseBuilder giaddr(int address) {
        writeInt(24, address);
        return this;
    }

    public ResponseBuilder hops(int hops) {
        buffer[3] = (byte) hops;
        return this;
    }

    /** Sets the BOOTP broadcast flag. */
    public ResponseBuilder broadcastFlag() {
        buffer[10] |= (byte) 0x80;
        return this;
    }

    /** Writes {@code sname} (at most 64 bytes; the rest zero). */
    public ResponseBuilder serverHostname(byte[] name) {
        Arrays.fill(buffer, 44, 108, (byte) 0);
        System.arraycopy(name, 0, buffer, 44, Math.min(name.length, 63));
        return this;
    }

    /** Writes {@code file} (at most 128 bytes; the rest zero). */
    public ResponseBuilder bootFileName(byte[] name) {
        Arrays.fill(buffer, 108, 236, (byte) 0);
        System.arraycopy(name, 0, buffer, 108, Math.min(name.length, 127));
        return this;
    }

    /** Adds option {@code code} unless it is already present (first value wins). The payload is not copied. */
    public ResponseBuilder option(int code, byte[] payload) {
        if (!has(code)) {
            present[code >>> 6] |= 1L << code;
            options[code] = payload;
        }
        return this;
    }

    /** Replaces option {@code code}'s payload. */
    public ResponseBuilder replaceOption(int code, byte[] payload) {
        present[code >>> 6] |= 1L << code;
        options[code] = payload;
        return this;
    }

    /** Removes option {@code code}. */
    public ResponseBuilder removeOption(int code) {
        present[code >>> 6] &= ~(1L << code);
        options[code] = null;
        return this;
    }

    /** Whether option {@code code} was added. */
    public boolean has(int code) {
        return (present[code >>> 6] & 1L << code) != 0;
    }

    /** Adds a 4-byte option. */
    public ResponseBuilder intOption(int code, int value) {
        if (has(code)) {
            return this;
        }
        // a per-code array of this builder, reused by the next reply: finish copies payloads into the buffer
        byte[] payload = intPayloads[code];
        if (payload == null) {
            payload = new byte[4];
            intPayloads[code] = payload;
        }
        payload[0] = (byte) (value >>> 24);
        payload[1] = (byte) (value >>> 16);
        payload[2] = (byte) (value >>> 8);
        payload[3] = (byte) value;
        return option(code, payload);
    }

    /** Lays out the options and returns the reply bytes (a view of the internal buffer, valid until next start). */
    public ByteBuffer finish() {
        int position = Query.HEADER_LENGTH + 4;
        position = put(53, position);
        for (int word = 0; word < present.length; word++) {
            for (long bits = present[word]; bits != 0; bits &= bits - 1) {
                int code = word << 6 | Long.numberOfTrailingZeros(bits);
                if (code != 0 && code != 53 && code != 82 && code != 255) {
                    position = put(code, position);
                }
            }
        }
        if (has(82)) {
            position = put(82, position);
        }
        ensure(position + 1);
        buffer[position++] = (byte) 255;
        length = position;
        return ByteBuffer.wrap(buffer, 0, length);
    }

    /** Length of the last finished reply. */
    public int length() {
        return length;
    }

    private int put(int code, int position) {
        byte[] payload = options[code];
        int offset = 0;
        do {
            int chunk = Math.min(255, payload.length - offset);
            ensure(position + 2 + chunk);
            buffer[position] = (byte) code;
            buffer[position + 1] = (byte) chunk;
            System.arraycopy(payload, offset, buffer, position + 2, chunk);
            position += 2 + chunk;
            offset += chunk;
        } while (offset < payload.length);
        return position;
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, buffer.length * 2));
        }
    }

    private void writeInt(int offset, int value) {
        buffer[offset] = (byte) (value >>> 24);
        buffer[offset + 1] = (byte) (value >>> 16);
        buffer[offset + 2] = (byte) (value >>> 8);
        buffer[offset + 3] = (byte) value;
    }
}

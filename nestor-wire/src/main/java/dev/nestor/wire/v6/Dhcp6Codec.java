package dev.nestor.wire.v6;

import dev.nestor.wire.DecodeNote;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes to {@link Dhcp6Message} and back. Stateless, thread-safe, no exceptions out of {@link #decode} for any
 * input. Relay messages are unwrapped recursively up to {@value #MAX_RELAY_DEPTH} levels (Kea's hop-count limit);
 * a truncated trailing option is skipped and noted. Encoding writes options in list order, so a decoded message
 * re-encodes to the same bytes.
 */
public final class Dhcp6Codec {
    /** Most relay levels accepted (RFC 8415 HOP_COUNT_LIMIT). */
    public static final int MAX_RELAY_DEPTH = 32;
    /** Largest UDP payload over IPv6 without jumbograms. */
    public static final int MAX_LENGTH = 65527;
    private static final int RELAY_HEADER = 34;

    private Dhcp6Codec() {
    }

    /** Decodes a whole array. */
    public static Dhcp6DecodeResult decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /** Decodes {@code buffer[offset, offset+length)}. */
    public static Dhcp6DecodeResult decode(byte[] buffer, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new Dhcp6DecodeResult.Rejected(Dhcp6RejectReason.TOO_LARGE, "length " + length);
        }
        List<DecodeNote> notes = new ArrayList<>(0);
        Object result = decodeMessage(buffer, offset, offset + length, 0, notes, offset);
        if (result instanceof Dhcp6DecodeResult.Rejected rejected) {
            return rejected;
        }
        return new Dhcp6DecodeResult.Decoded((Dhcp6Message) result, notes);
    }

    /** Returns a Dhcp6Message or a Rejected. */
    private static Object decodeMessage(byte[] buffer, int from, int to, int depth, List<DecodeNote> notes, int base) {
        int length = to - from;
        if (length < 4) {
            return new Dhcp6DecodeResult.Rejected(Dhcp6RejectReason.TRUNCATED_HEADER,
                    "length " + length + " at depth " + depth);
        }
        Dhcp6MessageType type = Dhcp6MessageType.of(buffer[from] & 0xff);
        if (!type.isRelay()) {
            List<Dhcp6Option> options = new ArrayList<>(8);
            parseOptions(buffer, from + 4, to, options, notes == null ? null : new NoteSink(notes, base));
            int transactionId = ((buffer[from + 1] & 0xff) << 16) | ((buffer[from + 2] & 0xff) << 8)
                    | (buffer[from + 3] & 0xff);
            return new Dhcp6Packet(type, transactionId, options);
        }
        if (depth >= MAX_RELAY_DEPTH) {
            return new Dhcp6DecodeResult.Rejected(Dhcp6RejectReason.RELAY_TOO_DEEP, "depth " + depth);
        }
        if (length < RELAY_HEADER) {
            return new Dhcp6DecodeResult.Rejected(Dhcp6RejectReason.TRUNCATED_RELAY_HEADER,
                    "length " + length + " at depth " + depth);
        }
        List<Dhcp6Option> options = new ArrayList<>(4);
        parseOptions(buffer, from + RELAY_HEADER, to, options, new NoteSink(notes, base));
        Dhcp6Option relayMessage = null;
        for (Dhcp6Option option : options) {
            if (option.code() == Dhcp6Option.RELAY_MSG) {
                relayMessage = option;
                break;
            }
        }
        if (relayMessage == null) {
            return new Dhcp6DecodeResult.Rejected(Dhcp6RejectReason.RELAY_WITHOUT_MESSAGE, "depth " + depth);
        }
        byte[] inner = relayMessage.payload();
        Object innerResult = decodeMessage(inner, 0, inner.length, depth + 1, notes, -1);
        if (innerResult instanceof Dhcp6DecodeResult.Rejected) {
            return innerResult;
        }
        return new Dhcp6RelayMessage(type, buffer[from + 1] & 0xff,
                Arrays.copyOfRange(buffer, from + 2, from + 18), Arrays.copyOfRange(buffer, from + 18, from + 34),
                options, (Dhcp6Message) innerResult);
    }

    /** Where option-level notes go; offsets are only meaningful at the outer level (base >= 0). */
    record NoteSink(List<DecodeNote> notes, int base) {
        void truncated(int code, int position) {
            notes.add(new DecodeNote(DecodeNote.Kind.TRUNCATED_OPTION, code, base >= 0 ? position - base : -1));
        }
    }

    /** Parses options in [from, to) into {@code out}; a truncated trailing option ends the area. */
    static void parseOptions(byte[] buffer, int from, int to, List<Dhcp6Option> out, NoteSink sink) {
        int position = from;
        while (position < to) {
            if (position + 4 > to) {
                if (sink != null) {
                    sink.truncated(-1, position);
                }
                return;
            }
            int code = ((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff);
            int length = ((buffer[position + 2] & 0xff) << 8) | (buffer[position + 3] & 0xff);
            if (position + 4 + length > to) {
                if (sink != null) {
                    sink.truncated(code, position);
                }
                return;
            }
            out.add(Dhcp6Option.wrap(code, Arrays.copyOfRange(buffer, position + 4, position + 4 + length)));
            position += 4 + length;
        }
    }

    /** Exact encoded size of {@code message}. */
    public static int encodedLength(Dhcp6Message message) {
        int size = message instanceof Dhcp6RelayMessage ? RELAY_HEADER : 4;
        for (Dhcp6Option option : message.options()) {
            size += option.encodedLength();
        }
        return size;
    }

    /** Encodes {@code message} (a relay message's relay-msg option already holds the inner message's bytes). */
    public static byte[] encode(Dhcp6Message message) {
        byte[] out = new byte[encodedLength(message)];
        int position;
        switch (message) {
            case Dhcp6Packet packet -> {
                out[0] = (byte) packet.messageType().code();
                out[1] = (byte) (packet.transactionId() >>> 16);
                out[2] = (byte) (packet.transactionId() >>> 8);
                out[3] = (byte) packet.transactionId();
                position = 4;
            }
            case Dhcp6RelayMessage relay -> {
                out[0] = (byte) relay.messageType().code();
                out[1] = (byte) relay.hopCount();
                System.arraycopy(relay.linkAddress(), 0, out, 2, 16);
                System.arraycopy(relay.peerAddress(), 0, out, 18, 16);
                position = RELAY_HEADER;
            }
        }
        for (Dhcp6Option option : message.options()) {
            position = option.writeTo(out, position);
        }
        return out;
    }
}

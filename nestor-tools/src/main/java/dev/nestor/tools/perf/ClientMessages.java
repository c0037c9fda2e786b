package dev.nestor.tools.perf;

import java.nio.ByteBuffer;

/**
 * Builds the two client messages of an exchange (DISCOVER/REQUEST or SOLICIT/REQUEST) from
 * pre-built templates by patching a few fields, and reads the fields of server replies that the
 * load client needs, without allocating per packet.
 *
 * <p>Not thread-safe: one instance per sending thread ({@link #copy()} gives another).
 */
sealed interface ClientMessages permits Dhcp4Messages, Dhcp6Messages {

    /** Reply kinds the client tells apart. */
    int REPLY_FIRST = 1;
    int REPLY_SECOND = 2;
    int REPLY_OTHER = 3;

    /**
     * The first message of exchange {@code xid} for client {@code clientIndex}, with the
     * elapsed time {@code secs} (seconds); ready to send (position 0, limit = length). The buffer
     * is reused by the next call.
     */
    ByteBuffer first(int xid, int clientIndex, int secs);

    /**
     * Reads a received datagram. Returns false when it is too short or not a server reply of this
     * protocol (a malformed packet).
     */
    boolean parse(ByteBuffer datagram, ReplyFields out);

    /**
     * The second message answering the first reply {@code datagram} (already parsed into
     * {@code fields}), with elapsed time {@code secs}; null when the reply lacks what the
     * request needs (server identifier). {@code serverId} overrides the reply's when not null
     * ({@code -1}).
     */
    ByteBuffer second(ByteBuffer datagram, ReplyFields fields, int secs, byte[] serverId);

    /** The transaction id of the second message that answers first reply {@code firstXid}; its own inverse. */
    default int secondXid(int firstXid) {
        return firstXid;
    }

    /** A new instance with the same settings, for another thread. */
    ClientMessages copy();

    /** The fields of one reply; reused from packet to packet by one thread. */
    final class ReplyFields {
        /** {@link #REPLY_FIRST}, {@link #REPLY_SECOND} or {@link #REPLY_OTHER}. */
        int kind;
        /** Transaction id (v6: 24 bits). */
        int xid;
        /** The leased/offered address: v4 in {@code addressLow}; v6 both halves; {@code hasAddress} when present. */
        long addressHigh;
        long addressLow;
        boolean hasAddress;
        /** v6: an IA came back with an error status or without an address. */
        boolean rejected;
        /** Where the server identifier's data starts and its length in the datagram, or -1. */
        int serverIdOffset;
        int serverIdLength;
        /** Where the client identifier's data starts and its length in the datagram, or -1. */
        int clientIdOffset;
        int clientIdLength;
        /** v6: where the IA_NA option (header included) starts and its total length, or -1. */
        int iaOffset;
        int iaLength;

        void clear() {
            kind = REPLY_OTHER;
            xid = 0;
            addressHigh = 0;
            addressLow = 0;
            hasAddress = false;
            rejected = false;
            serverIdOffset = -1;
            serverIdLength = 0;
            clientIdOffset = -1;
            clientIdLength = 0;
            iaOffset = -1;
            iaLength = 0;
        }
    }
}

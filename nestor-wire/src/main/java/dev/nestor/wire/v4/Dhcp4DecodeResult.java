package dev.nestor.wire.v4;

import dev.nestor.wire.DecodeNote;
import java.util.List;

/** The outcome of decoding one DHCPv4 datagram: a packet (perhaps with notes), or a rejection with its reason. */
public sealed interface Dhcp4DecodeResult {

    /** A usable packet; {@code notes} lists what was skipped or repaired (usually empty). */
    record Decoded(Dhcp4Packet packet, List<DecodeNote> notes) implements Dhcp4DecodeResult {
        public Decoded {
            notes = List.copyOf(notes);
        }
    }

    /** Not a usable packet. {@code detail} adds numbers (lengths, offsets) to the reason. */
    record Rejected(Dhcp4RejectReason reason, String detail) implements Dhcp4DecodeResult {
    }
}

package dev.nestor.wire.v6;

import dev.nestor.wire.DecodeNote;
import java.util.List;

/** The outcome of decoding one DHCPv6 datagram: a message (perhaps with notes), or a rejection with its reason. */
public sealed interface Dhcp6DecodeResult {

    /** A usable message; {@code notes} lists what was skipped (usually empty). */
    record Decoded(Dhcp6Message message, List<DecodeNote> notes) implements Dhcp6DecodeResult {
        public Decoded {
            notes = List.copyOf(notes);
        }
    }

    /** Not a usable message. */
    record Rejected(Dhcp6RejectReason reason, String detail) implements Dhcp6DecodeResult {
    }
}

package dev.nestor.wire;

/**
 * Something a decoder skipped or repaired in an otherwise usable packet (habit: liberal per option, strict per
 * packet). Notes are for logs and counters; the decoded packet is still well-formed.
 *
 * @param kind   what happened
 * @param code   the option code concerned, or -1
 * @param offset byte offset in the input where it happened, or -1
 */
public record DecodeNote(Kind kind, int code, int offset) {

    /** What a decoder skipped or repaired. */
    public enum Kind {
        /** An option's length runs past the end of its area; it and the rest of the area were ignored. */
        TRUNCATED_OPTION,
        /** DHCPv4: no END option; the options area simply ended. */
        MISSING_END,
        /** DHCPv4: option 52 has a length other than 1 or a value other than 1, 2, 3; sname/file were not read. */
        BAD_OVERLOAD,
        /** DHCPv4: option 52 found inside sname/file; overload does not nest, it was ignored there. */
        NESTED_OVERLOAD,
        /** DHCPv4: hlen above 16; the hardware address is cut to 16 bytes. */
        HARDWARE_LENGTH_TOO_LARGE,
        /** DHCPv4: non-zero bytes after END were dropped (zero padding is kept). */
        DATA_AFTER_END,
        /** DHCPv4: an option 82 sub-option runs past the end of option 82. */
        TRUNCATED_SUB_OPTION,
        /** DHCPv6: an IA, IAADDR or IAPREFIX option is shorter than its fixed fields. */
        SHORT_IA_OPTION
    }
}

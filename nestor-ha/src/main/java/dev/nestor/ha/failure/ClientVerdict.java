package dev.nestor.ha.failure;

/** What the unacked-clients analysis did with one query addressed to the partner. */
public enum ClientVerdict {
    /** Communication is not interrupted: queries are not analysed. */
    NOT_ANALYZED,
    /** Counted as analysed but not recorded (DHCPv6 query without a client identifier). */
    NOT_RECORDED,
    /** First sighting of this client, not yet waiting longer than max-ack-delay. */
    NEW_CLIENT,
    /** Known client, still below max-ack-delay. */
    STILL_WAITING,
    /** The client has now waited longer than max-ack-delay: counted as unacked. */
    BECAME_UNACKED,
    /** The client was already counted as unacked. */
    ALREADY_UNACKED
}

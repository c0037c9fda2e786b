package dev.nestor.ha.state;

/** What happens to a lease update for the failover partner in the current state (ha-protocol.md §9.1). */
public enum PartnerUpdatePolicy {
    /** Sent, and the client's response is parked until the partner acknowledges it. */
    SEND_AND_WAIT,
    /** Queued in the communication-recovery backlog; the response is not held. */
    QUEUE_IN_BACKLOG,
    /** Not sent; counted in the unsent-update-count reported by heartbeats. */
    SKIP_AND_COUNT,
    /** Not sent and not counted: lease updates are disabled, or there is no failover partner. */
    NONE
}

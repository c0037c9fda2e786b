package dev.nestor.ha.service;

/** What the engine does with a query's response after its leases were committed. */
public enum CommitDecision {
    /** Send the response now: nothing to wait for. */
    RESPOND,
    /** Hold the response; the HA service releases or drops it through its {@link ParkedQuery}. */
    PARKED
}

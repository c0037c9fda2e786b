package dev.nestor.server.hooks;

/** What a {@link LeasesCommittedHook} wants done with the response. */
public enum CommitDecision {
    /** Send the response now. */
    CONTINUE,
    /** Hold the response; the hook will call {@link ParkedResponse#release} or {@link ParkedResponse#drop}. */
    PARK,
    /** Do not send the response (the leases stay committed). */
    DROP
}

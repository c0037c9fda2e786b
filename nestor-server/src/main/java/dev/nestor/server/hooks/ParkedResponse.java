package dev.nestor.server.hooks;

/**
 * A response held after {@link CommitDecision#PARK}. Exactly one of {@link #release} and {@link #drop} takes effect;
 * later calls are ignored. Either may be called from any thread.
 */
public interface ParkedResponse {
    /** Sends the held response to the client. */
    void release();

    /** Discards the held response: the client gets no answer (its retransmission will be handled normally). */
    void drop();
}

package dev.nestor.ha.service;

/**
 * A client response the engine holds until the partner acknowledged the query's lease updates (Kea's parking lot):
 * {@link #release()} sends it, {@link #drop()} discards it (the lease stays committed locally; the client retries).
 * Exactly one of the two is called, once.
 */
public interface ParkedQuery {

    void release();

    void drop();
}

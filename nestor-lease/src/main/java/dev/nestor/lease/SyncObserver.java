package dev.nestor.lease;

/**
 * Told by a memfile store's writer thread just before each {@code fdatasync} of the lease file
 * ({@link Durability#GROUP_FSYNC} only), with the file length that sync will cover. For diagnostics and for tests
 * that hold a sync to observe what waits for it: the writer (so every write waiting for the disk) waits for this
 * call to return.
 */
@FunctionalInterface
public interface SyncObserver {
    /** Observes nothing. */
    SyncObserver NONE = length -> { };

    /** @param length bytes of the current lease file the coming sync makes durable */
    void beforeSync(long length);
}

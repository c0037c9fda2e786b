package dev.nestor.server.engine;

import dev.nestor.lease.LeaseStoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How the lease-store writes of one engine call are made, and when they are done.
 *
 * <p>{@link #blocking()}: each write returns once stored (the engine call throws {@link LeaseStoreException} when one
 * fails), so everything is done when the call returns. {@link #deferred()}: each change is applied in memory at once
 * and its row queued for the file; the engine's bookkeeping that depends on the row being stored (counters, the
 * lease-change listener) runs when it is, and {@link #stored()} completes after every row of the call is stored, or
 * fails with the first {@link LeaseStoreException} once the failed change has been undone in memory. A change that
 * fails before being queued (store closed or recovering) makes the engine call throw, as in blocking mode.
 *
 * <p>One instance serves one engine call on one thread; {@link #stored()} may be used from any thread. Follow-ups
 * attached to {@link #stored()} run on the store's writer thread and must be quick and must not block.
 */
public final class StoreWrites {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final boolean deferred;
    private CompletableFuture<Void> stored = DONE;
    private int count;
    private boolean followed;

    private StoreWrites(boolean deferred) {
        this.deferred = deferred;
    }

    /** Writes that block until stored (Kea's way, and the right one when a write costs no disk sync). */
    public static StoreWrites blocking() {
        return new StoreWrites(false);
    }

    /** Writes that return at once and complete {@link #stored()} later. */
    public static StoreWrites deferred() {
        return new StoreWrites(true);
    }

    /** Whether writes are deferred. */
    public boolean isDeferred() {
        return deferred;
    }

    /** Number of rows queued so far by deferred writes. */
    public int pendingCount() {
        return count;
    }

    /**
     * Completes when every row queued through this object is stored; completed at once when none was (or in blocking
     * mode). Fails with a {@link CompletionException} whose cause is the {@link LeaseStoreException}.
     */
    public CompletableFuture<Void> stored() {
        return stored;
    }

    /** {@link #stored()}, marking that the caller has attached its follow-up to it. */
    public CompletableFuture<Void> follow() {
        followed = true;
        return stored;
    }

    /** Whether {@link #follow()} was called. */
    public boolean followed() {
        return followed;
    }

    /**
     * Tracks one deferred write: {@code onStored} runs when its row is stored, {@code onFailed} when it is not (after
     * the store has undone it in memory), on the completing thread.
     *
     * @throws LeaseStoreException when the write has already failed (it was never queued); {@code onFailed} has run
     */
    void track(CompletableFuture<?> write, Runnable onStored, Runnable onFailed) throws LeaseStoreException {
        if (write.isDone()) {
            if (write.isCompletedExceptionally()) {
                onFailed.run();
                throw unwrap(write);
            }
            // a no-op (nothing to store) or a row stored already
            onStored.run();
            return;
        }
        CompletableFuture<Void> step = write.handle((result, error) -> {
            if (error != null) {
                onFailed.run();
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            onStored.run();
            return null;
        });
        count++;
        stored = stored == DONE ? step : CompletableFuture.allOf(stored, step);
    }

    /** The store failure behind a failed {@link #stored()}. */
    public static LeaseStoreException failureOf(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof LeaseStoreException store ? store
                : new LeaseStoreException("lease store failed: " + cause, cause);
    }

    private static LeaseStoreException unwrap(CompletableFuture<?> failed) {
        try {
            failed.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return failureOf(e);
        }
        return new LeaseStoreException("lease store write failed");
    }
}

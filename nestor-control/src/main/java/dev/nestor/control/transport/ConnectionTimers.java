package dev.nestor.control.transport;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * One daemon thread that fires per-connection deadlines for a listener. Tasks must be short: they
 * only flip a connection's state and hand the slow part (writing, closing) to a virtual thread.
 */
final class ConnectionTimers implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    ConnectionTimers(String name) {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        // many short-lived deadlines are cancelled: drop them from the queue at once
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
    }

    /**
     * Waits until every connection permit is back (no request in progress) or {@code millis} have passed: the drain
     * both listeners do on close, so that answers in progress (e.g. {@code shutdown}'s own) are not cut off.
     */
    static void awaitDrained(java.util.concurrent.Semaphore connections, int permits, long millis) {
        try {
            if (connections.tryAcquire(permits, millis, TimeUnit.MILLISECONDS)) {
                connections.release(permits);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Schedules the task; once the listener is closed this does nothing (its connections are closed anyway). */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return scheduler.schedule(() -> Thread.ofVirtual().start(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

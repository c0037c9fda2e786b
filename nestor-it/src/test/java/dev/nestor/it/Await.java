package dev.nestor.it;

import java.time.Duration;

/** Polls a condition until it holds or a deadline passes; the only way these tests wait for something. */
final class Await {
    /** A condition that may fail with an exception (treated as "not yet"). */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Returns once {@code condition} holds; throws AssertionError naming {@code what} after {@code timeout}. */
    static void until(String what, Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            Thread.sleep(50); // polling interval, bounded by the deadline above
        }
    }
}

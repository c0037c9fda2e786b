package dev.nestor.it;

import java.util.ArrayDeque;
import java.util.Deque;

/** The child processes a test started; {@link #close()} ends all of them, newest first (used in @AfterEach). */
final class Processes implements AutoCloseable {
    private final Deque<ChildProcess> started = new ArrayDeque<>();

    <T extends ChildProcess> T add(T process) {
        started.push(process);
        return process;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }
}

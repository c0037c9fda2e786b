package dev.nestor.ha.simulation;

import dev.nestor.ha.testing.ManualClock;

import java.util.PriorityQueue;

/** The simulation's discrete-event loop: events ordered by time then by scheduling order; the clock jumps. */
final class EventQueue {

    /** A scheduled event; cancelled events are skipped. */
    static final class Event implements Comparable<Event> {
        final long timeMillis;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        Event(long timeMillis, long sequence, Runnable action) {
            this.timeMillis = timeMillis;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Event other) {
            int byTime = Long.compare(timeMillis, other.timeMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final ManualClock clock;
    private final long startMillis;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private long sequence;
    private long processed;

    EventQueue(ManualClock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    /** Milliseconds since the simulation started. */
    long now() {
        return clock.millis() - startMillis;
    }

    Event schedule(long delayMillis, Runnable action) {
        Event event = new Event(now() + Math.max(0, delayMillis), sequence++, action);
        queue.add(event);
        return event;
    }

    /** Runs events up to and including {@code endMillis}, calling {@code afterEach} after every event. */
    void runUntil(long endMillis, Runnable afterEach) {
        while (!queue.isEmpty() && queue.peek().timeMillis <= endMillis) {
            Event event = queue.poll();
            if (event.cancelled) {
                continue;
            }
            clock.set(clock.instant().plusMillis(event.timeMillis - now()));
            event.action.run();
            processed++;
            afterEach.run();
        }
        if (now() < endMillis) {
            clock.set(clock.instant().plusMillis(endMillis - now()));
        }
    }

    long processed() {
        return processed;
    }
}

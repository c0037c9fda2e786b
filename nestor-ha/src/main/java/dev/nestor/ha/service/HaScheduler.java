package dev.nestor.ha.service;

import java.time.Duration;

/**
 * Runs HA timers (heartbeats, the partner's dhcp-disable max-period) on the HA service's thread. Production binds it
 * to a single-threaded scheduled executor; the simulation to its event queue and manual clock.
 */
public interface HaScheduler {

    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that can still be cancelled. */
    interface Timer {
        void cancel();
    }
}

package dev.nestor.control.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Kea 2.2's network state: one "disabled" marker per origin, service enabled when none is set, and
 * per origin one optional re-enable timer. A disable with {@code max-period} replaces that origin's
 * timer; a disable without one, or an enable, leaves a pending timer armed, so an old timer can
 * still re-enable later (as in Kea). Thread-safe; {@link #enabled()} is a single volatile read for
 * the packet path.
 */
public final class NetworkState implements DhcpServiceSwitch {

    private final ScheduledExecutorService timers;
    private final Map<Origin, Boolean> disabled = new EnumMap<>(Origin.class);
    private final Map<Origin, ScheduledFuture<?>> reenable = new EnumMap<>(Origin.class);
    private volatile boolean enabled = true;

    /** @param timers runs the re-enable timers (tests pass a controllable one) */
    public NetworkState(ScheduledExecutorService timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    @Override
    public synchronized void disable(Origin origin, OptionalLong maxPeriodSeconds) {
        disabled.put(origin, true);
        if (maxPeriodSeconds.isPresent()) {
            ScheduledFuture<?> previous = reenable.remove(origin);
            if (previous != null) {
                previous.cancel(false);
            }
            reenable.put(origin, timers.schedule(() -> timerFired(origin), maxPeriodSeconds.getAsLong(), TimeUnit.SECONDS));
        }
        recompute();
    }

    private synchronized void timerFired(Origin origin) {
        reenable.remove(origin);
        disabled.remove(origin);
        recompute();
    }

    @Override
    public synchronized void enable(Origin origin) {
        disabled.remove(origin);
        recompute();
    }

    private void recompute() {
        enabled = disabled.isEmpty();
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Whether that origin currently holds the service disabled. */
    public synchronized boolean disabledBy(Origin origin) {
        return disabled.containsKey(origin);
    }
}

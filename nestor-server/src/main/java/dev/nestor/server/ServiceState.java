package dev.nestor.server;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kea's network state: whether the DHCP service answers, switched by {@code dhcp-disable}/{@code dhcp-enable}.
 * Each origin (Kea 2.2: {@code "user"} and {@code "ha-partner"}, HA's own switching shares the latter) has its own
 * flag; the service runs only when no origin has it disabled. A disable may carry a max period after which it
 * lapses on its own. Checked once per packet: one volatile read while nothing is disabled.
 */
public final class ServiceState {
    private final Clock clock;
    /** Origin to the epoch millis at which its disable lapses (Long.MAX_VALUE: never). */
    private final Map<String, Long> disabled = new ConcurrentHashMap<>();
    private volatile boolean anyDisabled;

    public ServiceState(Clock clock) {
        this.clock = clock;
    }

    /** Disables the service for {@code origin}; {@code maxPeriodSeconds} 0 means until enabled. */
    public synchronized void disable(String origin, long maxPeriodSeconds) {
        long until = maxPeriodSeconds > 0 ? clock.millis() + maxPeriodSeconds * 1000 : Long.MAX_VALUE;
        disabled.put(origin, until);
        anyDisabled = true;
    }

    /** Lifts {@code origin}'s disable. */
    public synchronized void enable(String origin) {
        disabled.remove(origin);
        anyDisabled = !disabled.isEmpty();
    }

    /** Whether packets are answered now. */
    public boolean enabled() {
        if (!anyDisabled) {
            return true;
        }
        long now = clock.millis();
        for (Map.Entry<String, Long> entry : disabled.entrySet()) {
            if (entry.getValue() > now) {
                return false;
            }
        }
        synchronized (this) {
            disabled.values().removeIf(until -> until <= now);
            anyDisabled = !disabled.isEmpty();
        }
        return true;
    }
}

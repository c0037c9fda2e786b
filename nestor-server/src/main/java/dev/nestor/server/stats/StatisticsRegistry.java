package dev.nestor.server.stats;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * All statistics of a server by Kea's names; the engine counts into it, the control channel reads, resets and
 * removes ({@code statistic-get}, {@code statistic-reset}, {@code statistic-remove}, their {@code -all} forms).
 *
 * <p>Hot-path code looks a {@link Statistic} up once (see {@link Dhcp4Statistics}) and keeps the reference; a
 * lookup by name is a hash-map read. Removing a statistic detaches it: the engine's held reference keeps counting
 * but is no longer reported, which is what Kea does for a removed statistic that is incremented again only once
 * it is recreated by {@link #statistic(String)}.
 */
public final class StatisticsRegistry {
    private final Clock clock;
    private final ConcurrentMap<String, Statistic> statistics = new ConcurrentHashMap<>();

    /** A registry whose change times come from {@code clock}. */
    public StatisticsRegistry(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The statistic of that name, created with value 0 if absent. */
    public Statistic statistic(String name) {
        return statistics.computeIfAbsent(name, n -> new Statistic(n, clock));
    }

    /** The statistic of that name if it exists. */
    public Optional<Statistic> find(String name) {
        return Optional.ofNullable(statistics.get(name));
    }

    /** The current value of that statistic, or 0 if it does not exist. */
    public long value(String name) {
        Statistic statistic = statistics.get(name);
        return statistic == null ? 0 : statistic.value();
    }

    /** Sets the statistic to 0; false if it does not exist. */
    public boolean reset(String name) {
        Statistic statistic = statistics.get(name);
        if (statistic == null) {
            return false;
        }
        statistic.set(0);
        return true;
    }

    /** Removes the statistic; false if it did not exist. */
    public boolean remove(String name) {
        return statistics.remove(name) != null;
    }

    /** Sets every statistic to 0. */
    public void resetAll() {
        statistics.values().forEach(s -> s.set(0));
    }

    /** Removes every statistic. */
    public void removeAll() {
        statistics.clear();
    }

    /** Removes every statistic whose name starts with {@code prefix} (e.g. {@code "subnet["} at reconfiguration). */
    public void removeByPrefix(String prefix) {
        statistics.keySet().removeIf(name -> name.startsWith(prefix));
    }

    /** A sample of every statistic, sorted by name. */
    public List<StatisticSample> samples() {
        List<StatisticSample> samples = new ArrayList<>(statistics.size());
        for (Statistic statistic : statistics.values()) {
            samples.add(statistic.sample());
        }
        samples.sort((a, b) -> a.name().compareTo(b.name()));
        return samples;
    }
}

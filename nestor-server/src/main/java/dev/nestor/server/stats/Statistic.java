package dev.nestor.server.stats;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * One named integer statistic, as Kea's {@code StatsMgr} keeps it: a value plus the time it last changed.
 *
 * <p>Increments are striped ({@link LongAdder}) so that worker threads counting packets do not contend on one
 * cache line. The timestamp is written with opaque (relaxed) semantics: readers see a recent change time, which is
 * all Kea's {@code statistic-get} promises.
 */
public final class Statistic {
    private final String name;
    private final Clock clock;
    private final LongAdder value = new LongAdder();
    private volatile long changedMillis;

    Statistic(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
        this.changedMillis = clock.millis();
    }

    /** Kea's name of this statistic, e.g. {@code pkt4-received} or {@code subnet[1].assigned-addresses}. */
    public String name() {
        return name;
    }

    /** Adds one. */
    public void increment() {
        value.increment();
        touch();
    }

    /** Adds {@code delta} (negative to subtract). */
    public void add(long delta) {
        value.add(delta);
        touch();
    }

    /** Replaces the value (configuration time, lease recount); not atomic with concurrent {@link #add}. */
    public void set(long newValue) {
        value.reset();
        value.add(newValue);
        touch();
    }

    /** Current value. */
    public long value() {
        return value.sum();
    }

    /** Epoch milliseconds of the last change (or of creation). */
    public long changedMillis() {
        return changedMillis;
    }

    /** The value and its change time, read together for reporting. */
    public StatisticSample sample() {
        return new StatisticSample(name, value.sum(), changedMillis);
    }

    private void touch() {
        long now = clock.millis();
        // written only when the millisecond changed: every worker writing this line on every packet made it bounce
        // between cores
        if (changedMillis != now) {
            changedMillis = now;
        }
    }
}

package dev.nestor.tools.perf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of one exchange type (for example DISCOVER-OFFER) during a run. Sent and
 * received counts are atomic because the sender and receiver threads both read them; the delay
 * statistics, uniqueness set and diagnostics lists are written by the receiver thread only and
 * read after it has stopped.
 */
final class ExchangeCounters {
    /** Diagnostic lists ({@code -x t}, {@code -x l}) stop growing here. */
    static final int DIAGNOSTIC_LIMIT = 100_000;

    final String name;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong orphans = new AtomicLong();
    final AtomicLong collected = new AtomicLong();
    long rejected;
    long nonUnique;
    long delayCount;
    double delaySum;
    double delaySumOfSquares;
    double minimumDelay = Double.POSITIVE_INFINITY;
    double maximumDelay;
    final Set<AddressKey> addresses = new HashSet<>();
    final List<PerfReport.Timestamp> timestamps = new ArrayList<>();
    final List<String> leases = new ArrayList<>();

    /** An address handed out; v4 uses {@code low} only. */
    record AddressKey(long high, long low) {
    }

    ExchangeCounters(String name) {
        this.name = name;
    }

    /** Records one matched reply's delay in seconds. */
    void delay(double seconds) {
        delayCount++;
        delaySum += seconds;
        delaySumOfSquares += seconds * seconds;
        if (seconds < minimumDelay) {
            minimumDelay = seconds;
        }
        if (seconds > maximumDelay) {
            maximumDelay = seconds;
        }
    }

    /** Records an address for {@code -u}; counts it when already seen in this exchange. */
    void address(long high, long low) {
        if (!addresses.add(new AddressKey(high, low))) {
            nonUnique++;
        }
    }

    long drops() {
        return Math.max(0, sent.get() - received.get());
    }

    /** An immutable view for the report. */
    PerfReport.Exchange snapshot() {
        long sentCount = sent.get();
        long receivedCount = received.get();
        Double minimum = null;
        Double average = null;
        Double maximum = null;
        Double deviation = null;
        if (delayCount > 0) {
            double mean = delaySum / delayCount;
            minimum = minimumDelay * 1000;
            average = mean * 1000;
            maximum = maximumDelay * 1000;
            deviation = Math.sqrt(Math.max(0, delaySumOfSquares / delayCount - mean * mean)) * 1000;
        }
        return new PerfReport.Exchange(name, sentCount, receivedCount, Math.max(0, sentCount - receivedCount),
                orphans.get(), rejected, nonUnique, collected.get(), minimum, average, maximum, deviation,
                List.copyOf(timestamps), List.copyOf(leases));
    }
}

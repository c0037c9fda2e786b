package dev.nestor.wire;

import java.util.SplittableRandom;

/**
 * Runs a property over many generated cases with fixed seeds, so every run checks the same inputs and a failure names
 * the one case seed that replays it. Each case gets its own {@code new SplittableRandom(caseSeed)}, the case seeds
 * coming from a master {@code SplittableRandom(masterSeed)}; the label given to the case (and every failure, assertion
 * or exception) reads {@code "<property> case <i>/<n> seed <caseSeed>L"}.
 *
 * <p>Two system properties (passed on by surefire from {@code -D...} on the Maven command line) help with that:
 * {@code nestor.fuzz.replay=<caseSeed>} runs only that case, {@code nestor.fuzz.master=<seed>} replaces every master
 * seed to explore other inputs.
 */
public final class SeededCases {
    private SeededCases() {
    }

    /** One case: generate from {@code random}, check, and put {@code label} into assertion descriptions. */
    @FunctionalInterface
    public interface Case {
        void check(SplittableRandom random, String label);
    }

    /** Whether this run replays one seed (so tallies over all cases mean nothing). */
    public static boolean replaying() {
        return Long.getLong("nestor.fuzz.replay") != null;
    }

    /** Runs {@code cases} cases of {@code property}; the first failure stops the run and names its seed. */
    public static void run(String property, long masterSeed, int cases, Case body) {
        Long replay = Long.getLong("nestor.fuzz.replay");
        if (replay != null) {
            runOne(property + " replay seed " + replay + "L", replay, body);
            return;
        }
        SplittableRandom seeds = new SplittableRandom(Long.getLong("nestor.fuzz.master", masterSeed));
        for (int i = 0; i < cases; i++) {
            long seed = seeds.nextLong();
            runOne(property + " case " + i + "/" + cases + " seed " + seed + "L", seed, body);
        }
    }

    private static void runOne(String label, long seed, Case body) {
        try {
            body.check(new SplittableRandom(seed), label);
        } catch (AssertionError failure) {
            throw failure.getMessage() != null && failure.getMessage().contains(label)
                    ? failure : new AssertionError(label + ": " + failure.getMessage(), failure);
        } catch (Throwable unexpected) {
            // the property under test is "never throws": any exception or error (stack overflow too) is a failure
            throw new AssertionError(label + " threw " + unexpected, unexpected);
        }
    }
}

package dev.nestor.control.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.engine.DhcpServiceSwitch.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Kea 2.2's disable/enable semantics, with timers fired by hand instead of by the clock. */
class NetworkStateTest {

    /** Keeps scheduled re-enable tasks so the test decides when each timer fires. */
    private static final class ManualTimers extends ScheduledThreadPoolExecutor {
        final List<Runnable> pending = new ArrayList<>();
        final List<ScheduledFuture<?>> futures = new ArrayList<>();

        ManualTimers() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            pending.add(command);
            ScheduledFuture<?> future = new ScheduledFuture<Object>() {
                boolean cancelled;

                @Override public long getDelay(TimeUnit u) { return delay; }
                @Override public int compareTo(Delayed other) { return 0; }
                @Override public boolean cancel(boolean interrupt) { cancelled = true; pending.remove(command); return true; }
                @Override public boolean isCancelled() { return cancelled; }
                @Override public boolean isDone() { return cancelled; }
                @Override public Object get() { return null; }
                @Override public Object get(long timeout, TimeUnit u) { return null; }
            };
            futures.add(future);
            return future;
        }

        void fireOldest() {
            pending.remove(0).run();
        }
    }

    @Test
    void serviceRunsOnlyWhenNoOriginHoldsItDisabled() {
        NetworkState state = new NetworkState(new ManualTimers());
        assertThat(state.enabled()).isTrue();
        state.disable(Origin.USER, OptionalLong.empty());
        state.disable(Origin.HA_PARTNER, OptionalLong.empty());
        state.enable(Origin.USER);
        assertThat(state.enabled()).isFalse();
        assertThat(state.disabledBy(Origin.HA_PARTNER)).isTrue();
        state.enable(Origin.HA_PARTNER);
        assertThat(state.enabled()).isTrue();
    }

    @Test
    void maxPeriodReenablesAndALaterPeriodReplacesTheTimer() {
        ManualTimers timers = new ManualTimers();
        NetworkState state = new NetworkState(timers);
        state.disable(Origin.USER, OptionalLong.of(30));
        state.disable(Origin.USER, OptionalLong.of(60));
        assertThat(timers.pending).hasSize(1);
        timers.fireOldest();
        assertThat(state.enabled()).isTrue();
    }

    @Test
    void anOldTimerStillReenablesAfterADisableWithoutPeriod() {
        ManualTimers timers = new ManualTimers();
        NetworkState state = new NetworkState(timers);
        state.disable(Origin.USER, OptionalLong.of(30));
        state.enable(Origin.USER);
        state.disable(Origin.USER, OptionalLong.empty());
        assertThat(state.enabled()).isFalse();
        timers.fireOldest();
        assertThat(state.enabled()).as("Kea 2.2 leaves the first timer armed").isTrue();
    }
}

package dev.nestor.control.engine;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.ServerSetup;
import dev.nestor.server.ServiceState;
import dev.nestor.server.SetupBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Connects the control interfaces to nestor-server's {@link Dhcp4Server}: its service state for
 * {@code dhcp-disable}/{@code dhcp-enable}, its reclamation for {@code leases-reclaim}, its
 * {@code reconfigure} for {@code config-set}/{@code config-reload}, and {@code status-get}'s figures.
 */
public final class ServerAdapters {

    private ServerAdapters() {
    }

    /** {@code dhcp-disable}/{@code dhcp-enable} over the server's {@link ServiceState} (origins by Kea's names). */
    public static DhcpServiceSwitch serviceSwitch(ServiceState state) {
        return new DhcpServiceSwitch() {
            @Override
            public void disable(Origin origin, java.util.OptionalLong maxPeriodSeconds) {
                state.disable(origin.text(), maxPeriodSeconds.orElse(0));
            }

            @Override
            public void enable(Origin origin) {
                state.enable(origin.text());
            }

            @Override
            public boolean enabled() {
                return state.enabled();
            }
        };
    }

    /**
     * {@code leases-reclaim}: one unbounded reclamation pass; reclaimed leases are deleted ({@code remove: true}) or
     * kept expired-reclaimed for the configured {@code hold-reclaimed-time}.
     */
    public static LeaseReclamation reclamation(Dhcp4Server server) {
        return remove -> {
            long hold = Math.max(1, server.setup().plan().reclaim().holdReclaimedSeconds());
            if (server.reclaimExpiredLeases(0, 0, remove ? 0 : hold) < 0) {
                throw new IllegalStateException("the lease store failed during reclamation");
            }
        };
    }

    /** What {@code config-set}/{@code config-reload} ask of the engine: switch to the new configuration or throw. */
    public static Dhcp4ConfigurationApplier applier(Dhcp4Server server, AtomicReference<Instant> lastReload, Clock clock) {
        return next -> {
            ServerSetup setup = SetupBuilder.setup(next.config());
            server.reconfigure(setup);
            lastReload.set(clock.instant());
        };
    }

    /** The engine's side of a configuration change (same shape as {@code Dhcp4Configuration.Applier}). */
    @FunctionalInterface
    public interface Dhcp4ConfigurationApplier extends dev.nestor.control.config.Dhcp4Configuration.Applier {
        @Override
        void apply(LoadedConfig<Dhcp4Config> next) throws Exception;
    }

    /** {@code status-get} figures of a running server. */
    public static Supplier<ServerStatus> status(Dhcp4Server server, Instant started, AtomicReference<Instant> lastReload,
            Clock clock) {
        return () -> {
            Instant now = clock.instant();
            ServerSetup setup = server.setup();
            boolean multiThreading = setup.multiThreading();
            return new ServerStatus(ProcessHandle.current().pid(), now.getEpochSecond() - started.getEpochSecond(),
                    now.getEpochSecond() - lastReload.get().getEpochSecond(), multiThreading,
                    multiThreading ? OptionalInt.of(setup.workers()) : OptionalInt.empty(),
                    multiThreading ? OptionalInt.of(setup.queueCapacity()) : OptionalInt.empty(),
                    // the engine does not measure queue lengths yet, so packet-queue-statistics is left out
                    List.of(), "ready", List.of());
        };
    }
}

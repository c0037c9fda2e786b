package dev.nestor.app;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.config.ha.HaPeer;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.control.ControlService;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.ServerAdapters;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.ha.runtime.HaAttachment;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.hooks.LeasesCommittedHook;
import dev.nestor.server.hooks.PacketAdmission;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel of a running DHCPv4 service: Kea's command set over the sockets the configuration
 * names ({@code control-socket} unix, {@code control-sockets} unix/http), {@code config-set}/{@code config-reload}
 * applied to the running engine, {@code shutdown} stopping the process; with {@code libdhcp_ha.so} among the hooks,
 * the HA service of the configuration's relationship ({@link HaAttachment}).
 *
 * <p>A configuration change restarts HA as Kea's reload of its hook libraries does: the running relationship is
 * stopped (responses parked for the partner are released as it acknowledges them, briefly, then dropped) and the new
 * one starts from {@code waiting} with the new parameters; without the HA hook the engine answers on its own again.
 * An HA part that cannot work (unreadable TLS files, a peer URL that cannot be listened on) refuses the whole
 * configuration: the old configuration and its HA keep running.
 */
final class ServerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("kea-dhcp4.dhcp4");

    private final Dhcp4Server server;
    private final ControlService control;
    private final Clock clock;
    private final Dhcp4Configuration.Applier engine;
    /** The configuration the engine and HA run, guarded by this. */
    private LoadedConfig<Dhcp4Config> applied;
    /** The running HA service, or null; guarded by this. */
    private HaAttachment highAvailability;
    private boolean closed;

    private ServerRuntime(Dhcp4Server server, ControlService control, Clock clock, Dhcp4Configuration.Applier engine,
                          LoadedConfig<Dhcp4Config> applied) {
        this.server = server;
        this.control = control;
        this.clock = clock;
        this.engine = engine;
        this.applied = applied;
    }

    static ServerRuntime attach(Dhcp4Service service, Path configFile, LoadedConfig<Dhcp4Config> loaded,
                                IntConsumer shutdown) throws IOException {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        AtomicReference<Instant> lastReload = new AtomicReference<>(started);
        Dhcp4Server server = service.server();
        AtomicReference<ServerRuntime> runtime = new AtomicReference<>();
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, configFile,
                next -> runtime.get().reconfigure(next));
        ControlService control = ControlService.builder()
                .identity(ServerIdentity.nestor(NestorVersion.version()))
                .shutdown(shutdown)
                .clock(clock)
                .leaseEngine(server.leaseEngine())
                .subnets(configuration::subnets)
                .statistics(server.statistics())
                .engine(ServerAdapters.status(server, started, lastReload, clock),
                        ServerAdapters.serviceSwitch(server.serviceState()), ServerAdapters.reclamation(server))
                .configuration(configuration)
                .build();
        runtime.set(new ServerRuntime(server, control, clock, ServerAdapters.applier(server, lastReload, clock),
                loaded));
        Path base = configFile.toAbsolutePath().getParent();
        try {
            control.openConfigured(loaded.config().controlSockets(), loaded.raw(), base, ControlLimits.DEFAULTS);
            Optional<HaRelationship> relationship = relationship(loaded);
            if (relationship.isPresent()) {
                runtime.get().attachHa(HaAttachment.attach(server, control, relationship.get(), clock));
            }
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
        return runtime.get();
    }

    private synchronized void attachHa(HaAttachment attachment) {
        highAvailability = attachment;
    }

    /** Kea 2.2 has one relationship per server: the first of the HA hook's list, if the hook is configured. */
    private static Optional<HaRelationship> relationship(LoadedConfig<Dhcp4Config> loaded) {
        return loaded.config().hooks().ha().filter(ha -> !ha.relationships().isEmpty())
                .map(ha -> ha.relationships().getFirst());
    }

    /**
     * config-set / config-reload after validation: the engine switches to {@code next}, HA restarts with it. Throws
     * (and leaves the running configuration and HA in place) when either cannot.
     */
    private synchronized void reconfigure(LoadedConfig<Dhcp4Config> next) throws Exception {
        if (closed) {
            throw new IllegalStateException("the server is shutting down");
        }
        Optional<HaRelationship> nextRelationship = relationship(next);
        // everything that can be checked before the switch is: a bad HA part changes nothing
        if (nextRelationship.isPresent()) {
            checkListenable(nextRelationship.get());
        }
        HaAttachment prepared = nextRelationship.isPresent()
                ? HaAttachment.prepare(server, control, nextRelationship.get(), clock) : null;
        try {
            engine.apply(next);
        } catch (Exception e) {
            if (prepared != null) {
                prepared.close();
            }
            throw e;
        }
        HaAttachment old = highAvailability;
        highAvailability = null;
        if (old != null) {
            old.close();
        }
        if (prepared == null) {
            if (old != null) {
                handEngineBack();
            }
            applied = next;
            return;
        }
        try {
            prepared.start();
        } catch (IOException | RuntimeException e) {
            rollBack(e);
            throw e;
        }
        highAvailability = prepared;
        applied = next;
    }

    /**
     * Refuses a relationship whose own peer URL cannot be listened on (taken by another program), before the running
     * HA is stopped; the URL the running HA listens on is taken by ourselves and is not probed.
     */
    private void checkListenable(HaRelationship next) throws IOException {
        HaPeer self = next.thisPeer();
        Optional<HaRelationship> running = relationship(applied);
        if (highAvailability != null && running.isPresent() && running.get().thisPeer().address().equals(self.address())
                && running.get().thisPeer().port() == self.port()) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(self.address(), self.port()));
        } catch (IOException e) {
            throw new IOException("cannot listen on the HA peer URL " + self.url() + ": " + e.getMessage(), e);
        }
    }

    /** The new HA could not start: the engine and HA go back to the configuration that ran. */
    private void rollBack(Exception cause) {
        LOG.error("DHCP4_CONFIG_LOAD_FAIL HA could not start with the new configuration ({}): going back to the "
                + "running one", cause.getMessage());
        try {
            engine.apply(applied);
        } catch (Exception e) {
            LOG.error("DHCP4_CONFIG_LOAD_FAIL the running configuration could not be restored: {}", e.getMessage());
        }
        Optional<HaRelationship> previous = relationship(applied);
        if (previous.isEmpty()) {
            handEngineBack();
            return;
        }
        try {
            highAvailability = HaAttachment.attach(server, control, previous.get(), clock);
        } catch (IOException | RuntimeException e) {
            // the engine stays closed to clients rather than answering without its partner
            LOG.error("DHCP4_CONFIG_LOAD_FAIL HA of the running configuration could not restart: {}", e.getMessage());
        }
    }

    /** No HA any more: the engine answers every query itself, status-get reports no relationship. */
    private void handEngineBack() {
        server.admission(PacketAdmission.ANSWER_ALL);
        server.committedHook(LeasesCommittedHook.NONE);
        control.serverCommands().removeStatus("high-availability");
    }

    ControlService control() {
        return control;
    }

    /** The running HA service, if any (tests). */
    synchronized Optional<HaAttachment> highAvailability() {
        return Optional.ofNullable(highAvailability);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (highAvailability != null) {
            highAvailability.close();
        }
        control.close();
    }
}

package dev.nestor.app;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.ControlService;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.ServerAdapters;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.ha.runtime.HaAttachment;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Dhcp4Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The control channel of a running DHCPv4 service: Kea's command set over the sockets the configuration
 * names ({@code control-socket} unix, {@code control-sockets} unix/http), {@code config-set}/{@code config-reload}
 * applied to the running engine, {@code shutdown} stopping the process; with {@code libdhcp_ha.so} among the hooks,
 * the HA service of the configuration's relationship ({@link HaAttachment}).
 */
final class ServerRuntime implements AutoCloseable {

    private final ControlService control;
    private final HaAttachment highAvailability;

    private ServerRuntime(ControlService control, HaAttachment highAvailability) {
        this.control = control;
        this.highAvailability = highAvailability;
    }

    static ServerRuntime attach(Dhcp4Service service, Path configFile, LoadedConfig<Dhcp4Config> loaded,
                                IntConsumer shutdown) throws IOException {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        AtomicReference<Instant> lastReload = new AtomicReference<>(started);
        Dhcp4Server server = service.server();
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, configFile,
                ServerAdapters.applier(server, lastReload, clock));
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
        Path base = configFile.toAbsolutePath().getParent();
        HaAttachment highAvailability = null;
        try {
            control.openConfigured(loaded.config().controlSockets(), loaded.raw(), base, ControlLimits.DEFAULTS);
            // Kea 2.2 has one relationship per server
            var ha = loaded.config().hooks().ha();
            if (ha.isPresent() && !ha.get().relationships().isEmpty()) {
                highAvailability = HaAttachment.attach(server, control, ha.get().relationships().getFirst(), clock);
            }
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
        return new ServerRuntime(control, highAvailability);
    }

    ControlService control() {
        return control;
    }

    @Override
    public void close() {
        if (highAvailability != null) {
            highAvailability.close();
        }
        control.close();
    }
}

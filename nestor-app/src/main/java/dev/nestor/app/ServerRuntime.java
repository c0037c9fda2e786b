package dev.nestor.app;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.ControlService;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.ServerAdapters;
import dev.nestor.control.transport.ControlLimits;
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
 * applied to the running engine, {@code shutdown} stopping the process.
 */
final class ServerRuntime implements AutoCloseable {

    private final ControlService control;

    private ServerRuntime(ControlService control) {
        this.control = control;
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
        try {
            control.openConfigured(loaded.config().controlSockets(), loaded.raw(), base, ControlLimits.DEFAULTS);
        } catch (IOException | RuntimeException e) {
            control.close();
            throw e;
        }
        return new ServerRuntime(control);
    }

    ControlService control() {
        return control;
    }

    @Override
    public void close() {
        control.close();
    }
}

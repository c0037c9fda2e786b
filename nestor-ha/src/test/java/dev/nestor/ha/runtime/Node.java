package dev.nestor.ha.runtime;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.ControlService;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.engine.ServerAdapters;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.lease.Durability;
import dev.nestor.server.Dhcp4Server;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** One Nestor server in the test's process, as the app assembles it: DHCP engine, control channel, HA. */
record Node(Dhcp4Service service, ControlService control, HaAttachment ha) implements AutoCloseable {
    Dhcp4Server server() {
        return service.server();
    }

    int dhcpPort() {
        return server().boundPorts().getFirst();
    }

    /** The {@code local.state} of status-get's high-availability part. */
    String statusState() {
        ControlAnswer answer = control.registry().execute(ControlCommand.of("status-get", null));
        JsonObject arguments = (JsonObject) answer.arguments();
        JsonObject relationship = (JsonObject) ((JsonArray) arguments.get("high-availability")).get(0);
        JsonObject local = (JsonObject) ((JsonObject) relationship.get("ha-servers")).get("local");
        return ((JsonString) local.get("state")).value();
    }

    @Override
    public void close() {
        ha.close();
        control.close();
        service.close();
    }

    /** Starts a server from a Kea configuration text written to {@code directory/<name>.json}. */
    static Node start(Path directory, String name, String text, int clientPort) throws Exception {
        Path file = directory.resolve(name + ".json");
        Files.writeString(file, text);
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.parseDhcp4(text, file.toString(), directory);
        Clock clock = Clock.systemUTC();
        Dhcp4Service service = Dhcp4Service.start(loaded.config(), new Ports(0, clientPort), Durability.WRITE, clock);
        Dhcp4Server server = service.server();
        Instant started = clock.instant();
        AtomicReference<Instant> lastReload = new AtomicReference<>(started);
        Dhcp4Configuration configuration = new Dhcp4Configuration(loaded, file,
                ServerAdapters.applier(server, lastReload, clock));
        ControlService control = ControlService.builder()
                .identity(ServerIdentity.nestor("test"))
                .clock(clock)
                .leaseEngine(server.leaseEngine())
                .subnets(configuration::subnets)
                .statistics(server.statistics())
                .engine(ServerAdapters.status(server, started, lastReload, clock),
                        ServerAdapters.serviceSwitch(server.serviceState()), ServerAdapters.reclamation(server))
                .configuration(configuration)
                .build();
        HaAttachment ha = HaAttachment.attach(server, control,
                loaded.config().hooks().ha().orElseThrow().relationships().getFirst(), clock);
        return new Node(service, control, ha);
    }

}

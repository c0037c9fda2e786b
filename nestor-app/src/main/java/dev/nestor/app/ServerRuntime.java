package dev.nestor.app;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.server.Dhcp4Service;
import java.nio.file.Path;

/** What runs beside a DHCPv4 service: its control sockets (wired once the control channel lands). */
final class ServerRuntime implements AutoCloseable {

    private ServerRuntime() {
    }

    static ServerRuntime attach(Dhcp4Service service, Path configFile, Dhcp4Config config, Runnable stop) {
        return new ServerRuntime();
    }

    @Override
    public void close() {
    }
}

package dev.nestor.server;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.lease.Durability;
import dev.nestor.lease.MemfileLeaseStore4;
import dev.nestor.lease.MemfileSettings;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.net.InterfaceSelectionException;
import java.io.IOException;
import java.time.Clock;

/**
 * A DHCPv4 server started from a configuration, owning its memfile lease store: what {@code nestor dhcp4 -c} and
 * the control channel's {@code config-set}/{@code config-reload} drive.
 *
 * <p>{@link #reconfigure} keeps the lease store when {@code lease-database} is unchanged and otherwise reopens it
 * from its files (Kea recreates its lease manager on every reconfiguration; reading the same files again gives the
 * same leases, so keeping the open store is equivalent and cheaper).
 */
public final class Dhcp4Service implements AutoCloseable {
    private final Durability durability;
    private final Clock clock;
    private final Ports ports;
    private Dhcp4Config config;
    private MemfileLeaseStore4 store;
    private Dhcp4Server server;

    private Dhcp4Service(Durability durability, Clock clock, Ports ports) {
        this.durability = durability;
        this.clock = clock;
        this.ports = ports;
    }

    /**
     * Opens the lease store of {@code config} and starts the server.
     *
     * @throws LeaseStoreException         when the lease files cannot be read or created
     * @throws IOException                 when no socket could be opened
     * @throws InterfaceSelectionException when an interface entry names something this host lacks
     */
    public static Dhcp4Service start(Dhcp4Config config, Ports ports, Durability durability, Clock clock)
            throws LeaseStoreException, IOException, InterfaceSelectionException {
        Dhcp4Service service = new Dhcp4Service(durability, clock, ports);
        MemfileSettings settings = SetupBuilder.memfile(config, durability);
        service.store = MemfileLeaseStore4.open(settings, clock);
        try {
            service.server = Dhcp4Server.start(SetupBuilder.setup(config), service.store, ports, clock);
        } catch (IOException | InterfaceSelectionException | RuntimeException e) {
            service.store.close();
            throw e;
        }
        service.config = config;
        return service;
    }

    /**
     * Applies a new configuration. On failure the previous one stays in force. {@code loggers} is the
     * application's business (it owns the logging backend).
     */
    public synchronized void reconfigure(Dhcp4Config newConfig)
            throws LeaseStoreException, IOException, InterfaceSelectionException {
        if (newConfig.leaseDatabase().equals(config.leaseDatabase())) {
            server.reconfigure(SetupBuilder.setup(newConfig));
        } else {
            MemfileLeaseStore4 newStore = MemfileLeaseStore4.open(SetupBuilder.memfile(newConfig, durability), clock);
            server.close();
            store.close();
            store = newStore;
            server = Dhcp4Server.start(SetupBuilder.setup(newConfig), store, ports, clock);
        }
        config = newConfig;
    }

    /** The running server (statistics, lease engine, service switch, hooks). */
    public synchronized Dhcp4Server server() {
        return server;
    }

    /** The configuration in force. */
    public synchronized Dhcp4Config config() {
        return config;
    }

    /** Stops the server and closes the lease store. */
    @Override
    public synchronized void close() {
        server.close();
        store.close();
    }
}

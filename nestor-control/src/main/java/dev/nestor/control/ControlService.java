package dev.nestor.control;

import dev.nestor.config.ControlSocket;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.commands.ConfigCommands;
import dev.nestor.control.config.ConfigurationStage;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.config.HttpControlSocketConfig;
import dev.nestor.control.engine.ConfigurationRejected;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.control.commands.GenericCommands;
import dev.nestor.control.commands.LeaseCommands4;
import dev.nestor.control.commands.ServerCommands;
import dev.nestor.control.commands.ServerIdentity;
import dev.nestor.control.commands.StatisticCommands;
import dev.nestor.control.commands.SubnetCatalog4;
import dev.nestor.control.commands.SubnetCommands;
import dev.nestor.control.engine.ConfigurationService;
import dev.nestor.control.engine.DhcpServiceSwitch;
import dev.nestor.control.engine.LeaseChanges4;
import dev.nestor.control.engine.LeaseReclamation;
import dev.nestor.control.engine.ServerStatus;
import dev.nestor.control.transport.ControlLimits;
import dev.nestor.control.transport.HttpControlListener;
import dev.nestor.control.transport.HttpListenerSettings;
import dev.nestor.control.transport.HttpReply;
import dev.nestor.control.transport.UnixControlListener;
import dev.nestor.lease.LeaseStore4;
import dev.nestor.server.engine.LeaseEngine;
import dev.nestor.server.stats.StatisticsRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The control channel of one DHCPv4 server: one {@link CommandRegistry}, Kea's command set
 * registered from whatever parts the server provides, and any number of listeners (the UNIX socket,
 * HTTP(S) sockets, HA's dedicated listener with its accept list) all serving the same registry.
 * Closing it closes every listener.
 *
 * <p>The listeners a configuration names ({@link #openConfigured}) follow {@code config-set} and
 * {@code config-reload} when built with a {@link Dhcp4Configuration}: a changed UNIX path or HTTP
 * address/port gets a new listener (the old one stops accepting and lets its answers in progress
 * finish, the answer to the {@code config-set} itself included), a changed HTTP entry on the same
 * address and port is re-read in place (authentication, TLS, headers), unchanged entries are left
 * alone, and a socket that cannot be opened refuses the configuration with the old listeners intact.
 */
public final class ControlService implements AutoCloseable {

    private final CommandRegistry registry;
    private final ControlChannel channel;
    private final Clock clock;
    private final ServerCommands serverCommands;
    private final List<AutoCloseable> listeners = new CopyOnWriteArrayList<>();
    /** The listeners {@link #openConfigured} opened, as the configuration names them; null before. */
    private Configured configured;

    private record HttpSocket(JsonObject entry, HttpControlListener listener) {
    }

    private record Configured(Path baseDirectory, ControlLimits limits, Map<Path, UnixControlListener> unix,
            Map<InetSocketAddress, HttpSocket> http) {
    }

    /** What a configuration asks for: UNIX paths and the raw HTTP entries of {@code control-sockets}. */
    private record Wanted(List<Path> unix, List<JsonObject> http) {
    }

    private ControlService(CommandRegistry registry, Clock clock, ServerCommands serverCommands) {
        this.registry = registry;
        this.channel = new ControlChannel(registry, "dhcp4");
        this.clock = clock;
        this.serverCommands = serverCommands;
    }

    /** The registry, for modules (HA) that add commands. */
    public CommandRegistry registry() {
        return registry;
    }

    /** The channel, for in-process callers and custom listeners. */
    public ControlChannel channel() {
        return channel;
    }

    /** The status-get part, for modules (HA) that add to it; null when no server status was given. */
    public ServerCommands serverCommands() {
        return serverCommands;
    }

    /** Opens Kea's UNIX control socket at {@code path}. */
    public UnixControlListener openUnix(Path path, ControlLimits limits) throws IOException {
        UnixControlListener listener = UnixControlListener.start(path, limits, channel::handleUnix);
        listeners.add(listener);
        return listener;
    }

    /** Opens an HTTP(S) control socket (Kea 2.7 {@code control-sockets} semantics) serving every command. */
    public HttpControlListener openHttp(HttpListenerSettings settings, ControlLimits limits) throws IOException {
        return start(settings, limits, this::handleConfiguredHttp);
    }

    /**
     * Opens HA's dedicated listener: like Kea 2.2's, {@code service} is not checked; when
     * {@code allowedCommands} is given (Kea 2.4+'s {@code restrict-commands}), other commands get 403,
     * and null accepts every command (Kea 2.2's listener restricts nothing).
     */
    public HttpControlListener openHttp(HttpListenerSettings settings, ControlLimits limits, Set<String> allowedCommands)
            throws IOException {
        Set<String> allowed = allowedCommands == null ? null : Set.copyOf(allowedCommands);
        return start(settings, limits, body -> channel.handleHttp(body, allowed, false));
    }

    private HttpControlListener start(HttpListenerSettings settings, ControlLimits limits, HttpControlListener.Handler handler)
            throws IOException {
        HttpControlListener listener = HttpControlListener.start(settings, limits, clock, handler);
        listeners.add(listener);
        return listener;
    }

    /**
     * Opens every listener a configuration names: the UNIX socket of {@code control-socket} (or the unix
     * entry of {@code control-sockets}) and each HTTP entry of {@code control-sockets}, whose
     * authentication, TLS and headers are read from the raw entry by {@link HttpControlSocketConfig}.
     * These listeners are the ones later configuration changes reopen.
     *
     * @param rawDhcp4      the {@code Dhcp4} map as parsed (the model does not carry the HTTP details)
     * @param baseDirectory where relative TLS and password file names are resolved (the config file's directory)
     */
    public synchronized void openConfigured(List<ControlSocket> sockets, JsonObject rawDhcp4, Path baseDirectory,
            ControlLimits limits) throws IOException {
        Wanted wanted = wanted(sockets, rawDhcp4);
        Map<Path, UnixControlListener> unix = new LinkedHashMap<>();
        Map<InetSocketAddress, HttpSocket> http = new LinkedHashMap<>();
        for (Path path : wanted.unix()) {
            if (!unix.containsKey(path)) {
                unix.put(path, openUnix(path, limits));
            }
        }
        for (JsonObject entry : wanted.http()) {
            HttpListenerSettings settings = HttpControlSocketConfig.parse(entry, baseDirectory);
            http.put(endpoint(settings), new HttpSocket(entry, openHttp(settings, limits)));
        }
        configured = new Configured(baseDirectory, limits, unix, http);
    }

    private static Wanted wanted(List<ControlSocket> sockets, JsonObject rawDhcp4) {
        List<JsonObject> httpEntries = new ArrayList<>();
        if (rawDhcp4.get("control-sockets") instanceof JsonArray entries) {
            for (JsonValue entry : entries) {
                if (entry instanceof JsonObject map && !(map.get("socket-type") instanceof JsonString type
                        && type.value().equals("unix"))) {
                    httpEntries.add(map);
                }
            }
        }
        List<Path> unix = new ArrayList<>();
        List<JsonObject> http = new ArrayList<>();
        for (ControlSocket socket : sockets) {
            if (socket.socketType().equals("unix")) {
                unix.add(Path.of(socket.socketName()));
            } else if (http.size() < httpEntries.size()) {
                http.add(httpEntries.get(http.size()));
            }
        }
        return new Wanted(unix, http);
    }

    private static InetSocketAddress endpoint(HttpListenerSettings settings) {
        return new InetSocketAddress(settings.address(), settings.port());
    }

    /**
     * The control-socket side of a configuration change (see the class comment): opens the listeners
     * {@code next} adds or moves now, and on commit re-reads changed HTTP entries in place and retires
     * the listeners {@code next} no longer names. Before {@link #openConfigured} this changes nothing.
     *
     * @throws ConfigurationRejected with the listener's error (Kea's text for a UNIX path in a missing
     *                               directory); the listeners opened so far are closed, the old ones untouched
     */
    public synchronized ConfigurationStage.Transition prepareControlSockets(LoadedConfig<Dhcp4Config> next)
            throws ConfigurationRejected {
        Configured before = configured;
        if (before == null) {
            return ConfigurationStage.Transition.NONE;
        }
        Wanted wanted = wanted(next.config().controlSockets(), next.raw());
        List<AutoCloseable> opened = new ArrayList<>();
        List<Runnable> inPlace = new ArrayList<>();
        Map<Path, UnixControlListener> unix = new LinkedHashMap<>();
        Map<InetSocketAddress, HttpSocket> http = new LinkedHashMap<>();
        try {
            for (Path path : wanted.unix()) {
                UnixControlListener kept = before.unix().get(path);
                if (kept == null && !unix.containsKey(path)) {
                    kept = UnixControlListener.start(path, before.limits(), channel::handleUnix);
                    opened.add(kept);
                }
                unix.putIfAbsent(path, kept);
            }
            for (JsonObject entry : wanted.http()) {
                HttpListenerSettings settings = HttpControlSocketConfig.parse(entry, before.baseDirectory());
                InetSocketAddress endpoint = endpoint(settings);
                HttpSocket kept = before.http().get(endpoint);
                if (kept == null) {
                    HttpControlListener listener = HttpControlListener.start(settings, before.limits(), clock,
                            this::handleConfiguredHttp);
                    opened.add(listener);
                    http.put(endpoint, new HttpSocket(entry, listener));
                } else if (kept.entry().equals(entry)) {
                    http.put(endpoint, kept);
                } else {
                    http.put(endpoint, new HttpSocket(entry, kept.listener()));
                    inPlace.add(() -> kept.listener().reconfigure(settings));
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(ControlService::retire);
            throw new ConfigurationRejected(e.getMessage(), e);
        }
        Configured after = new Configured(before.baseDirectory(), before.limits(), unix, http);
        return new ConfigurationStage.Transition() {
            @Override
            public void commit() {
                synchronized (ControlService.this) {
                    listeners.addAll(opened);
                    inPlace.forEach(Runnable::run);
                    List<AutoCloseable> keep = new ArrayList<>(after.unix().values());
                    after.http().values().forEach(socket -> keep.add(socket.listener()));
                    List<AutoCloseable> gone = new ArrayList<>(before.unix().values());
                    before.http().values().forEach(socket -> gone.add(socket.listener()));
                    for (AutoCloseable listener : gone) {
                        if (keep.stream().noneMatch(kept -> kept == listener)) {
                            listeners.remove(listener);
                            retire(listener);
                        }
                    }
                    configured = after;
                }
            }

            @Override
            public void rollback() {
                opened.forEach(ControlService::retire);
            }
        };
    }

    /**
     * Closes a listener off the caller's thread: its close waits for answers in progress, and the caller
     * may be the command (config-set) whose own answer is one of them.
     */
    private static void retire(AutoCloseable listener) {
        // stop accepting now, so answers still to be written (config-set's) already see the listener closing
        if (listener instanceof HttpControlListener http) {
            http.stopAccepting();
        } else if (listener instanceof UnixControlListener unix) {
            unix.stopAccepting();
        }
        Thread.ofVirtual().name("control-retire").start(() -> {
            try {
                listener.close();
            } catch (Exception e) {
                // listeners close their own sockets and log; nothing more to do here
            }
        });
    }

    private HttpReply handleConfiguredHttp(byte[] body) {
        return channel.handleHttp(body, null, true);
    }

    @Override
    public void close() {
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                // listeners close their own sockets and log; nothing more to do here
            }
        }
        listeners.clear();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the server parts; each command group is registered when its parts are given. */
    public static final class Builder {
        private ServerIdentity identity = ServerIdentity.nestor("unknown");
        private IntConsumer shutdown;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.systemDefault();
        private LeaseStore4 leaseStore;
        private LeaseChanges4 leaseChanges;
        private Supplier<SubnetCatalog4> subnets;
        private StatisticsRegistry statistics;
        private Supplier<ServerStatus> status;
        private DhcpServiceSwitch serviceSwitch;
        private LeaseReclamation reclamation;
        private ConfigurationService configuration;

        public Builder identity(ServerIdentity value) {
            identity = Objects.requireNonNull(value);
            return this;
        }

        /** Called with the exit value by {@code shutdown}; must stop the server asynchronously. */
        public Builder shutdown(IntConsumer value) {
            shutdown = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The zone statistic timestamps are printed in (Kea prints local time); default the JVM's default
         * zone, which follows {@code TZ} like Kea.
         */
        public Builder zone(ZoneId value) {
            zone = Objects.requireNonNull(value);
            return this;
        }

        /** Lease commands read and write this store directly (no engine running: tests, tools). */
        public Builder leaseStore(LeaseStore4 value) {
            leaseStore = value;
            return this;
        }

        /** Lease commands read the engine's store and write through the engine (the running server). */
        public Builder leaseEngine(LeaseEngine engine) {
            leaseStore = engine.store();
            leaseChanges = LeaseChanges4.through(engine);
            return this;
        }

        public Builder subnets(Supplier<SubnetCatalog4> value) {
            subnets = value;
            return this;
        }

        public Builder statistics(StatisticsRegistry value) {
            statistics = value;
            return this;
        }

        public Builder engine(Supplier<ServerStatus> statusValue, DhcpServiceSwitch switchValue, LeaseReclamation reclaimValue) {
            status = statusValue;
            serviceSwitch = switchValue;
            reclamation = reclaimValue;
            return this;
        }

        public Builder configuration(ConfigurationService value) {
            configuration = value;
            return this;
        }

        /** Registers every command group whose parts were given. */
        public ControlService build() {
            CommandRegistry registry = new CommandRegistry();
            GenericCommands.register(registry, identity, shutdown == null ? value -> { } : shutdown);
            if (statistics != null) {
                new StatisticCommands(statistics, zone).register(registry);
            }
            if (subnets != null) {
                new SubnetCommands(subnets).register(registry);
            }
            if (leaseStore != null && subnets != null && statistics != null) {
                LeaseChanges4 changes = leaseChanges != null ? leaseChanges : LeaseChanges4.direct(leaseStore, statistics);
                new LeaseCommands4(leaseStore, changes, subnets, statistics, clock).register(registry);
            }
            ServerCommands server = null;
            if (status != null && serviceSwitch != null && reclamation != null) {
                server = new ServerCommands(status, serviceSwitch, reclamation);
                server.register(registry);
            }
            if (configuration != null) {
                new ConfigCommands(configuration).register(registry);
            }
            ControlService service = new ControlService(registry, clock, server);
            if (configuration instanceof Dhcp4Configuration dhcp4) {
                dhcp4.controlSockets(service::prepareControlSockets);
            }
            return service;
        }
    }
}

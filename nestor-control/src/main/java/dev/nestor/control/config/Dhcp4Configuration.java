package dev.nestor.control.config;

import dev.nestor.config.ConfigException;
import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.config.Subnet4;
import dev.nestor.control.commands.SubnetCatalog4;
import dev.nestor.control.engine.ConfigurationRejected;
import dev.nestor.control.engine.ConfigurationService;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running DHCPv4 configuration and its lifecycle: {@code config-test} validates with the real
 * loader, {@code config-set}/{@code config-reload} validate, hand the new model to the engine's
 * {@link Applier}, and only if that succeeds publish it (one atomic reference swap). A configuration
 * refused by the loader, by a {@link ConfigurationStage} (the control sockets) or by the engine leaves
 * the old one running. Readers (lease and subnet
 * commands, {@code config-get}) always see one whole configuration.
 */
public final class Dhcp4Configuration implements ConfigurationService {

    /** The engine's side of a configuration change: switch to {@code next} entirely, or throw and change nothing. */
    @FunctionalInterface
    public interface Applier {
        void apply(LoadedConfig<Dhcp4Config> next) throws Exception;
    }

    private record Snapshot(LoadedConfig<Dhcp4Config> loaded, SubnetCatalog4 subnets) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Path startupFile;
    private final Applier applier;
    private volatile ConfigurationStage controlSockets = next -> ConfigurationStage.Transition.NONE;

    /**
     * @param initial     the configuration the server started with (already applied)
     * @param startupFile the file it came from, or null
     * @param applier     the engine's switch to a new configuration
     */
    public Dhcp4Configuration(LoadedConfig<Dhcp4Config> initial, Path startupFile, Applier applier) {
        this.startupFile = startupFile;
        this.applier = Objects.requireNonNull(applier, "applier");
        current.set(snapshot(initial));
    }

    /**
     * Sets the stage that reopens changed control sockets on a configuration change ({@code ControlService}
     * sets itself here when built with this configuration). It is prepared before the engine's switch, so a
     * socket that cannot be opened refuses the configuration as in Kea.
     */
    public void controlSockets(ConfigurationStage stage) {
        controlSockets = Objects.requireNonNull(stage, "stage");
    }

    /** The running configuration. */
    public LoadedConfig<Dhcp4Config> current() {
        return current.get().loaded();
    }

    /** The running configuration's subnets (a new catalog after each change). */
    public SubnetCatalog4 subnets() {
        return current.get().subnets();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The map is the file's {@code Dhcp4} as parsed, with {@code subnet4} present (empty when the file has
     * none): Kea's {@code config-get} always has it, and kea-exporter reads it unconditionally.
     */
    @Override
    public JsonObject running() {
        JsonObject dhcp4 = current.get().loaded().raw();
        if (!dhcp4.has("subnet4")) {
            dhcp4 = dhcp4.with("subnet4", JsonArray.EMPTY);
        }
        return JsonObject.builder().put("Dhcp4", dhcp4).build();
    }

    @Override
    public void check(JsonObject document) throws ConfigurationRejected {
        load(document);
    }

    @Override
    public synchronized void apply(JsonObject document) throws ConfigurationRejected {
        publish(load(document));
    }

    @Override
    public synchronized void reload() throws ConfigurationRejected {
        if (startupFile == null) {
            throw new ConfigurationRejected("Config reload failed: the server was not started from a file");
        }
        LoadedConfig<Dhcp4Config> next;
        try {
            next = ConfigLoader.loadDhcp4(startupFile);
        } catch (ConfigException e) {
            throw new ConfigurationRejected("Config reload failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigurationRejected("Config reload failed: internal error: " + e, e);
        }
        publish(next);
    }

    @Override
    public Optional<Path> startupFile() {
        return Optional.ofNullable(startupFile);
    }

    private static LoadedConfig<Dhcp4Config> load(JsonObject document) throws ConfigurationRejected {
        try {
            return ConfigLoader.fromJsonDhcp4(document);
        } catch (ConfigException e) {
            throw new ConfigurationRejected(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConfigurationRejected("internal error while checking the configuration: " + e, e);
        }
    }

    private void publish(LoadedConfig<Dhcp4Config> next) throws ConfigurationRejected {
        Snapshot snapshot = snapshot(next);
        ConfigurationStage.Transition sockets = controlSockets.prepare(next);
        try {
            applier.apply(next);
        } catch (Exception e) {
            sockets.rollback();
            throw new ConfigurationRejected("Configuration could not be applied: " + e.getMessage(), e);
        }
        current.set(snapshot);
        sockets.commit();
    }

    private static Snapshot snapshot(LoadedConfig<Dhcp4Config> loaded) {
        return new Snapshot(loaded, catalog(loaded));
    }

    /** Subnets with their JSON as written in the file (plus the id when it was assigned automatically). */
    static SubnetCatalog4 catalog(LoadedConfig<Dhcp4Config> loaded) {
        Map<Long, JsonObject> rawById = new HashMap<>();
        List<JsonObject> rawSubnets = new ArrayList<>();
        collectSubnets(loaded.raw().get("subnet4"), rawSubnets);
        if (loaded.raw().get("shared-networks") instanceof JsonArray networks) {
            for (JsonValue network : networks) {
                if (network instanceof JsonObject map) {
                    collectSubnets(map.get("subnet4"), rawSubnets);
                }
            }
        }
        for (JsonObject raw : rawSubnets) {
            if (raw.get("id") instanceof JsonNumber id && id.isIntegral()) {
                rawById.put(id.longValue(), raw);
            }
        }
        List<SubnetCatalog4.Subnet> subnets = new ArrayList<>();
        for (Subnet4 subnet : loaded.config().subnets()) {
            JsonObject json = rawById.get(subnet.id());
            if (json == null) {
                json = JsonObject.builder().put("id", subnet.id()).put("subnet", subnet.prefixText()).build();
            }
            subnets.add(new SubnetCatalog4.Subnet(subnet.id(), subnet.prefix(), subnet.prefixLength(),
                    subnet.validLifetime().value(), json));
        }
        return SubnetCatalog4.of(subnets);
    }

    private static void collectSubnets(JsonValue list, List<JsonObject> out) {
        if (list instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonObject map) {
                    out.add(map);
                }
            }
        }
    }
}

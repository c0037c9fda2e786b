package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.engine.ConfigurationRejected;
import dev.nestor.control.engine.ConfigurationService;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code config-get}, {@code config-test}, {@code config-set}, {@code config-reload} and
 * {@code config-write} over a {@link ConfigurationService}. {@code config-set} and
 * {@code config-reload} are registered exclusive: they run alone, after commands in flight finish.
 */
public final class ConfigCommands {

    private final ConfigurationService configuration;

    public ConfigCommands(ConfigurationService configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    /** Registers the five commands. */
    public void register(CommandRegistry registry) {
        registry.register("config-get", command -> ControlAnswer.success(null, configuration.running()));
        registry.register("config-test", this::test);
        registry.register("config-set", this::set, true);
        registry.register("config-reload", this::reload, true);
        registry.register("config-write", this::write);
    }

    /** Kea's checks of a {@code {"Dhcp4": {...}}} argument map. */
    private static JsonObject document(ControlCommand command) throws CommandFailure {
        JsonValue arguments = command.arguments();
        if (arguments == null) {
            throw CommandFailure.error("Missing mandatory 'arguments' parameter.");
        }
        if (!(arguments instanceof JsonObject map)) {
            throw CommandFailure.error("Error during command processing: get(string) called on a non-map Element in "
                    + KeaParameters.where(arguments));
        }
        JsonValue dhcp4 = map.get("Dhcp4");
        if (dhcp4 == null) {
            throw CommandFailure.error("Missing mandatory 'Dhcp4' parameter.");
        }
        if (!(dhcp4 instanceof JsonObject)) {
            throw CommandFailure.error("'Dhcp4' parameter expected to be a map.");
        }
        for (String key : map.keys()) {
            if (!key.equals("Dhcp4")) {
                throw CommandFailure.error("Unsupported '" + key + "' parameter.");
            }
        }
        return map;
    }

    private ControlAnswer test(ControlCommand command) throws CommandFailure {
        JsonObject document = document(command);
        try {
            configuration.check(document);
        } catch (ConfigurationRejected e) {
            throw CommandFailure.error(e.getMessage());
        }
        return ControlAnswer.success("Configuration seems sane. Control-socket, hook-libraries, and D2 configuration"
                + " were sanity checked, but not applied.");
    }

    private ControlAnswer set(ControlCommand command) throws CommandFailure {
        JsonObject document = document(command);
        try {
            configuration.apply(document);
        } catch (ConfigurationRejected e) {
            throw CommandFailure.error(e.getMessage());
        }
        return ControlAnswer.success("Configuration successful.");
    }

    private ControlAnswer reload(ControlCommand command) throws CommandFailure {
        try {
            configuration.reload();
        } catch (ConfigurationRejected e) {
            throw CommandFailure.error(e.getMessage());
        }
        return ControlAnswer.success("Configuration successful.");
    }

    private ControlAnswer write(ControlCommand command) throws CommandFailure {
        String name = null;
        if (command.arguments() instanceof JsonObject map && map.has("filename")) {
            if (!(map.get("filename") instanceof JsonString filename)) {
                throw CommandFailure.error("passed parameter 'filename' is not a string");
            }
            name = filename.value();
        }
        if (name == null) {
            Optional<Path> startup = configuration.startupFile();
            if (startup.isEmpty()) {
                throw CommandFailure.error("Unable to determine filename.Please specify filename explicitly.");
            }
            name = startup.get().toString();
        }
        byte[] content = JsonWriter.pretty(configuration.running()).concat("\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path target = Path.of(name);
            Path temporary = target.resolveSibling(target.getFileName() + ".nestor-tmp");
            // write then rename, so a crash never leaves a half-written configuration file
            Files.write(temporary, content);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            throw CommandFailure.error("Error during write-config:Unable to open file " + name + " for writing");
        }
        return ControlAnswer.success("Configuration written to " + name + " successful",
                JsonObject.builder().put("filename", name).put("size", content.length).build());
    }
}

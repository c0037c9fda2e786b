package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Commands that need nothing from the engine: {@code list-commands}, {@code version-get},
 * {@code build-report} and {@code shutdown} (which hands the exit value to a callback and answers
 * at once; the callback must stop the server asynchronously, after the answer is sent).
 */
public final class GenericCommands {

    private GenericCommands() {
    }

    /** Registers the four commands. */
    public static void register(CommandRegistry registry, ServerIdentity identity, IntConsumer shutdown) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(shutdown, "shutdown");
        registry.register("list-commands", command -> listCommands(registry));
        registry.register("version-get", command -> ControlAnswer.success(identity.version(),
                JsonObject.builder().put("extended", identity.extended()).build()));
        registry.register("build-report", command -> ControlAnswer.success(identity.buildReport()));
        registry.register("shutdown", command -> shutdown(command, shutdown));
    }

    private static ControlAnswer listCommands(CommandRegistry registry) {
        List<String> names = registry.names();
        JsonArray.Builder list = JsonArray.builder();
        names.forEach(list::add);
        return ControlAnswer.success(null, list.build());
    }

    private static ControlAnswer shutdown(ControlCommand command, IntConsumer shutdown) throws CommandFailure {
        int exitValue = 0;
        if (command.arguments() != null && !(command.arguments() instanceof JsonObject)) {
            throw CommandFailure.error("Argument must be a map");
        }
        if (command.arguments() instanceof JsonObject map && map.has("exit-value")) {
            JsonValue value = map.get("exit-value");
            if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
                throw CommandFailure.error("parameter 'exit-value' is not an integer");
            }
            exitValue = (int) number.longValue();
        }
        shutdown.accept(exitValue);
        return ControlAnswer.success("Shutting down.");
    }
}

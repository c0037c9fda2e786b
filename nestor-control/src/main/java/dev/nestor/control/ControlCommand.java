package dev.nestor.control;

import dev.nestor.json.JsonValue;
import java.util.List;
import java.util.Objects;

/**
 * A parsed control command: its name, its {@code arguments} (null when absent; any JSON type, each
 * command checks its own) and the {@code service} list ({@code List.of()} when absent).
 */
public record ControlCommand(String name, JsonValue arguments, List<String> service) {

    public ControlCommand {
        Objects.requireNonNull(name, "name");
        service = List.copyOf(service);
    }

    /** A command with arguments and no service. */
    public static ControlCommand of(String name, JsonValue arguments) {
        return new ControlCommand(name, arguments, List.of());
    }
}

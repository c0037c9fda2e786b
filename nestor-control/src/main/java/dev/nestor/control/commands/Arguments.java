package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.ControlCommand;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;

/**
 * Small readers for command arguments. Each takes the exact Kea text to fail with, because Kea's
 * texts differ from command to command for the same mistake.
 */
final class Arguments {

    private Arguments() {
    }

    /** The arguments map, or a failure with {@code text} when absent or not a map. */
    static JsonObject map(ControlCommand command, String text) throws CommandFailure {
        if (command.arguments() instanceof JsonObject map) {
            return map;
        }
        throw CommandFailure.error(text);
    }

    /** The arguments map, an empty map when absent, or a failure with {@code text} when not a map. */
    static JsonObject optionalMap(ControlCommand command, String text) throws CommandFailure {
        if (command.arguments() == null) {
            return JsonObject.EMPTY;
        }
        return map(command, text);
    }

    /** The string member, null when absent; a failure with {@code wrongType} otherwise. */
    static String string(JsonObject map, String key, String wrongType) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.value();
        }
        throw CommandFailure.error(wrongType);
    }

    /** The integer member (no fraction, fits a long), null when absent; a failure with {@code wrongType} otherwise. */
    static Long integer(JsonObject map, String key, String wrongType) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            return n.longValue();
        }
        throw CommandFailure.error(wrongType);
    }

    /** The boolean member, null when absent; a failure with {@code wrongType} otherwise. */
    static Boolean bool(JsonObject map, String key, String wrongType) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonBoolean b) {
            return b.value();
        }
        throw CommandFailure.error(wrongType);
    }
}

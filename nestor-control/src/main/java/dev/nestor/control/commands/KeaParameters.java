package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.Position;

/**
 * Typed reads with the texts of Kea's {@code SimpleParser} ({@code missing parameter 'x' (<wire>:0:37)},
 * {@code invalid type specified for parameter 'x' (...)}, {@code out of range value (v) specified for
 * parameter 'x' (...)}), used where Kea's lease parser uses them.
 */
final class KeaParameters {

    private KeaParameters() {
    }

    /**
     * Kea's position suffix for a value received on the control channel. Kea counts lines from 0 there,
     * and (as its reader records positions) a map or list at the column of its bracket, a scalar one
     * column before its first character.
     */
    static String where(JsonValue value) {
        Position position = value == null ? null : value.position();
        if (position == null) {
            return "(<wire>:0:0)";
        }
        boolean container = value instanceof JsonObject || value instanceof dev.nestor.json.JsonArray;
        int column = container ? position.column() : position.column() - 1;
        return "(" + position.file() + ":" + (position.line() - 1) + ":" + column + ")";
    }

    static String requiredString(JsonObject map, String key) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            throw CommandFailure.error("missing parameter '" + key + "' " + where(map));
        }
        if (!(value instanceof JsonString s)) {
            throw CommandFailure.error("invalid type specified for parameter '" + key + "' " + where(value));
        }
        return s.value();
    }

    static String optionalString(JsonObject map, String key, String fallback) throws CommandFailure {
        return map.has(key) ? requiredString(map, key) : fallback;
    }

    static boolean optionalBoolean(JsonObject map, String key, boolean fallback) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonBoolean b)) {
            throw CommandFailure.error("invalid type specified for parameter '" + key + "' " + where(value));
        }
        return b.value();
    }

    /** An integer in {@code 0..max}, or {@code fallback} when absent. */
    static long optionalUnsigned(JsonObject map, String key, long max, long fallback) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw CommandFailure.error("invalid type specified for parameter '" + key + "' " + where(value));
        }
        long number = n.longValue();
        if (number < 0 || number > max) {
            throw CommandFailure.error("out of range value (" + number + ") specified for parameter '" + key + "' "
                    + where(value));
        }
        return number;
    }

    /** Any integer, or {@code fallback} when absent. */
    static long optionalInteger(JsonObject map, String key, long fallback) throws CommandFailure {
        JsonValue value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw CommandFailure.error("invalid type specified for parameter '" + key + "' " + where(value));
        }
        return n.longValue();
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNull;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one JSON map of the configuration with Kea's rules: only known keys, exact types, errors carrying the
 * position and the key path. Package-private plumbing for the parsers.
 */
final class Obj {
    final JsonObject json;
    final String context;
    final String path;

    private Obj(JsonObject json, String context, String path) {
        this.json = json;
        this.context = context;
        this.path = path;
    }

    /** Wraps {@code value}, which must be a map, as context {@code context} at {@code path}. */
    static Obj of(JsonValue value, String context, String path) throws ConfigException {
        if (!(value instanceof JsonObject o)) {
            throw typeError(value, path, "{");
        }
        return new Obj(o, context, path);
    }

    static String describe(JsonValue value) {
        return switch (value) {
            case JsonString ignored -> "constant string";
            case JsonNumber n -> n.isIntegral() ? "integer" : "floating point";
            case JsonBoolean ignored -> "boolean";
            case JsonNull ignored -> "null";
            case JsonObject ignored -> "{";
            case JsonArray ignored -> "[";
        };
    }

    static ConfigException typeError(JsonValue value, String path, String expecting) {
        return ConfigException.syntax(value.position(), 0, path,
                "syntax error, unexpected " + describe(value) + ", expecting " + expecting);
    }

    /** Refuses keys not in {@code allowed} with Kea's message. */
    void allow(Set<String> allowed) throws ConfigException {
        for (String key : json.keys()) {
            if (!allowed.contains(key)) {
                Position at = json.keyPosition(key);
                throw ConfigException.syntax(at, at == null ? 0 : at.column() + key.length() + 1, path(key),
                        "got unexpected keyword \"" + key + "\" in " + context + " map.");
            }
        }
    }

    boolean has(String key) { return json.has(key); }

    JsonValue raw(String key) { return json.get(key); }

    String path(String key) { return path.isEmpty() ? key : path + "." + key; }

    Position pos(String key) {
        JsonValue v = json.get(key);
        return v != null && v.position() != null ? v.position() : json.keyPosition(key);
    }

    Position position() { return json.position(); }

    ConfigException error(String key, String message) {
        return ConfigException.semantic(pos(key), path(key), message);
    }

    ConfigException error(String message) {
        return ConfigException.semantic(json.position(), path, message);
    }

    void require(String key) throws ConfigException {
        if (!json.has(key)) {
            Position at = json.position();
            throw ConfigException.parse(at, path(key),
                    "missing parameter '" + key + "' (" + at + ") [" + context + " map at " + at + "]");
        }
    }

    Long integerOrNull(String key) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return null;
        if (v instanceof JsonNumber n && n.isIntegral()) return n.longValue();
        throw typeError(v, path(key), "integer");
    }

    long integer(String key, long defaultValue) throws ConfigException {
        Long v = integerOrNull(key);
        return v == null ? defaultValue : v;
    }

    /** An integer in {@code [min, max]}, with Kea's "must not be negative" / "must not be greater than" texts. */
    long integer(String key, long defaultValue, long min, long max) throws ConfigException {
        Long v = integerOrNull(key);
        if (v == null) return defaultValue;
        checkRange(key, v, min, max);
        return v;
    }

    Long integerOrNull(String key, long min, long max) throws ConfigException {
        Long v = integerOrNull(key);
        if (v != null) checkRange(key, v, min, max);
        return v;
    }

    private void checkRange(String key, long v, long min, long max) throws ConfigException {
        if (v < min) {
            throw error(key, min == 0 ? "'" + key + "' must not be negative"
                    : "'" + key + "' must not be lower than " + min);
        }
        if (v > max) throw error(key, "'" + key + "' must not be greater than " + max);
    }

    Boolean boolOrNull(String key) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return null;
        if (v instanceof JsonBoolean b) return b.value();
        throw typeError(v, path(key), "boolean");
    }

    boolean bool(String key, boolean defaultValue) throws ConfigException {
        Boolean v = boolOrNull(key);
        return v == null ? defaultValue : v;
    }

    String stringOrNull(String key) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return null;
        if (v instanceof JsonString s) return s.value();
        throw typeError(v, path(key), "constant string");
    }

    String string(String key, String defaultValue) throws ConfigException {
        String v = stringOrNull(key);
        return v == null ? defaultValue : v;
    }

    /** A real; Kea's grammar wants a floating-point token, so an integer is a syntax error as in Kea. */
    Double realOrNull(String key) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return null;
        if (v instanceof JsonNumber n && !n.isIntegral()) return n.doubleValue();
        throw typeError(v, path(key), "floating point");
    }

    /** A string that must be one of {@code values} (Kea's keyword tokens). */
    String enumeration(String key, String defaultValue, String... values) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return defaultValue;
        if (v instanceof JsonString s) {
            for (String allowed : values) {
                if (allowed.equals(s.value())) return allowed;
            }
        }
        throw typeError(v, path(key), String.join(" or ", values));
    }

    Obj map(String key, String childContext) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return null;
        return of(v, childContext, path(key));
    }

    List<JsonValue> list(String key) throws ConfigException {
        JsonValue v = json.get(key);
        if (v == null) return List.of();
        if (v instanceof JsonArray a) return a.elements();
        throw typeError(v, path(key), "[");
    }

    /** The elements of list {@code key}, each wrapped as a map of context {@code elementContext}. */
    List<Obj> maps(String key, String elementContext) throws ConfigException {
        List<JsonValue> elements = list(key);
        List<Obj> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            out.add(of(elements.get(i), elementContext, path(key) + "[" + i + "]"));
        }
        return out;
    }

    /** The elements of list {@code key}, each a string. */
    List<String> strings(String key) throws ConfigException {
        List<JsonValue> elements = list(key);
        List<String> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            JsonValue e = elements.get(i);
            if (!(e instanceof JsonString s)) throw typeError(e, path(key) + "[" + i + "]", "constant string");
            out.add(s.value());
        }
        return out;
    }

    /**
     * The user context of this map: {@code user-context} (which must be a map) with {@code comment} folded in as
     * Kea does; {@code null} when neither is present.
     */
    JsonObject userContext() throws ConfigException {
        JsonValue context = json.get("user-context");
        JsonObject result = null;
        if (context != null) {
            if (!(context instanceof JsonObject o)) throw typeError(context, path("user-context"), "{");
            result = o;
        }
        String comment = stringOrNull("comment");
        if (comment != null) {
            result = (result == null ? JsonObject.EMPTY : result).with("comment", JsonString.of(comment));
        }
        return result;
    }

    /** Checks that every key in {@code keys}, if present, has the expected JSON type (for keys parsed but not modelled). */
    void checkTypes(String expecting, String... keys) throws ConfigException {
        for (String key : keys) {
            JsonValue v = json.get(key);
            if (v == null) continue;
            boolean ok = switch (expecting) {
                case "integer" -> v instanceof JsonNumber n && n.isIntegral();
                case "boolean" -> v instanceof JsonBoolean;
                case "constant string" -> v instanceof JsonString;
                case "floating point" -> v instanceof JsonNumber n && !n.isIntegral();
                case "{" -> v instanceof JsonObject;
                case "[" -> v instanceof JsonArray;
                default -> true;
            };
            if (!ok) throw typeError(v, path(key), expecting);
        }
    }
}

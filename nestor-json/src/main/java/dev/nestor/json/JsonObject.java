package dev.nestor.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable JSON object: members in insertion (source) order, keys unique, and for parsed objects the
 * position of each key (Kea reports unknown keywords at the key, not at the value).
 */
public final class JsonObject implements JsonValue {
    /** The positionless empty object. */
    public static final JsonObject EMPTY = new JsonObject(Map.of(), Map.of(), null);

    private final Map<String, JsonValue> members;
    private final Map<String, Position> keyPositions;
    private final Position position;

    private JsonObject(Map<String, JsonValue> members, Map<String, Position> keyPositions, Position position) {
        this.members = members;
        this.keyPositions = keyPositions;
        this.position = position;
    }

    /**
     * An object with {@code members} (copied, order kept) and key positions (copied; may be empty) starting
     * at {@code position} (may be {@code null}).
     */
    public static JsonObject of(Map<String, ? extends JsonValue> members, Map<String, Position> keyPositions,
                                Position position) {
        return new JsonObject(Collections.unmodifiableMap(new LinkedHashMap<>(members)),
                keyPositions.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keyPositions)),
                position);
    }

    /** A builder for a positionless object. */
    public static Builder builder() {
        return new Builder();
    }

    /** Members in source order, unmodifiable. */
    public Map<String, JsonValue> members() { return members; }

    /** The keys in source order. */
    public Set<String> keys() { return members.keySet(); }

    /** The member named {@code key}, or {@code null}. */
    public JsonValue get(String key) { return members.get(key); }

    /** The member named {@code key}, if present. */
    public Optional<JsonValue> find(String key) { return Optional.ofNullable(members.get(key)); }

    /** The string member {@code key}, if present and a string. */
    public Optional<String> string(String key) {
        return members.get(key) instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    /** The integer member {@code key}, if present and a 64-bit integer. */
    public java.util.OptionalLong integer(String key) {
        return members.get(key) instanceof JsonNumber n && n.isIntegral()
                ? java.util.OptionalLong.of(n.longValue()) : java.util.OptionalLong.empty();
    }

    /** The boolean member {@code key}, if present and a boolean. */
    public Optional<Boolean> bool(String key) {
        return members.get(key) instanceof JsonBoolean b ? Optional.of(b.value()) : Optional.empty();
    }

    /** The object member {@code key}, if present and an object. */
    public Optional<JsonObject> object(String key) {
        return members.get(key) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    }

    /** The array member {@code key}, if present and an array. */
    public Optional<JsonArray> array(String key) {
        return members.get(key) instanceof JsonArray a ? Optional.of(a) : Optional.empty();
    }

    /** True when {@code key} is a member. */
    public boolean has(String key) { return members.containsKey(key); }

    /** Number of members. */
    public int size() { return members.size(); }

    /** True when there are no members. */
    public boolean isEmpty() { return members.isEmpty(); }

    /** Where {@code key} was written, falling back to its value's position, then this object's. */
    public Position keyPosition(String key) {
        Position p = keyPositions.get(key);
        if (p != null) return p;
        JsonValue v = members.get(key);
        if (v != null && v.position() != null) return v.position();
        return position;
    }

    /** A copy of this object with {@code key} set to {@code value} (appended, or replaced in place). */
    public JsonObject with(String key, JsonValue value) {
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.put(key, value);
        return new JsonObject(Collections.unmodifiableMap(copy), keyPositions, position);
    }

    /** A copy of this object without {@code key}. */
    public JsonObject without(String key) {
        if (!members.containsKey(key)) return this;
        LinkedHashMap<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.remove(key);
        return new JsonObject(Collections.unmodifiableMap(copy), keyPositions, position);
    }

    @Override public Position position() { return position; }
    @Override public String typeName() { return "map"; }
    @Override public boolean equals(Object other) { return other instanceof JsonObject o && o.members.equals(members); }
    @Override public int hashCode() { return members.hashCode(); }
    @Override public String toString() { return JsonWriter.compact(this); }

    /** Collects members for a positionless {@link JsonObject}; a repeated key replaces the earlier value. */
    public static final class Builder {
        private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets a member. */
        public Builder put(String key, JsonValue value) { members.put(key, value); return this; }
        /** Sets a string member. */
        public Builder put(String key, String value) { return put(key, JsonString.of(value)); }
        /** Sets an integer member. */
        public Builder put(String key, long value) { return put(key, JsonNumber.of(value)); }
        /** Sets a real member. */
        public Builder put(String key, double value) { return put(key, JsonNumber.of(value)); }
        /** Sets a boolean member. */
        public Builder put(String key, boolean value) { return put(key, JsonBoolean.of(value)); }
        /** Sets a member built by another builder. */
        public Builder put(String key, Builder value) { return put(key, value.build()); }
        /** Sets a member built by an array builder. */
        public Builder put(String key, JsonArray.Builder value) { return put(key, value.build()); }
        /** Builds the object. */
        public JsonObject build() {
            return new JsonObject(Collections.unmodifiableMap(new LinkedHashMap<>(members)), Map.of(), null);
        }
    }
}

package dev.nestor.json;

import java.util.Objects;

/** A JSON string (already unescaped). */
public final class JsonString implements JsonValue {
    private final String value;
    private final Position position;

    /** A string parsed at {@code position} (may be {@code null}). */
    public JsonString(String value, Position position) {
        this.value = Objects.requireNonNull(value, "value");
        this.position = position;
    }

    /** A positionless string. */
    public static JsonString of(String value) {
        return new JsonString(value, null);
    }

    /** The text held, without quotes or escapes. */
    public String value() { return value; }

    @Override public Position position() { return position; }
    @Override public String typeName() { return "string"; }
    @Override public boolean equals(Object other) { return other instanceof JsonString s && s.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
    @Override public String toString() { return JsonWriter.compact(this); }
}

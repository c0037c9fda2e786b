package dev.nestor.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** An immutable JSON array. */
public final class JsonArray implements JsonValue, Iterable<JsonValue> {
    /** The positionless empty array. */
    public static final JsonArray EMPTY = new JsonArray(List.of(), null);

    private final List<JsonValue> elements;
    private final Position position;

    /** An array of {@code elements} (copied) parsed at {@code position} (may be {@code null}). */
    public JsonArray(List<? extends JsonValue> elements, Position position) {
        this.elements = List.copyOf(elements);
        this.position = position;
    }

    /** A positionless array. */
    public static JsonArray of(JsonValue... elements) {
        return new JsonArray(Arrays.asList(elements), null);
    }

    /** A builder for a positionless array. */
    public static Builder builder() {
        return new Builder();
    }

    /** The elements, unmodifiable. */
    public List<JsonValue> elements() { return elements; }

    /** Number of elements. */
    public int size() { return elements.size(); }

    /** Element {@code index}. */
    public JsonValue get(int index) { return elements.get(index); }

    /** True when there are no elements. */
    public boolean isEmpty() { return elements.isEmpty(); }

    @Override public Iterator<JsonValue> iterator() { return elements.iterator(); }
    @Override public Position position() { return position; }
    @Override public String typeName() { return "list"; }
    @Override public boolean equals(Object other) { return other instanceof JsonArray a && a.elements.equals(elements); }
    @Override public int hashCode() { return elements.hashCode(); }
    @Override public String toString() { return JsonWriter.compact(this); }

    /** Collects elements for a positionless {@link JsonArray}. Not thread-safe; build once. */
    public static final class Builder {
        private final List<JsonValue> elements = new ArrayList<>();

        private Builder() {
        }

        /** Appends a value. */
        public Builder add(JsonValue value) { elements.add(value); return this; }
        /** Appends a string. */
        public Builder add(String value) { return add(JsonString.of(value)); }
        /** Appends an integer. */
        public Builder add(long value) { return add(JsonNumber.of(value)); }
        /** Appends a boolean. */
        public Builder add(boolean value) { return add(JsonBoolean.of(value)); }
        /** Builds the array. */
        public JsonArray build() { return new JsonArray(elements, null); }
    }
}

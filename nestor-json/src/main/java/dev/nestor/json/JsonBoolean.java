package dev.nestor.json;

/** The JSON literals {@code true} and {@code false}. */
public final class JsonBoolean implements JsonValue {
    /** Positionless true. */
    public static final JsonBoolean TRUE = new JsonBoolean(true, null);
    /** Positionless false. */
    public static final JsonBoolean FALSE = new JsonBoolean(false, null);

    private final boolean value;
    private final Position position;

    /** A boolean parsed at {@code position} (may be {@code null}). */
    public JsonBoolean(boolean value, Position position) {
        this.value = value;
        this.position = position;
    }

    /** The positionless constant for {@code value}. */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** The boolean held. */
    public boolean value() { return value; }

    @Override public Position position() { return position; }
    @Override public String typeName() { return "boolean"; }
    @Override public boolean equals(Object other) { return other instanceof JsonBoolean b && b.value == value; }
    @Override public int hashCode() { return Boolean.hashCode(value); }
    @Override public String toString() { return Boolean.toString(value); }
}

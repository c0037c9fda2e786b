package dev.nestor.json;

/** The JSON {@code null} literal. */
public final class JsonNull implements JsonValue {
    /** The positionless null. */
    public static final JsonNull INSTANCE = new JsonNull(null);

    private final Position position;

    /** A null parsed at {@code position} (may be {@code null}). */
    public JsonNull(Position position) {
        this.position = position;
    }

    @Override public Position position() { return position; }
    @Override public String typeName() { return "null"; }
    @Override public boolean equals(Object other) { return other instanceof JsonNull; }
    @Override public int hashCode() { return 0; }
    @Override public String toString() { return "null"; }
}

package dev.nestor.json;

/**
 * An immutable JSON value with the source position it was parsed from ({@code null} for values built in code).
 * Equality ignores positions: two values are equal when they hold the same JSON data
 * (objects compare members in order-insensitive map fashion, numbers compare by numeric value).
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Where this value starts in its source, or {@code null} if it was built in code. */
    Position position();

    /** Kea's name of this value's type, as used in its error messages ("map", "list", "string", "integer", "real", "boolean", "null"). */
    String typeName();

    /** Compact JSON text of this value. */
    default String toJson() {
        return JsonWriter.compact(this);
    }
}

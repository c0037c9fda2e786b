package dev.nestor.json;

/** Short static entry points for building JSON values in code. */
public final class Json {
    private Json() {
    }

    /** A new object builder. */
    public static JsonObject.Builder object() { return JsonObject.builder(); }
    /** A new array builder. */
    public static JsonArray.Builder array() { return JsonArray.builder(); }
    /** A string value. */
    public static JsonString string(String value) { return JsonString.of(value); }
    /** An integer value. */
    public static JsonNumber number(long value) { return JsonNumber.of(value); }
    /** A real value. */
    public static JsonNumber number(double value) { return JsonNumber.of(value); }
    /** A boolean value. */
    public static JsonBoolean bool(boolean value) { return JsonBoolean.of(value); }
    /** The null value. */
    public static JsonNull nullValue() { return JsonNull.INSTANCE; }
}

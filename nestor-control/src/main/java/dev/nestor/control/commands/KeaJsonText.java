package dev.nestor.control.commands;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;

/**
 * Kea's {@code Element::str()} rendering, which some error texts embed: {@code { "a": 1, "b": [ 2, 3 ] }},
 * map keys sorted, an empty map {@code {  }} and an empty list {@code [  ]}.
 */
final class KeaJsonText {

    private KeaJsonText() {
    }

    static String str(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject map -> {
                out.append("{ ");
                boolean first = true;
                for (String key : map.keys().stream().sorted().toList()) {
                    out.append(first ? "" : ", ");
                    first = false;
                    JsonWriter.writeString(key, out);
                    out.append(": ");
                    write(map.get(key), out);
                }
                out.append(" }");
            }
            case JsonArray list -> {
                out.append("[ ");
                for (int i = 0; i < list.size(); i++) {
                    out.append(i > 0 ? ", " : "");
                    write(list.get(i), out);
                }
                out.append(" ]");
            }
            default -> JsonWriter.writeCompact(value, out);
        }
    }
}

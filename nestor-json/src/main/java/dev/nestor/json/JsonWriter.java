package dev.nestor.json;

import java.util.Map;

/**
 * Writes JSON text: a compact form (no whitespace; used on the control channel and for HA lease updates, so it is
 * a plain {@link StringBuilder} walk) and a pretty form (two-space indentation, like Kea's {@code config-get}).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    /** Compact JSON text of {@code value}. */
    public static String compact(JsonValue value) {
        StringBuilder out = new StringBuilder(64);
        writeCompact(value, out);
        return out.toString();
    }

    /** Appends the compact JSON text of {@code value} to {@code out}. */
    public static void writeCompact(JsonValue value, StringBuilder out) {
        switch (value) {
            case JsonObject o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    writeString(e.getKey(), out);
                    out.append(':');
                    writeCompact(e.getValue(), out);
                }
                out.append('}');
            }
            case JsonArray a -> {
                out.append('[');
                int n = a.size();
                for (int i = 0; i < n; i++) {
                    if (i > 0) out.append(',');
                    writeCompact(a.get(i), out);
                }
                out.append(']');
            }
            case JsonString s -> writeString(s.value(), out);
            case JsonNumber n -> out.append(n.text());
            case JsonBoolean b -> out.append(b.value() ? "true" : "false");
            case JsonNull ignored -> out.append("null");
        }
    }

    /** Pretty JSON text of {@code value}, two-space indentation, no trailing newline. */
    public static String pretty(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        writePretty(value, out, 0);
        return out.toString();
    }

    private static void writePretty(JsonValue value, StringBuilder out, int depth) {
        switch (value) {
            case JsonObject o when !o.isEmpty() -> {
                out.append("{\n");
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) out.append(",\n");
                    first = false;
                    indent(out, depth + 1);
                    writeString(e.getKey(), out);
                    out.append(": ");
                    writePretty(e.getValue(), out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append('}');
            }
            case JsonArray a when !a.isEmpty() -> {
                out.append("[\n");
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) out.append(",\n");
                    indent(out, depth + 1);
                    writePretty(a.get(i), out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append(']');
            }
            default -> writeCompact(value, out);
        }
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) out.append("  ");
    }

    /** Appends {@code s} as a quoted JSON string, escaping quotes, backslashes and control characters. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, start, n);
        out.append('"');
    }
}

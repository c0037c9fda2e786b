package dev.nestor.ha.message;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Typed reads of JSON map members with Kea-like error texts, and Kea-ordered (alphabetical) map building. */
final class JsonFields {

    private JsonFields() {
    }

    /** Kea's JSON maps are ordered by key (std::map); building them the same way keeps our texts byte-identical. */
    static JsonObject sortedObject(Map<String, JsonValue> members) {
        return JsonObject.of(new TreeMap<>(members), Map.of(), null);
    }

    static JsonObject map(JsonValue value, String what) throws PeerMessageException {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new PeerMessageException(what + " must be a map");
    }

    static String string(JsonObject object, String key) throws PeerMessageException {
        JsonValue value = object.get(key);
        if (value == null) {
            throw new PeerMessageException("'" + key + "' parameter is missing");
        }
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw new PeerMessageException("'" + key + "' parameter must be a string, got " + value.typeName());
    }

    static Optional<String> optionalString(JsonObject object, String key) throws PeerMessageException {
        return object.has(key) ? Optional.of(string(object, key)) : Optional.empty();
    }

    static long integer(JsonObject object, String key) throws PeerMessageException {
        JsonValue value = object.get(key);
        if (value == null) {
            throw new PeerMessageException("'" + key + "' parameter is missing");
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return number.longValue();
        }
        throw new PeerMessageException("'" + key + "' parameter must be an integer, got " + value.typeName());
    }

    static OptionalLong optionalInteger(JsonObject object, String key) throws PeerMessageException {
        return object.has(key) ? OptionalLong.of(integer(object, key)) : OptionalLong.empty();
    }

    static long integerInRange(JsonObject object, String key, long min, long max) throws PeerMessageException {
        long value = integer(object, key);
        if (value < min || value > max) {
            throw new PeerMessageException("'" + key + "' parameter value " + value + " out of range " + min + ".."
                    + max);
        }
        return value;
    }

    static boolean bool(JsonObject object, String key) throws PeerMessageException {
        JsonValue value = object.get(key);
        if (value == null) {
            throw new PeerMessageException("'" + key + "' parameter is missing");
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value();
        }
        throw new PeerMessageException("'" + key + "' parameter must be a boolean, got " + value.typeName());
    }

    static boolean optionalBool(JsonObject object, String key, boolean fallback) throws PeerMessageException {
        return object.has(key) ? bool(object, key) : fallback;
    }

    static JsonArray list(JsonObject object, String key) throws PeerMessageException {
        JsonValue value = object.get(key);
        if (value instanceof JsonArray array) {
            return array;
        }
        throw new PeerMessageException(value == null ? "'" + key + "' parameter is missing"
                : "the '" + key + "' parameter must be a list");
    }

    static Optional<JsonObject> optionalMap(JsonObject object, String key) throws PeerMessageException {
        if (!object.has(key)) {
            return Optional.empty();
        }
        return Optional.of(map(object.get(key), "'" + key + "'"));
    }

    /** Kea's identifier text: lower-case hex bytes joined by colons, "" when empty. */
    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /**
     * Parses Kea's identifier input forms: colon- or space-separated bytes of one or two hex digits, or a plain
     * hex string (optional 0x prefix, odd length gets a leading 0); "" is empty.
     */
    static byte[] parseHex(String text, String key) throws PeerMessageException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return new byte[0];
        }
        try {
            if (trimmed.contains(":") || trimmed.contains(" ")) {
                String[] parts = trimmed.split(trimmed.contains(":") ? ":" : " +");
                byte[] bytes = new byte[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].isEmpty() || parts[i].length() > 2) {
                        throw new PeerMessageException("invalid '" + key + "' value: " + text);
                    }
                    bytes[i] = (byte) Integer.parseInt(parts[i], 16);
                }
                return bytes;
            }
            String digits = trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed;
            if (digits.length() % 2 == 1) {
                digits = "0" + digits;
            }
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new PeerMessageException("invalid '" + key + "' value: " + text, e);
        }
    }
}

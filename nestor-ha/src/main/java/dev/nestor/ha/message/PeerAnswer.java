package dev.nestor.ha.message;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer to a peer command: Kea's {@code {"result": ..., "text": ..., "arguments": ...}}. Over HTTP it travels
 * as a one-element JSON list ({@link #toResponseBody()}), which is what Kea 2.2's HA client requires.
 */
public record PeerAnswer(int result, String text, Optional<JsonValue> arguments) {

    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;
    public static final int CONFLICT = 4;
    public static final int MAINTENANCE_NOT_ALLOWED = 1001;

    public PeerAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(arguments, "arguments");
    }

    public static PeerAnswer success(String text) {
        return new PeerAnswer(SUCCESS, text, Optional.empty());
    }

    public static PeerAnswer error(String text) {
        return new PeerAnswer(ERROR, text, Optional.empty());
    }

    /** Kea's senders count 0 and 3 as success. */
    public boolean isSuccess() {
        return result == SUCCESS || result == EMPTY;
    }

    /** The answer map, keys in Kea's order. */
    public JsonObject toJson() {
        Map<String, JsonValue> members = new HashMap<>();
        members.put("result", Json.number(result));
        members.put("text", Json.string(text));
        arguments.ifPresent(value -> members.put("arguments", value));
        return JsonFields.sortedObject(members);
    }

    /** The HTTP response body: a list holding this answer. */
    public String toResponseBody() {
        return JsonArray.of(toJson()).toJson();
    }

    /**
     * Reads an HTTP response body as Kea 2.2's HA client does: a list whose first element is the answer. A bare map
     * is an agent-level error and becomes result 1 (keeping its text).
     *
     * @throws PeerMessageException when the body is not JSON or holds no usable answer (a communication failure)
     */
    public static PeerAnswer parseResponseBody(String body) throws PeerMessageException {
        JsonValue value;
        try {
            value = JsonParser.parseStrict(body, "<response>");
        } catch (JsonParseException e) {
            throw new PeerMessageException("unable to parse the response body: " + e.getMessage(), e);
        }
        if (value instanceof JsonObject bare) {
            String text = bare.get("text") instanceof JsonString string ? string.value() : "unexpected answer";
            return new PeerAnswer(ERROR, text, Optional.empty());
        }
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            throw new PeerMessageException("unexpected response: expected a non-empty list, got " + value.typeName());
        }
        return fromJson(list.get(0));
    }

    /** Reads one answer map. */
    public static PeerAnswer fromJson(JsonValue value) throws PeerMessageException {
        JsonObject answer = JsonFields.map(value, "answer");
        if (!(answer.get("result") instanceof JsonNumber result) || !result.isIntegral()) {
            throw new PeerMessageException("invalid answer: 'result' must be an integer");
        }
        String text = answer.get("text") instanceof JsonString string ? string.value() : "";
        return new PeerAnswer((int) result.longValue(), text, Optional.ofNullable(answer.get("arguments")));
    }
}

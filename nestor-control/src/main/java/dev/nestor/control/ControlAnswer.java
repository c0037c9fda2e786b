package dev.nestor.control;

import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer on the control channel: {@code {"arguments": ..., "result": <code>, "text": "..."}}.
 * {@code text} may be null only for result 0; {@code arguments} is null when the command returns no
 * data. Keys are written in Kea's (sorted) order.
 */
public record ControlAnswer(int result, String text, JsonValue arguments) {

    public ControlAnswer {
        if (result != ResultCode.SUCCESS && text == null) {
            throw new IllegalArgumentException("an answer with result " + result + " needs a text");
        }
    }

    /** Result 0 with a text and no arguments. */
    public static ControlAnswer success(String text) {
        return new ControlAnswer(ResultCode.SUCCESS, text, null);
    }

    /** Result 0 with a text (may be null) and arguments. */
    public static ControlAnswer success(String text, JsonValue arguments) {
        return new ControlAnswer(ResultCode.SUCCESS, text, arguments);
    }

    /** Result 1 with a text. */
    public static ControlAnswer error(String text) {
        return new ControlAnswer(ResultCode.ERROR, text, null);
    }

    /** Result 3 with a text. */
    public static ControlAnswer empty(String text) {
        return new ControlAnswer(ResultCode.EMPTY, text, null);
    }

    /** Result 2: Kea's {@code '<name>' command not supported.} */
    public static ControlAnswer unsupported(String command) {
        return new ControlAnswer(ResultCode.UNSUPPORTED, "'" + command + "' command not supported.", null);
    }

    /** The answer as a JSON map. */
    public JsonObject toJson() {
        Map<String, JsonValue> members = new LinkedHashMap<>(4);
        if (arguments != null) {
            members.put("arguments", arguments);
        }
        members.put("result", JsonNumber.of(result));
        if (text != null) {
            members.put("text", JsonString.of(text));
        }
        return JsonObject.of(members, Map.of(), null);
    }

    /** Compact JSON text of the answer map. */
    public String toText() {
        return JsonWriter.compact(toJson());
    }
}

package dev.nestor.control;

import dev.nestor.control.transport.HttpReply;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns command text from a transport into an answer text, with Kea's checks and texts: the JSON is
 * parsed (comments allowed, as in Kea), the command map is validated (mandatory string
 * {@code command}; only {@code command}, {@code arguments}, {@code service}, {@code remote-address}
 * allowed), then the {@link CommandRegistry} runs it.
 *
 * <p>The UNIX socket gets the bare answer map. HTTP gets it wrapped in a one-element list, after
 * Kea's {@code service} checks for a server-side HTTP socket; a body that is not JSON is an HTTP 400,
 * and a command outside the listener's accept list (HA's {@code restrict-commands}) an HTTP 403.
 * Thread-safe; never throws for any input.
 */
public final class ControlChannel {

    private static final Set<String> COMMAND_KEYS = Set.of("command", "arguments", "service", "remote-address");
    private static final String PROCESSING_ERROR = "Error during command processing: ";

    private final CommandRegistry registry;
    private final String serviceName;

    /**
     * @param serviceName the name this server answers to in {@code service} lists over HTTP ({@code dhcp4})
     */
    public ControlChannel(CommandRegistry registry, String serviceName) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** UNIX socket: one command document in, the answer map's text out. */
    public String handleUnix(byte[] document) {
        return execute(document).toText();
    }

    /** Parses, validates and runs one command (no transport checks). */
    public ControlAnswer execute(byte[] document) {
        JsonValue parsed;
        try {
            parsed = parse(document);
        } catch (JsonParseException e) {
            return ControlAnswer.error(e.getMessage());
        }
        return execute(parsed, false);
    }

    /** HTTP: every registered command may run. */
    public HttpReply handleHttp(byte[] body) {
        return handleHttp(body, null);
    }

    /**
     * HTTP with an accept list.
     *
     * @param allowedCommands commands this listener accepts (others get 403), or null for all
     */
    public HttpReply handleHttp(byte[] body, Set<String> allowedCommands) {
        return handleHttp(body, allowedCommands, true);
    }

    /**
     * HTTP with an accept list, optionally without the {@code service} checks: Kea 2.2's HA dedicated
     * listener ignores {@code service} entirely (a non-list value included), as the UNIX socket does.
     *
     * @param allowedCommands commands this listener accepts (others get 403), or null for all
     * @param checkService    apply Kea 2.7's {@code service} checks of a server-side HTTP control socket
     */
    public HttpReply handleHttp(byte[] body, Set<String> allowedCommands, boolean checkService) {
        JsonValue parsed;
        try {
            parsed = parse(body);
        } catch (JsonParseException e) {
            return HttpReply.error(400);
        }
        if (allowedCommands != null) {
            if (!(parsed instanceof JsonObject map) || !(map.get("command") instanceof JsonString name)
                    || !allowedCommands.contains(name.value())) {
                return HttpReply.error(403);
            }
        }
        ControlAnswer answer = execute(parsed, checkService);
        StringBuilder out = new StringBuilder(256).append('[');
        JsonWriter.writeCompact(answer.toJson(), out);
        return HttpReply.ok(out.append(']').toString());
    }

    private static JsonValue parse(byte[] document) throws JsonParseException {
        String text = new String(document, StandardCharsets.UTF_8);
        return JsonParser.parseStrict(CommentStripper.strip(text), "<wire>");
    }

    private ControlAnswer execute(JsonValue parsed, boolean http) {
        ControlCommand command;
        try {
            command = validate(parsed, http);
        } catch (CommandFailure failure) {
            return failure.toAnswer();
        }
        return registry.execute(command);
    }

    private ControlCommand validate(JsonValue parsed, boolean http) throws CommandFailure {
        if (!(parsed instanceof JsonObject map)) {
            throw CommandFailure.error(PROCESSING_ERROR + "Invalid command Element specified, expected map");
        }
        JsonValue name = map.get("command");
        if (name == null) {
            throw CommandFailure.error(PROCESSING_ERROR + "Invalid answer specified, does not contain mandatory 'command'");
        }
        if (!(name instanceof JsonString commandName)) {
            throw CommandFailure.error(PROCESSING_ERROR + "'command' element in command message is not a string");
        }
        for (String key : map.keys()) {
            if (!COMMAND_KEYS.contains(key)) {
                throw CommandFailure.error(PROCESSING_ERROR + "Received command contains unsupported parameter '" + key + "'");
            }
        }
        List<String> service = List.of();
        JsonValue serviceValue = map.get("service");
        if (http && serviceValue != null) {
            service = checkService(serviceValue);
        } else if (serviceValue instanceof JsonArray list) {
            List<String> names = new ArrayList<>();
            for (JsonValue element : list) {
                if (element instanceof JsonString s) {
                    names.add(s.value());
                }
            }
            service = names;
        }
        return new ControlCommand(commandName.value(), map.get("arguments"), service);
    }

    /** Kea 2.7's checks for a command reaching a server's own HTTP socket. */
    private List<String> checkService(JsonValue value) throws CommandFailure {
        if (!(value instanceof JsonArray list)) {
            throw CommandFailure.error("service value must be a list");
        }
        if (list.isEmpty()) {
            return List.of();
        }
        if (list.size() > 1) {
            throw CommandFailure.error("service value has more than one item");
        }
        JsonValue only = list.get(0);
        if (!(only instanceof JsonString name) || !name.value().equals(serviceName)) {
            String shown = only instanceof JsonString s ? s.value() : JsonWriter.compact(only);
            throw CommandFailure.error("unsupported service '" + shown + "', expected '" + serviceName + "'");
        }
        return List.of(serviceName);
    }
}

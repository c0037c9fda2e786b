package dev.nestor.tools.lab;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kea control commands over a server's unix control socket: one connection per command, the server answers and
 * closes it. Reads are bounded in size; a server that does not close in time gives what it sent so far.
 */
final class ControlChannel {
    private static final int MAXIMUM_ANSWER = 16 << 20;

    private final Path socket;

    ControlChannel(Path socket) {
        this.socket = socket;
    }

    Path socket() {
        return socket;
    }

    /** Sends {@code {"command": command}} and returns the answer map (the first one if the server sends a list). */
    JsonObject send(String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = JsonObject.builder().put("command", command).build().toString();
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            while (channel.read(buffer) >= 0 && answer.size() < MAXIMUM_ANSWER) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            JsonValue value = JsonParser.parseStrict(answer.toByteArray(), "answer to " + command);
            if (value instanceof JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonObject first) {
                return first;
            }
            if (value instanceof JsonObject map) {
                return map;
            }
            throw new IOException("the answer to " + command + " is not a map");
        } catch (JsonParseException unparsable) {
            throw new IOException("unparsable answer to " + command + ": " + unparsable.getMessage(), unparsable);
        }
    }

    /** What status-get says of HA: this server's state and served scopes. */
    record HaStatus(String state, List<String> scopes) {
    }

    /** This server's HA state and scopes from status-get; empty when it does not answer or reports no HA yet. */
    Optional<HaStatus> haStatus() {
        try {
            Optional<JsonObject> local = send("status-get").object("arguments")
                    .flatMap(arguments -> arguments.array("high-availability"))
                    .filter(list -> !list.isEmpty() && list.get(0) instanceof JsonObject)
                    .map(list -> (JsonObject) list.get(0))
                    .flatMap(ha -> ha.object("ha-servers")).flatMap(servers -> servers.object("local"));
            if (local.isEmpty()) {
                return Optional.empty();
            }
            List<String> scopes = new ArrayList<>();
            local.get().array("scopes").ifPresent(list -> list.forEach(scope -> {
                if (scope instanceof JsonString text) {
                    scopes.add(text.value());
                }
            }));
            return Optional.of(new HaStatus(local.get().string("state").orElse("unknown"), scopes));
        } catch (IOException | RuntimeException notAnswering) {
            return Optional.empty();
        }
    }
}

package dev.nestor.it;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends Kea JSON control commands to a server, over its unix control socket or over HTTP (a dedicated HA listener
 * or HTTP control socket), and returns the answer map (the first element when the server wraps it in a list).
 */
sealed interface ControlClient permits ControlClient.Unix, ControlClient.Http {

    /** Sends {@code {"command": command, "arguments": arguments}} ({@code arguments} may be null). */
    JsonObject send(String command, JsonObject arguments) throws IOException;

    default JsonObject send(String command) throws IOException {
        return send(command, null);
    }

    /** Waits until the server answers status-get with result 0 (its control socket opens after DHCP4_STARTED). */
    default ControlClient awaitReady(Duration timeout) throws InterruptedException {
        Await.until("control channel " + this + " answering status-get", timeout,
                () -> result(send("status-get")) == 0);
        return this;
    }

    static ControlClient unix(Path socket) {
        return new Unix(socket);
    }

    static ControlClient http(String url) {
        return new Http(URI.create(url));
    }

    private static String request(String command, JsonObject arguments) {
        JsonObject.Builder builder = JsonObject.builder().put("command", command);
        if (arguments != null) {
            builder.put("arguments", arguments);
        }
        return builder.build().toString();
    }

    private static JsonObject answer(String text) throws IOException {
        try {
            JsonValue value = JsonParser.parseStrict(text.trim());
            if (value instanceof JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonObject first) {
                return first;
            }
            if (value instanceof JsonObject map) {
                return map;
            }
            throw new IOException("answer is not a map: " + text);
        } catch (dev.nestor.json.JsonParseException bad) {
            throw new IOException("unparsable answer: " + text, bad);
        }
    }

    /** The result code of an answer ({@code -1} when missing). */
    static long result(JsonObject answer) {
        return answer.integer("result").orElse(-1);
    }

    /** A unix stream socket: one connection per command, the server closes it after answering. */
    record Unix(Path socket) implements ControlClient {
        @Override
        public JsonObject send(String command, JsonObject arguments) throws IOException {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap(request(command, arguments).getBytes(StandardCharsets.UTF_8)));
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                StringBuilder text = new StringBuilder();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline) {
                    int read = channel.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    buffer.flip();
                    text.append(StandardCharsets.UTF_8.decode(buffer));
                    buffer.clear();
                    if (complete(text)) {
                        break;
                    }
                }
                return answer(text.toString());
            }
        }

        /** A whole JSON map has been read (strings and escapes respected). */
        private static boolean complete(CharSequence text) {
            int depth = 0;
            boolean inString = false;
            boolean started = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                    started = true;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
            }
            return started && depth == 0;
        }
    }

    /** HTTP POST of the command to a URL, as Kea's control agent and HA peers do. */
    record Http(URI url) implements ControlClient {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        @Override
        public JsonObject send(String command, JsonObject arguments) throws IOException {
            JsonObject.Builder builder = JsonObject.builder().put("command", command)
                    .put("service", dev.nestor.json.JsonArray.builder().add("dhcp4"));
            if (arguments != null) {
                builder.put("arguments", arguments);
            }
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(builder.build().toString())).build();
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return answer(response.body());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", interrupted);
            }
        }
    }
}

package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.control.transport.UnixClient;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Sends one command over a transport of a {@link TestServer} and returns the answer map. */
enum Transport {
    UNIX {
        @Override
        JsonObject send(TestServer server, String command) throws Exception {
            JsonValue answer = JsonParser.parseStrict(UnixClient.send(server.socket(), command));
            assertThat(answer).isInstanceOf(JsonObject.class);
            return (JsonObject) answer;
        }
    },
    HTTP {
        @Override
        JsonObject send(TestServer server, String command) throws Exception {
            String body = post(server, command);
            JsonValue answer = JsonParser.parseStrict(body);
            assertThat(answer).as("HTTP answers are a one-element list").isInstanceOf(JsonArray.class);
            assertThat(((JsonArray) answer).size()).isEqualTo(1);
            return (JsonObject) ((JsonArray) answer).get(0);
        }
    };

    abstract JsonObject send(TestServer server, String command) throws Exception;

    /** One POST on a fresh connection; returns the body of a 200 answer. */
    static String post(TestServer server, String command) throws IOException {
        try (Socket socket = new Socket(server.httpAddress().getAddress(), server.httpAddress().getPort())) {
            socket.setSoTimeout(30_000);
            byte[] body = command.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            assertThat(response.toLowerCase(Locale.ROOT)).startsWith("http/1.1 200 ok");
            return response.substring(split + 4);
        }
    }
}

package dev.nestor.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ConfigLoader;
import dev.nestor.control.config.Dhcp4Configuration;
import dev.nestor.control.transport.HttpReply;
import dev.nestor.control.transport.UnixClient;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Command fuzzing (seeded loops over {@link RandomJson}): random JSON shapes for every registered command (and random names), random text
 * and random bytes, into the channel and through both listeners. The server must answer every one
 * with a well-formed Kea answer and keep serving.
 */
class ControlChannelFuzzTest {

    private static Path directory;
    private static TestServer server;
    private static List<String> commands;

    /** Fixed so a failure replays; change it to explore further. */
    private static final long SEED = 20261126L;

    @BeforeAll
    static void start() throws Exception {
        directory = Files.createTempDirectory("nestor-fuzz");
        Files.createDirectories(directory.resolve("written"));
        Path config = directory.resolve("kea-dhcp4.conf");
        Files.writeString(config, """
                { "Dhcp4": { "interfaces-config": { "interfaces": [] }, "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" }, { "id": 2, "subnet": "198.51.100.0/24" } ] } }
                """);
        Dhcp4Configuration configuration = new Dhcp4Configuration(ConfigLoader.loadDhcp4(config), config, next -> { });
        server = new TestServer(directory, configuration, configuration::subnets);
        // shutdown is fuzzed too (its callback only records the value); config-write has its own property
        // so that random file names cannot land outside the temporary directory
        commands = server.control.registry().names().stream().filter(name -> !name.equals("config-write")).toList();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }

    /** Runs one generated case; a failure names the input so it can be replayed. */
    private static void replayable(String input, Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("fuzz case failed for input: " + input, e);
        }
    }

    private static void assertKeaAnswer(String text) throws Exception {
        JsonValue parsed = JsonParser.parseStrict(text);
        assertThat(parsed).isInstanceOf(JsonObject.class);
        JsonObject answer = (JsonObject) parsed;
        assertThat(answer.get("result")).isInstanceOf(JsonNumber.class);
        long result = ((JsonNumber) answer.get("result")).longValue();
        assertThat(result).isBetween(0L, 3L);
        if (result != 0) {
            assertThat(answer.get("text")).isInstanceOf(JsonString.class);
        }
    }

    @Test
    void everyCommandAnswersAnyArguments() throws Exception {
        RandomJson random = new RandomJson(SEED);
        for (int i = 0; i < 3000; i++) {
            String name = random.random().nextInt(8) == 0 ? random.text(10) : commands.get(random.random().nextInt(commands.size()));
            JsonValue arguments = random.value(3);
            boolean withService = random.random().nextBoolean();
            replayable(name + " " + arguments, () -> everyCommandAnswers(name, arguments, withService));
        }
    }

    private static void everyCommandAnswers(String name, JsonValue arguments, boolean withService) throws Exception {
        JsonObject.Builder command = JsonObject.builder().put("command", name).put("arguments", arguments);
        if (withService) {
            command.put("service", JsonArray.of(JsonString.of("dhcp4")));
        }
        byte[] bytes = JsonWriter.compact(command.build()).getBytes(StandardCharsets.UTF_8);
        assertKeaAnswer(server.control.channel().handleUnix(bytes));
        HttpReply reply = server.control.channel().handleHttp(bytes);
        assertThat(reply.status()).isEqualTo(200);
        JsonArray list = (JsonArray) JsonParser.parseStrict(reply.body());
        assertThat(list.size()).isEqualTo(1);
        assertKeaAnswer(JsonWriter.compact(list.get(0)));
    }

    @Test
    void anyDocumentShapeIsAnswered() throws Exception {
        RandomJson random = new RandomJson(SEED + 1);
        for (int i = 0; i < 1000; i++) {
            JsonValue document = random.random().nextBoolean() ? random.map(3) : random.value(3);
            replayable(document.toString(), () -> documentIsAnswered(document));
        }
    }

    private static void documentIsAnswered(JsonValue document) throws Exception {
        byte[] bytes = JsonWriter.compact(document).getBytes(StandardCharsets.UTF_8);
        assertKeaAnswer(server.control.channel().handleUnix(bytes));
        assertThat(server.control.channel().handleHttp(bytes, Set.of("list-commands")).status()).isIn(200, 403);
    }

    @Test
    void anyTextIsAnswered() throws Exception {
        RandomJson random = new RandomJson(SEED + 2);
        for (int i = 0; i < 1000; i++) {
            String text = random.text(200);
            replayable(text, () -> textIsAnswered(text));
        }
        for (String broken : List.of("{", "}", "{\"command\": \"list-commands\"", "{\"command\": \"x\"}}", "/* {", "\"\\",
                "{\"command\": \"version-get\", \"arguments\": " + "[".repeat(600) + "]".repeat(600) + "}")) {
            textIsAnswered(broken);
        }
    }

    private static void textIsAnswered(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertKeaAnswer(server.control.channel().handleUnix(bytes));
        assertThat(server.control.channel().handleHttp(bytes).status()).isIn(200, 400);
    }

    @Test
    void configWriteAnswersAnyFilename() throws Exception {
        RandomJson random = new RandomJson(SEED + 3);
        for (int i = 0; i < 200; i++) {
            configWriteAnswers(random.random().nextBoolean() ? JsonString.of(random.text(12)) : random.value(2),
                    random.random().nextBoolean());
        }
    }

    private static void configWriteAnswers(JsonValue filename, boolean asString) throws Exception {
        JsonValue value = filename instanceof JsonString name && asString
                ? JsonString.of(directory + "/written/" + name.value().replace('/', '_'))
                : filename instanceof JsonString ? JsonNumber.of(1) : filename;
        JsonObject command = JsonObject.builder().put("command", "config-write")
                .put("arguments", JsonObject.builder().put("filename", value).build()).build();
        assertKeaAnswer(server.control.channel().handleUnix(JsonWriter.compact(command).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listenersSurviveRandomBytes() throws Exception {
        RandomJson random = new RandomJson(SEED + 4);
        for (int i = 0; i < 150; i++) {
            listenersSurvive(random.bytes(300));
        }
    }

    private static void listenersSurvive(byte[] bytes) throws Exception {
        try (Socket socket = new Socket(server.httpAddress().getAddress(), server.httpAddress().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            // a reset after garbage is a fine outcome; what matters is the next client
        }
        try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.connect(java.net.UnixDomainSocketAddress.of(server.socket()));
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.shutdownOutput();
            UnixClient.readAll(channel);
        }
        assertThat(UnixClient.send(server.socket(), "{\"command\": \"list-commands\"}")).contains("\"result\":0");
        assertThat(Transport.post(server, "{\"command\": \"list-commands\"}")).contains("\"result\":0");
    }
}

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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Command fuzzing: random JSON shapes for every registered command (and random names), random text
 * and random bytes, into the channel and through both listeners. The server must answer every one
 * with a well-formed Kea answer and keep serving.
 */
class ControlChannelFuzzTest {

    private static Path directory;
    private static TestServer server;
    private static List<String> commands;

    @BeforeContainer
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

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Provide
    Arbitrary<JsonValue> json() {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JsonString::of),
                Arbitraries.of("192.0.2.7", "start", "1a:1b:1c:1d:1e:1f", "01:02:03", "hw-address", "client-id", "duid",
                        "ha-partner", "user", "", "2001:db8::1", "/nonexistent/x.json").map(JsonString::of),
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.integers().between(-3, 300).map(i -> (JsonValue) JsonNumber.of(i)),
                Arbitraries.doubles().map(d -> (JsonValue) JsonNumber.of(d)),
                Arbitraries.of(true, false).map(dev.nestor.json.JsonBoolean::of),
                Arbitraries.just(dev.nestor.json.JsonNull.INSTANCE));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("ip-address", "hw-address", "subnet-id", "identifier-type",
                "identifier", "from", "limit", "subnets", "name", "max-period", "origin", "remove", "exit-value", "Dhcp4",
                "filename", "client-id", "hostname", "valid-lft", "expire", "state", "user-context", "comment", "force-create",
                "fqdn-fwd", "id", "subnet", "update-ddns", "subnet4"), Arbitraries.strings().ofMaxLength(6));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> (JsonValue) new JsonArray(items, null)),
                Arbitraries.maps(keys, inner).ofMaxSize(5).map(map -> {
                    JsonObject.Builder builder = JsonObject.builder();
                    map.forEach(builder::put);
                    return (JsonValue) builder.build();
                })), 0, 3);
    }

    @Provide
    Arbitrary<String> commandNames() {
        return Arbitraries.oneOf(Arbitraries.of(commands), Arbitraries.strings().ofMaxLength(10));
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

    @Property
    void everyCommandAnswersAnyArguments(@ForAll("commandNames") String name, @ForAll("json") JsonValue arguments,
            @ForAll boolean withService) throws Exception {
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

    @Property
    void anyDocumentShapeIsAnswered(@ForAll("json") JsonValue document) throws Exception {
        byte[] bytes = JsonWriter.compact(document).getBytes(StandardCharsets.UTF_8);
        assertKeaAnswer(server.control.channel().handleUnix(bytes));
        assertThat(server.control.channel().handleHttp(bytes, Set.of("list-commands")).status()).isIn(200, 403);
    }

    @Property
    void anyTextIsAnswered(@ForAll String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertKeaAnswer(server.control.channel().handleUnix(bytes));
        assertThat(server.control.channel().handleHttp(bytes).status()).isIn(200, 400);
    }

    @Property(tries = 200)
    void configWriteAnswersAnyFilename(@ForAll("json") JsonValue filename, @ForAll boolean asString) throws Exception {
        JsonValue value = filename instanceof JsonString name && asString
                ? JsonString.of(directory + "/written/" + name.value().replace('/', '_'))
                : filename instanceof JsonString ? JsonNumber.of(1) : filename;
        JsonObject command = JsonObject.builder().put("command", "config-write")
                .put("arguments", JsonObject.builder().put("filename", value).build()).build();
        assertKeaAnswer(server.control.channel().handleUnix(JsonWriter.compact(command).getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 150)
    void listenersSurviveRandomBytes(@ForAll byte[] bytes) throws Exception {
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

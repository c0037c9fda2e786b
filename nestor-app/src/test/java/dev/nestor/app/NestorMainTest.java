package dev.nestor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: config checks and a server run driven over its control socket. */
class NestorMainTest {

    private static CommandLineRun run(String... args) {
        return CommandLineRun.of(args);
    }

    static Path sharedDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path sibling = p.resolveSibling("shared");
            if (Files.isDirectory(sibling.resolve("examples"))) {
                return sibling;
            }
        }
        return Path.of("/work/shared");
    }

    @Test
    void seedConfigsAreValid() {
        for (String seed : new String[] {"seed-primary.json", "seed-standby.json"}) {
            CommandLineRun r = run("dhcp4", "-t", sharedDir().resolve("examples").resolve(seed).toString());
            assertThat(r.exit()).as(seed + ": " + r.err()).isZero();
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void brokenConfigIsRefusedWithFileLineAndKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {"Dhcp4": {
                  "subnet4": [ { "subnet": "192.0.2.0/24", "id": 1,
                                 "pools": [ { "pool": "192.0.3.1 - 192.0.3.9" } ] } ]
                }}
                """);
        CommandLineRun r = run("dhcp4", "-t", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json:3").contains("pools[0]");
    }

    @Test
    void dhcp6ChecksConfigs() {
        CommandLineRun r = run("dhcp6", "-t", sharedDir().resolve("kea-examples/2.2.0/kea6/simple.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("-v").out().strip()).isEqualTo(NestorVersion.version());
        assertThat(run("dhcp4", "-v").out().strip()).isEqualTo(NestorVersion.version());
    }

    @Test
    void serverRunsUntilTheShutdownCommand(@TempDir Path dir) throws Exception {
        int port;
        try (var probe = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path socket = dir.resolve("ctl.sock");
        Path leases = dir.resolve("leases4.csv");
        Path config = dir.resolve("kea.json");
        Files.writeString(config, """
                {"Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/127.0.0.1" ], "dhcp-socket-type": "udp" },
                  "control-socket": { "socket-type": "unix", "socket-name": "%s" },
                  "lease-database": { "type": "memfile", "name": "%s" },
                  "hooks-libraries": [ { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so" } ],
                  "subnet4": [ { "subnet": "127.0.0.0/8", "id": 1, "pools": [ { "pool": "127.1.0.10 - 127.1.0.200" } ] } ],
                  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "stdout" } ] } ]
                }}
                """.formatted(socket, leases));
        CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
                () -> NestorMain.commandLine().execute("dhcp4", "-c", config.toString(), "-p", String.valueOf(port)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket) && !server.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Files.exists(socket)).as("control socket opened").isTrue();

        String added = command(socket, """
                {"command": "lease4-add", "arguments": {"ip-address": "127.1.0.20", "hw-address": "0a:0b:0c:0d:0e:0f"}}""");
        assertThat(added).contains("\"result\":0");

        // a second server on the same lease file is refused while the first runs
        Path second = dir.resolve("second.json");
        Files.writeString(second, Files.readString(config).replace(socket.toString(), dir.resolve("ctl2.sock").toString()));
        CommandLineRun refused = run("dhcp4", "-c", second.toString(), "-p", "0");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("in use by another Nestor server");
        assertThat(command(socket, "{\"command\": \"shutdown\"}")).contains("\"result\":0");
        assertThat(server.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(Files.readString(leases)).contains("127.1.0.20,0a:0b:0c:0d:0e:0f");
    }

    private static String command(Path socket, String json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            var answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) > 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}

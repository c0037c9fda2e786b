package dev.nestor.lease;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A stock kea-dhcp4/kea-dhcp6 started on a generated config whose lease database is a given file, with the
 * lease_cmds hook and a unix control socket, bound to no interface. Tests skip (JUnit assumptions) when not root or
 * when the binaries are missing.
 */
final class KeaProcess implements AutoCloseable {

    static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks/libdhcp_lease_cmds.so");

    private final Process process;
    private final Path socket;
    private final Path directory;

    private KeaProcess(Process process, Path socket, Path directory) {
        this.process = process;
        this.socket = socket;
        this.directory = directory;
    }

    static void assumeAvailable(String binary) {
        assumeTrue("root".equals(System.getProperty("user.name")), "stock Kea tests need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/" + binary)), binary + " is not installed");
        assumeTrue(Files.exists(HOOKS), "libdhcp_lease_cmds.so is not installed");
    }

    /** Starts {@code binary} ("kea-dhcp4" or "kea-dhcp6") with {@code leaseFile} and the subnet JSON given. */
    static KeaProcess start(String binary, Path directory, Path leaseFile, String subnets) throws Exception {
        assumeAvailable(binary);
        boolean v4 = binary.equals("kea-dhcp4");
        Path socket = directory.resolve("ctrl.sock");
        String config = "{ \"" + (v4 ? "Dhcp4" : "Dhcp6") + "\": {\n"
                + " \"interfaces-config\": { \"interfaces\": [] },\n"
                + " \"control-socket\": { \"socket-type\": \"unix\", \"socket-name\": \"" + socket + "\" },\n"
                + " \"lease-database\": { \"type\": \"memfile\", \"persist\": true, \"name\": \"" + leaseFile
                + "\", \"lfc-interval\": 0 },\n"
                + " \"hooks-libraries\": [ { \"library\": \"" + HOOKS + "\" } ],\n"
                + " " + subnets + ",\n"
                + " \"loggers\": [ { \"name\": \"" + binary + "\", \"severity\": \"INFO\", \"output_options\": [ {"
                + " \"output\": \"" + directory.resolve("kea.log") + "\" } ] } ]\n"
                + "} }\n";
        Path configFile = directory.resolve("kea.json");
        Files.writeString(configFile, config);
        ProcessBuilder builder = new ProcessBuilder("/usr/sbin/" + binary, "-c", configFile.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", directory.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", directory.toString());
        Process process = builder.start();
        KeaProcess kea = new KeaProcess(process, socket, directory);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(binary + " exited: " + Files.readString(directory.resolve("kea.out")));
            }
            if (Files.exists(socket)) {
                try {
                    kea.command("{\"command\":\"version-get\"}");
                    return kea;
                } catch (IOException notYet) {
                    // the socket file exists before Kea accepts on it
                }
            }
            Thread.onSpinWait();
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        kea.close();
        throw new IllegalStateException(binary + " did not open its control socket within 15 s");
    }

    /** Sends one command on the control socket and returns Kea's answer text. */
    String command(String json) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            StringBuilder answer = new StringBuilder();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                buffer.flip();
                answer.append(StandardCharsets.UTF_8.decode(buffer));
                buffer.clear();
                if (balanced(answer)) {
                    break;
                }
            }
            return answer.toString().trim();
        }
    }

    private static boolean balanced(CharSequence text) {
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
            } else if (c == '{') {
                depth++;
                started = true;
            } else if (c == '}') {
                depth--;
            }
        }
        return started && depth == 0;
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.nestor.wire.v4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nestor.wire.option.AddressText;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Packets built by {@link Dhcp4Packet.Builder} and {@link Dhcp4Codec} are accepted by stock kea-dhcp4, and its
 * answers decode: a relayed DISCOVER/OFFER/REQUEST/ACK over loopback (Kea on 127.0.1.10:67, this test acting as the
 * relay on 127.0.1.11:67). Needs root (port 67, loopback aliases) and kea-dhcp4 on the PATH; skipped otherwise.
 */
class Dhcp4KeaInteropTest {
    private static final String SERVER = "127.0.1.10";
    private static final String RELAY = "127.0.1.11";

    private Path work;
    private Process kea;

    @BeforeEach
    void startKea() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for port 67 and loopback aliases");
        assumeTrue(onPath("kea-dhcp4"), "kea-dhcp4 not installed");
        for (String address : new String[] {SERVER, RELAY}) {
            // "File exists" when the alias is already there is fine
            new ProcessBuilder("ip", "addr", "add", address + "/8", "dev", "lo").redirectErrorStream(true)
                    .start().waitFor(10, TimeUnit.SECONDS);
        }
        work = Files.createTempDirectory("nestor-wire-kea");
        Path config = work.resolve("kea4.json");
        Files.writeString(config, """
                { "Dhcp4": {
                  "interfaces-config": { "interfaces": [ "lo/%s" ], "dhcp-socket-type": "udp" },
                  "lease-database": { "type": "memfile", "persist": false },
                  "valid-lifetime": 4000,
                  "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24",
                    "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ],
                    "relay": { "ip-addresses": [ "%s" ] },
                    "option-data": [ { "name": "routers", "data": "198.51.100.1" },
                                     { "name": "domain-name", "data": "interop.example" } ] } ] } }
                """.formatted(SERVER, RELAY));
        ProcessBuilder builder = new ProcessBuilder("kea-dhcp4", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("kea.out").toFile());
        builder.environment().put("KEA_PIDFILE_DIR", work.toString());
        builder.environment().put("KEA_LOCKFILE_DIR", work.toString());
        kea = builder.start();
    }

    @AfterEach
    void stopKea() throws Exception {
        if (kea != null) {
            kea.destroy();
            if (!kea.waitFor(10, TimeUnit.SECONDS)) {
                kea.destroyForcibly();
            }
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void relayedFourWayExchangeWithStockKea() throws Exception {
        byte[] mac = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
        int relay = (int) AddressText.parseIpv4(RELAY);
        int server = (int) AddressText.parseIpv4(SERVER);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(RELAY), 67))) {
            socket.setSoTimeout(250);
            Dhcp4Packet discover = Dhcp4Packet.builder().xid(0x4e455354).hops(1).giaddr(relay).hardwareAddress(1, mac)
                    .messageType(Dhcp4MessageType.DISCOVER)
                    .option(Dhcp4Option.of(Dhcp4Packet.OPTION_PARAMETER_REQUEST_LIST, new byte[] {1, 3, 15}))
                    .build();
            // Kea needs a moment to open its socket: resend until answered, bounded by a deadline
            Dhcp4Packet offer = exchange(socket, discover, server, Dhcp4MessageType.OFFER);
            assertThat(offer.xid()).isEqualTo(discover.xid());
            assertThat(offer.hardwareAddress()).isEqualTo(mac);
            assertThat(AddressText.formatIpv4(offer.yiaddr())).startsWith("198.51.100.");
            assertThat(offer.serverIdentifier()).hasValue(server);
            assertThat(offer.leaseTime()).hasValue(4000);
            assertThat(offer.option(Dhcp4Packet.OPTION_ROUTERS).uint32()).isEqualTo(AddressText.parseIpv4("198.51.100.1"));
            assertThat(new String(offer.option(Dhcp4Packet.OPTION_DOMAIN_NAME).data())).isEqualTo("interop.example");

            Dhcp4Packet request = discover.toBuilder().messageType(Dhcp4MessageType.REQUEST)
                    .option(Dhcp4Option.ofAddress(Dhcp4Packet.OPTION_REQUESTED_ADDRESS, offer.yiaddr()))
                    .option(Dhcp4Option.ofAddress(Dhcp4Packet.OPTION_SERVER_IDENTIFIER, server)).build();
            Dhcp4Packet ack = exchange(socket, request, server, Dhcp4MessageType.ACK);
            assertThat(ack.yiaddr()).isEqualTo(offer.yiaddr());
            assertThat(ack.options().getFirst().code()).isEqualTo(Dhcp4Packet.OPTION_MESSAGE_TYPE);
        }
    }

    private Dhcp4Packet exchange(DatagramSocket socket, Dhcp4Packet query, int server, Dhcp4MessageType expected)
            throws IOException {
        byte[] bytes = Dhcp4Codec.encode(query);
        DatagramPacket out = new DatagramPacket(bytes, bytes.length,
                new InetSocketAddress(InetAddress.getByName(AddressText.formatIpv4(server)), 67));
        byte[] buffer = new byte[1500];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            assertThat(kea.isAlive()).as("kea-dhcp4 exited; see its output in " + work).isTrue();
            socket.send(out);
            DatagramPacket in = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(in);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Dhcp4DecodeResult result = Dhcp4Codec.decode(in.getData(), 0, in.getLength());
            if (result instanceof Dhcp4DecodeResult.Decoded(Dhcp4Packet reply, var notes)
                    && reply.xid() == query.xid() && reply.messageType().filter(expected::equals).isPresent()) {
                assertThat(notes).isEmpty();
                assertThat(Dhcp4Codec.encode(reply)).isEqualTo(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                return reply;
            }
        }
        throw new AssertionError("no " + expected + " from kea-dhcp4 within 15 s");
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}

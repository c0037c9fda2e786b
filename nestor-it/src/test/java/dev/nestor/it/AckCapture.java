package dev.nestor.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The DHCPACKs a server sent, as they went on the wire: stock {@code tcpdump} on {@code lo} writes every UDP datagram
 * from the server's address and port 67 to a pcap file, which is read back here (classic pcap; Ethernet, Linux
 * cooked v1/v2 or BSD loopback framing). What the client saw, not what the server says it did: the end-to-end check
 * that no ACKed lease is lost reads its list from here. Immediate mode: tcpdump exits on SIGTERM without reading
 * what the kernel still buffers, so packets must reach it one by one.
 */
final class AckCapture implements AutoCloseable {
    static final Path TCPDUMP = Path.of("/usr/bin/tcpdump");

    /** One DHCPACK: the address given ({@code yiaddr}) and the client's hardware address, both as lease files spell them. */
    record Ack(String address, String hwaddr) {
    }

    private final Process process;
    private final Path file;

    private AckCapture(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    /** Starts capturing the replies {@code server} sends from port 67; returns once tcpdump listens. */
    static AckCapture start(Path directory, String name, String server) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(TCPDUMP), "tcpdump is not installed (" + TCPDUMP + "); skipped");
        Path file = directory.resolve(name + ".pcap");
        Path log = directory.resolve(name + ".tcpdump.log");
        Process process = new ProcessBuilder(TCPDUMP.toString(), "-i", "lo", "-n", "-U", "--immediate-mode", "-s", "0", "-w",
                file.toString(), "udp and src host " + server + " and src port 67")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AckCapture capture = new AckCapture(process, file);
        try {
            Await.until("tcpdump listening on lo", Duration.ofSeconds(10), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("tcpdump exited: " + Files.readString(log));
                }
                return Files.readString(log).contains("listening on");
            });
        } catch (AssertionError | InterruptedException failed) {
            capture.close();
            throw failed;
        }
        return capture;
    }

    /** The ACKs captured so far (a record cut short at the end of the file is ignored). */
    List<Ack> acks() throws IOException {
        return parse(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
    }

    /** Stops tcpdump (it flushes on SIGTERM) and returns every ACK captured. */
    List<Ack> stop() throws IOException, InterruptedException {
        close();
        return acks();
    }

    static List<Ack> parse(byte[] pcap) {
        List<Ack> acks = new ArrayList<>();
        if (pcap.length < 24) {
            return acks;
        }
        ByteBuffer buffer = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buffer.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            buffer.order(ByteOrder.BIG_ENDIAN);
            magic = buffer.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                throw new AssertionError("not a pcap file (magic " + Integer.toHexString(magic) + ")");
            }
        }
        int linkType = buffer.getInt(20);
        int linkHeader = switch (linkType) {
            case 0 -> 4; // BSD loopback
            case 1 -> 14; // Ethernet, what Linux gives for lo
            case 113 -> 16; // Linux cooked
            case 276 -> 20; // Linux cooked v2
            default -> throw new AssertionError("unexpected pcap link type " + linkType);
        };
        int offset = 24;
        while (offset + 16 <= pcap.length) {
            int captured = buffer.getInt(offset + 8);
            int start = offset + 16;
            if (captured < 0 || start + captured > pcap.length) {
                break; // the last record is still being written
            }
            ack(pcap, start + linkHeader, start + captured, acks);
            offset = start + captured;
        }
        return acks;
    }

    /** Adds the ACK in the IPv4/UDP/BOOTP packet at {@code [ip, end)}, if it is one. */
    private static void ack(byte[] pcap, int ip, int end, List<Ack> acks) {
        if (ip + 20 > end || (pcap[ip] >> 4) != 4 || pcap[ip + 9] != 17) {
            return;
        }
        int bootp = ip + (pcap[ip] & 0x0f) * 4 + 8;
        if (bootp + 240 > end || pcap[bootp] != 2) {
            return;
        }
        int hlen = Math.min(16, pcap[bootp + 2] & 0xff);
        for (int option = bootp + 240; option < end; ) {
            int code = pcap[option] & 0xff;
            if (code == 255) {
                return;
            }
            if (code == 0) {
                option++;
                continue;
            }
            if (option + 1 >= end) {
                return;
            }
            int length = pcap[option + 1] & 0xff;
            if (code == 53 && length == 1 && option + 2 < end && pcap[option + 2] == 5) {
                String address = (pcap[bootp + 16] & 0xff) + "." + (pcap[bootp + 17] & 0xff) + "."
                        + (pcap[bootp + 18] & 0xff) + "." + (pcap[bootp + 19] & 0xff);
                StringBuilder mac = new StringBuilder();
                for (int index = 0; index < hlen; index++) {
                    mac.append(index == 0 ? "" : ":").append(HexFormat.of().toHexDigits(pcap[bootp + 28 + index]));
                }
                acks.add(new Ack(address, mac.toString()));
                return;
            }
            option += 2 + length;
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package dev.nestor.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The loopback addresses this module may use (127.0.7.0/24) and the environment checks of its tests: root, stock
 * binaries, the built nestor jar. Every check is a JUnit assumption, so a machine without them skips with a message.
 */
final class Loopback {
    /** perfdhcp's relay address for the single-server tests and for the HA primary. */
    static final String RELAY = "127.0.7.1";
    /** perfdhcp's relay address towards the HA standby (perfdhcp binds port 67 of its address, one per address). */
    static final String RELAY_TWO = "127.0.7.5";
    /** Nestor (single-server tests). */
    static final String NESTOR = "127.0.7.2";
    /** Stock Kea (single-server comparison). */
    static final String KEA = "127.0.7.3";
    /** HA primary and standby. */
    static final String PRIMARY = "127.0.7.10";
    static final String STANDBY = "127.0.7.11";

    static final Path PERFDHCP = Path.of("/usr/sbin/perfdhcp");
    static final Path KEA_DHCP4 = Path.of("/usr/sbin/kea-dhcp4");
    static final Path HOOKS = Path.of("/usr/lib/x86_64-linux-gnu/kea/hooks");

    private Loopback() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Skips unless root with stock perfdhcp installed and the nestor jar built; adds this module's lo aliases. */
    static void assumeRootAndPerfdhcp() throws IOException, InterruptedException {
        assumeTrue(isRoot(), "end-to-end tests need root (port 67, lo aliases); skipped");
        assumeTrue(Files.isExecutable(PERFDHCP), "stock perfdhcp is not installed (/usr/sbin/perfdhcp); skipped");
        assumeTrue(Files.isRegularFile(NestorProcess.jar()), "nestor.jar is not built: " + NestorProcess.jar());
        for (String address : new String[] {RELAY, RELAY_TWO, NESTOR, KEA, PRIMARY, STANDBY}) {
            addAlias(address);
        }
    }

    /** Skips unless stock kea-dhcp4 and its lease_cmds and HA hooks are installed. */
    static void assumeKea() {
        assumeTrue(Files.isExecutable(KEA_DHCP4), "stock kea-dhcp4 is not installed; skipped");
        assumeTrue(Files.exists(HOOKS.resolve("libdhcp_lease_cmds.so")) && Files.exists(HOOKS.resolve("libdhcp_ha.so")),
                "Kea's lease_cmds/ha hooks are not installed; skipped");
    }

    /** {@code ip addr add ADDRESS/8 dev lo}; "File exists" is fine. */
    static void addAlias(String address) throws IOException, InterruptedException {
        Process add = new ProcessBuilder("ip", "addr", "add", address + "/8", "dev", "lo")
                .redirectErrorStream(true).start();
        add.getInputStream().readAllBytes();
        if (!add.waitFor(10, TimeUnit.SECONDS)) {
            add.destroyForcibly();
        }
    }

    /** A TCP port free on {@code address} right now (for HA peer URLs and HTTP control sockets). */
    static int freeTcpPort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        }
    }
}

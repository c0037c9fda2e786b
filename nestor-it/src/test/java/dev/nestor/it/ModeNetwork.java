package dev.nestor.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The loopback addresses of the HA mode tests (load-balancing, passive-backup): 127.0.11.0/24, apart from the
 * hot-standby and single-server tests' 127.0.7.0/24 so that they never share a fixed port.
 */
final class ModeNetwork {
    /** perfdhcp's relay address towards the first server (perfdhcp binds port 67 of it). */
    static final String RELAY = "127.0.11.1";
    /** perfdhcp's relay address towards the second server. */
    static final String RELAY_TWO = "127.0.11.5";
    /** perfdhcp's relay address towards the third server (a second backup). */
    static final String RELAY_THREE = "127.0.11.6";
    /** The servers: primary, secondary or first backup, second backup. */
    static final String SERVER_ONE = "127.0.11.10";
    static final String SERVER_TWO = "127.0.11.11";
    static final String SERVER_THREE = "127.0.11.12";

    private ModeNetwork() {
    }

    /** Skips unless root with perfdhcp and the built jar; adds this range's lo aliases. */
    static void assumeRootAndPerfdhcp() throws IOException, InterruptedException {
        assumeTrue(Loopback.isRoot(), "end-to-end tests need root (port 67, lo aliases); skipped");
        assumeTrue(Files.isExecutable(Loopback.PERFDHCP), "stock perfdhcp is not installed; skipped");
        assumeTrue(Files.isRegularFile(NestorProcess.jar()), "nestor.jar is not built: " + NestorProcess.jar());
        for (String address : new String[] {RELAY, RELAY_TWO, RELAY_THREE, SERVER_ONE, SERVER_TWO, SERVER_THREE}) {
            Loopback.addAlias(address);
        }
    }
}

package dev.nestor.server.tools;

import dev.nestor.config.ConfigException;
import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.lease.Durability;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import dev.nestor.server.log.KeaLog;
import dev.nestor.server.log.LogMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a DHCPv4 server from a Kea configuration file until SIGTERM/SIGINT, with kea-dhcp4's options:
 * {@code -c file} (required), {@code -p server-port}, {@code -P client-port}, and Nestor's
 * {@code --durability write|group-fsync} (default write, Kea's behaviour). The benchmark starts Nestor with it; the
 * {@code nestor dhcp4 -c} command should do the same.
 *
 * <p>Exit status: 0 after a clean stop, 1 on a bad configuration or a failed start (message on stderr).
 */
public final class RunServer {
    private RunServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path config = null;
        int serverPort = 67;
        int clientPort = 0;
        Durability durability = Durability.WRITE;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-c" -> config = Path.of(args[++i]);
                    case "-p" -> serverPort = Integer.parseInt(args[++i]);
                    case "-P" -> clientPort = Integer.parseInt(args[++i]);
                    case "--durability" -> durability = switch (args[++i]) {
                        case "write" -> Durability.WRITE;
                        case "group-fsync" -> Durability.GROUP_FSYNC;
                        default -> throw new IllegalArgumentException("unknown durability " + args[i]);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: RunServer -c config.json [-p server-port] [-P client-port]"
                    + " [--durability write|group-fsync]: " + e.getMessage());
            System.exit(1);
        }
        if (config == null) {
            System.err.println("usage: RunServer -c config.json [-p server-port] [-P client-port]");
            System.exit(1);
        }
        Dhcp4Config loaded;
        try {
            loaded = ConfigLoader.loadDhcp4(config).config();
        } catch (ConfigException e) {
            System.err.println("Error encountered: " + e.getMessage());
            System.exit(1);
            return;
        }
        Dhcp4Service service;
        try {
            service = Dhcp4Service.start(loaded, new Ports(serverPort, clientPort), durability, Clock.systemUTC());
        } catch (Exception e) {
            KeaLog.log(LogMessage.DHCP4_SERVER_FAILED, e.getMessage());
            System.err.println("failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            var statistics = service.server().statistics();
            service.close();
            StringBuilder summary = new StringBuilder("nestor dhcp4 stopped:");
            for (String name : new String[]{"pkt4-received", "pkt4-receive-drop", "pkt4-parse-failed",
                    "pkt4-offer-sent", "pkt4-ack-sent", "pkt4-nak-sent", "v4-allocation-fail"}) {
                summary.append(' ').append(name).append('=').append(statistics.value(name));
            }
            System.err.println(summary);
            stopped.countDown();
        }));
        System.err.println("nestor dhcp4 running on port " + serverPort + " (" + durability + ")");
        stopped.await();
    }
}

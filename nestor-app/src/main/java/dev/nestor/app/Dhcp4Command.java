package dev.nestor.app;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.Family;
import dev.nestor.config.LoadedConfig;
import dev.nestor.lease.Durability;
import dev.nestor.server.Dhcp4Service;
import dev.nestor.server.Ports;
import dev.nestor.server.SetupBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code nestor dhcp4}: kea-dhcp4's command line. Runs until SIGTERM/SIGINT or the shutdown command. */
@Command(name = "dhcp4", description = "DHCPv4 server (kea-dhcp4's options)")
final class Dhcp4Command extends DhcpCommand {

    @Override
    Family family() {
        return Family.V4;
    }

    @Override
    int run(Path configFile, Durability durability) throws InterruptedException {
        @SuppressWarnings("unchecked")
        LoadedConfig<Dhcp4Config> loaded = loadOrReport(Family.V4, configFile, l -> (LoadedConfig<Dhcp4Config>) l);
        if (loaded == null) {
            return 1;
        }
        Dhcp4Config config = loaded.config();
        applyLoggers("kea-dhcp4", config.loggers(), debug);
        Logger log = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
        Ports ports = new Ports(serverPort == null ? 67 : serverPort, clientPort == null ? 0 : clientPort);
        // SIGTERM and SIGINT stop the server cleanly with exit 0, as kea-dhcp4 does (also during startup); the
        // shutdown hook below remains for everything else that ends the JVM
        CountDownLatch stopped = new CountDownLatch(1);
        boolean signalsHandled = StopSignals.install(stopped::countDown);
        LeaseFileLock leaseLock = null;
        Dhcp4Service service;
        try {
            if (config.leaseDatabase().persist()) {
                leaseLock = LeaseFileLock.acquire(SetupBuilder.memfile(config, durability).path());
            }
            service = Dhcp4Service.start(config, ports, durability, Clock.systemUTC());
        } catch (Exception e) {
            if (leaseLock != null) {
                leaseLock.close();
            }
            log.error("DHCP4_INIT_FAIL failed to initialize Kea server: configuration error using file: {}, reason: {}",
                    configFile, e.getMessage());
            System.err.println("failed to start: " + e.getMessage());
            return 1;
        }
        ServerRuntime runtime;
        try {
            runtime = ServerRuntime.attach(service, configFile, loaded, exitValue -> stopped.countDown());
        } catch (Exception e) {
            service.close();
            if (leaseLock != null) {
                leaseLock.close();
            }
            System.err.println("failed to start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            runtime.close();
            service.close();
            stopped.countDown();
        }, "nestor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        Logger stopLog = LoggerFactory.getLogger("kea-dhcp4.dhcp4");
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the JVM is already stopping: the hook closes everything
        }
        runtime.close();
        service.close();
        if (leaseLock != null) {
            leaseLock.close();
        }
        stopLog.debug("nestor dhcp4 stopped (signal handlers installed: {})", signalsHandled);
        return 0;
    }
}

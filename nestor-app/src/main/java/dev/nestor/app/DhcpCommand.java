package dev.nestor.app;

import dev.nestor.app.logging.KeaLogging;
import dev.nestor.config.ConfigCheck;
import dev.nestor.config.ConfigException;
import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Family;
import dev.nestor.config.LoggerConfig;
import dev.nestor.lease.Durability;
import dev.nestor.server.log.KeaLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code nestor dhcp4} and {@code nestor dhcp6} share: kea-dhcp4's and kea-dhcp6's options
 * ({@code -c}, {@code -t}, {@code -T}, {@code -p}, {@code -P}, {@code -d}, {@code -v}, {@code -V}).
 */
abstract class DhcpCommand implements Callable<Integer> {

    /** Exactly one of run, check or version. */
    static final class Mode {
        @Option(names = "-c", paramLabel = "FILE", description = "run the server with this Kea configuration file")
        Path runFile;

        @Option(names = "-t", paramLabel = "FILE", description = "check the configuration file and exit (0 valid, 1 not)")
        Path checkFile;

        @Option(names = "-T", paramLabel = "FILE", description = "check the configuration file as -t does (Kea also opens sockets; Nestor does not)")
        Path deepCheckFile;

        @Option(names = "-v", description = "print the version and exit")
        boolean version;

        @Option(names = "-V", description = "print the extended version and exit")
        boolean extendedVersion;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "-p", paramLabel = "PORT", description = "server port (default: 67 for dhcp4, 547 for dhcp6)")
    Integer serverPort;

    @Option(names = "-P", paramLabel = "PORT", description = "client port (default: 68 for dhcp4, 546 for dhcp6)")
    Integer clientPort;

    @Option(names = "-d", description = "debug logging: every logger at DEBUG, level 99")
    boolean debug;

    @Option(names = "--durability", paramLabel = "MODE", defaultValue = "write",
            description = "lease file durability: write (Kea's: each row written, no fsync) or group-fsync (fsync before each ACK, batched)")
    String durability;

    @Spec
    CommandSpec spec;

    abstract Family family();

    @Override
    public Integer call() throws Exception {
        if (mode.version) {
            System.out.println(NestorVersion.version());
            return 0;
        }
        if (mode.extendedVersion) {
            System.out.println(NestorVersion.version());
            System.out.println("nestor (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")");
            System.out.println("compatible with Kea 2.2 configuration, control commands and HA protocol");
            return 0;
        }
        Path check = mode.checkFile != null ? mode.checkFile : mode.deepCheckFile;
        if (check != null) {
            return ConfigCheck.run(family(), check, System.out, System.err);
        }
        Durability mode;
        switch (durability) {
            case "write" -> mode = Durability.WRITE;
            case "group-fsync" -> mode = Durability.GROUP_FSYNC;
            default -> {
                System.err.println("unknown --durability '" + durability + "': expected write or group-fsync");
                return 1;
            }
        }
        return run(this.mode.runFile, mode);
    }

    abstract int run(Path configFile, Durability durability) throws Exception;

    /** Applies the config's loggers (Kea's semantics, {@code -d} forcing DEBUG). */
    static void applyLoggers(String daemonRoot, List<LoggerConfig> loggers, boolean debug) {
        List<KeaLogging.LoggerSpec> specs = loggers.stream()
                .map(l -> new KeaLogging.LoggerSpec(l.name(), l.severity(), l.debugLevel(), l.outputs().stream()
                        .map(o -> new KeaLogging.Output(o.output(), o.flush(), o.maxSize(), o.maxVer(), o.pattern()))
                        .toList()))
                .toList();
        KeaLogging.apply(daemonRoot, specs, debug);
        // DEBUG messages carry Kea debug levels: write those up to the highest level a DEBUG logger asks for
        int maxLevel = debug ? 99 : loggers.stream().filter(l -> "DEBUG".equalsIgnoreCase(l.severity()))
                .mapToInt(LoggerConfig::debugLevel).max().orElse(0);
        KeaLog.maxDebugLevel(maxLevel);
    }

    /** Loads a config for running, printing Kea's error line on failure; null when it is refused. */
    static <T> T loadOrReport(Family family, Path file, java.util.function.Function<dev.nestor.config.LoadedConfig<?>, T> pick) {
        try {
            var loaded = family == Family.V4 ? ConfigLoader.loadDhcp4(file) : ConfigLoader.loadDhcp6(file);
            ConfigCheck.printWarnings(loaded.warnings(), System.out);
            return pick.apply(loaded);
        } catch (ConfigException e) {
            System.err.println(ConfigCheck.format(family, e));
            return null;
        }
    }
}

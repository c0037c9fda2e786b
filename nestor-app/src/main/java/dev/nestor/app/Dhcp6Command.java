package dev.nestor.app;

import dev.nestor.config.Family;
import dev.nestor.lease.Durability;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code nestor dhcp6}: kea-dhcp6's command line. Configuration checks work; serving DHCPv6 is not built yet. */
@Command(name = "dhcp6", description = "DHCPv6 server (kea-dhcp6's options; -t works, serving is not built yet)")
final class Dhcp6Command extends DhcpCommand {

    @Override
    Family family() {
        return Family.V6;
    }

    @Override
    int run(Path configFile, Durability durability) {
        Object config = loadOrReport(Family.V6, configFile, loaded -> loaded.config());
        if (config == null) {
            return 1;
        }
        System.err.println("nestor dhcp6: the configuration is valid, but this Nestor build cannot serve DHCPv6 yet"
                + " (only configuration checks with -t)");
        return 1;
    }
}

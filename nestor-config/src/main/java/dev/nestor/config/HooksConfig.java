package dev.nestor.config;

import dev.nestor.config.ha.HaConfig;
import java.util.List;
import java.util.Optional;

/**
 * The {@code hooks-libraries} Nestor provides natively.
 *
 * @param libraries      the entries, in file order (only recognised libraries; anything else is refused at load)
 * @param leaseCommands  {@code libdhcp_lease_cmds.so} is listed: lease commands are enabled on the control channel
 * @param ha             the validated HA parameters when {@code libdhcp_ha.so} is listed
 */
public record HooksConfig(List<HookLibrary> libraries, boolean leaseCommands, Optional<HaConfig> ha) {
    /** Copies the list. */
    public HooksConfig {
        libraries = List.copyOf(libraries);
    }

    /** No hook libraries. */
    public static HooksConfig none() {
        return new HooksConfig(List.of(), false, Optional.empty());
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;

/**
 * A successfully loaded configuration with what the operator should know about it.
 *
 * @param config     the validated model
 * @param raw        the {@code Dhcp4}/{@code Dhcp6} map as parsed (for {@code config-get}, {@code config-write})
 * @param warnings   warnings in the order found
 * @param notActedOn key paths that were accepted and type-checked but have no effect in Nestor yet
 * @param <T>        {@link Dhcp4Config} or {@link Dhcp6Config}
 */
public record LoadedConfig<T>(T config, JsonObject raw, List<ConfigWarning> warnings, List<String> notActedOn) {
    /** Copies the lists. */
    public LoadedConfig {
        warnings = List.copyOf(warnings);
        notActedOn = List.copyOf(notActedOn);
    }
}

package dev.nestor.control.engine;

import dev.nestor.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration lifecycle the config commands drive. Implementations guarantee that
 * {@link #apply} and {@link #reload} either switch the whole server to the new configuration or
 * leave the running one untouched (and serving), and that leases survive either.
 */
public interface ConfigurationService {

    /** The running configuration as {@code config-get} returns it: {@code {"Dhcp4": {...}}}. */
    JsonObject running();

    /** Checks a {@code {"Dhcp4": {...}}} document without applying it. */
    void check(JsonObject document) throws ConfigurationRejected;

    /** Validates and applies a {@code {"Dhcp4": {...}}} document, atomically. */
    void apply(JsonObject document) throws ConfigurationRejected;

    /** Re-reads the startup file and applies it, atomically. */
    void reload() throws ConfigurationRejected;

    /** The file the server was started with, if any ({@code config-write}'s default). */
    Optional<Path> startupFile();
}

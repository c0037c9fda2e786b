package dev.nestor.control.config;

import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.LoadedConfig;
import dev.nestor.control.engine.ConfigurationRejected;

/**
 * A part of the server that follows a configuration change in two steps around the engine's switch:
 * {@link #prepare} does whatever can fail (opening new sockets) without disturbing what runs; then
 * exactly one of {@link Transition#commit()} (the new configuration is in force) or
 * {@link Transition#rollback()} (it was refused later: undo the preparation) is called. Used by
 * {@link Dhcp4Configuration} for the control sockets.
 */
@FunctionalInterface
public interface ConfigurationStage {

    /** The prepared change; neither method may throw. */
    interface Transition {
        void commit();

        void rollback();

        /** Nothing to change. */
        Transition NONE = new Transition() {
            @Override
            public void commit() {
            }

            @Override
            public void rollback() {
            }
        };
    }

    /**
     * Prepares the switch to {@code next}.
     *
     * @throws ConfigurationRejected with the text the command answers; nothing was changed
     */
    Transition prepare(LoadedConfig<Dhcp4Config> next) throws ConfigurationRejected;
}

package dev.nestor.config.ha;

import java.util.List;

/**
 * The parameters of {@code libdhcp_ha.so}: one relationship (Kea 2.2), or several hot-standby relationships
 * (hub-and-spoke, Kea 2.6+).
 *
 * @param relationships at least one
 */
public record HaConfig(List<HaRelationship> relationships) {
    /** Copies the list. */
    public HaConfig {
        relationships = List.copyOf(relationships);
    }
}

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

    /**
     * The relationship a subnet belongs to, from its {@code user-context.ha-server-name} (or its shared network's):
     * the relationship having a peer of that name. With a single relationship and no name, that relationship.
     */
    public java.util.Optional<HaRelationship> relationshipFor(String haServerName) {
        if (haServerName == null || haServerName.isEmpty()) {
            return relationships.size() == 1 ? java.util.Optional.of(relationships.get(0)) : java.util.Optional.empty();
        }
        for (HaRelationship r : relationships) {
            for (HaPeer p : r.peers()) {
                if (p.name().equals(haServerName)) return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}

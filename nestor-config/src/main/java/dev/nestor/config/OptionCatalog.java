package dev.nestor.config;

import dev.nestor.wire.option.OptionDefinition;
import dev.nestor.wire.option.OptionSpace;
import dev.nestor.wire.option.StandardOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Option definitions visible to a configuration: Kea's standard spaces for the family plus the file's
 * {@code option-def} entries. Mutable while a configuration is being parsed, then discarded.
 */
final class OptionCatalog {
    private final Family family;
    private final Map<String, Map<String, OptionDefinition>> customByName = new HashMap<>();
    private final Map<String, Map<Integer, OptionDefinition>> customByCode = new HashMap<>();
    private final List<OptionDefinition> custom = new ArrayList<>();
    /** Definitions local to the client class being parsed (Kea scopes a class's option-def to the class). */
    private Map<String, Map<String, OptionDefinition>> localByName;
    private Map<String, Map<Integer, OptionDefinition>> localByCode;

    /** Starts a client-class scope: definitions added until {@link #exitClass()} are visible only inside it. */
    void enterClass() {
        localByName = new HashMap<>();
        localByCode = new HashMap<>();
    }

    /** Ends the client-class scope. */
    void exitClass() {
        localByName = null;
        localByCode = null;
    }

    OptionCatalog(Family family) {
        this.family = family;
    }

    /** A predefined space; Kea also names the CableLabs vendor space {@code docsis3-v4} / {@code docsis3-v6}. */
    Optional<OptionSpace> standard(String space) {
        String name = space.equals("docsis3-v4") || space.equals("docsis3-v6") ? "vendor-4491" : space;
        return family == Family.V4 ? StandardOptions.v4Space(name) : StandardOptions.v6Space(name);
    }

    boolean isStandardSpace(String space) {
        return standard(space).isPresent();
    }

    /** Custom definitions first: the only standard option they may replace is DHCPv4 option 43. */
    OptionDefinition byName(String space, String name) {
        OptionDefinition d = customByName(space, name);
        if (d != null) return d;
        return standard(space).flatMap(s -> s.byName(name)).orElse(null);
    }

    OptionDefinition byCode(String space, int code) {
        OptionDefinition d = customByCode(space, code);
        if (d != null) return d;
        return standard(space).map(s -> s.definitionForCode(code)).orElse(null);
    }

    OptionDefinition customByName(String space, String name) {
        if (localByName != null) {
            Map<String, OptionDefinition> local = localByName.get(space);
            if (local != null && local.containsKey(name)) return local.get(name);
        }
        Map<String, OptionDefinition> m = customByName.get(space);
        return m == null ? null : m.get(name);
    }

    OptionDefinition customByCode(String space, int code) {
        if (localByCode != null) {
            Map<Integer, OptionDefinition> local = localByCode.get(space);
            if (local != null && local.containsKey(code)) return local.get(code);
        }
        Map<Integer, OptionDefinition> m = customByCode.get(space);
        return m == null ? null : m.get(code);
    }

    /** True when a definition with this name or code was added in the current class scope. */
    boolean localClash(OptionDefinition d) {
        return localByName != null
                && ((localByName.containsKey(d.space()) && localByName.get(d.space()).containsKey(d.name()))
                || (localByCode.containsKey(d.space()) && localByCode.get(d.space()).containsKey(d.code())));
    }

    boolean inClass() {
        return localByName != null;
    }

    void add(OptionDefinition definition) {
        if (localByName != null) {
            localByName.computeIfAbsent(definition.space(), k -> new HashMap<>()).put(definition.name(), definition);
            localByCode.computeIfAbsent(definition.space(), k -> new HashMap<>()).put(definition.code(), definition);
            custom.add(definition);
            return;
        }
        customByName.computeIfAbsent(definition.space(), k -> new HashMap<>()).put(definition.name(), definition);
        customByCode.computeIfAbsent(definition.space(), k -> new HashMap<>()).put(definition.code(), definition);
        custom.add(definition);
    }

    List<OptionDefinition> custom() {
        return List.copyOf(custom);
    }
}

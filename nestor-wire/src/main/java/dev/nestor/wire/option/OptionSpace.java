package dev.nestor.wire.option;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, named set of option definitions with lookup by name and by code. Codes below 256 are looked up
 * through an array so the packet hot path does not box or hash.
 */
public final class OptionSpace {
    private final String name;
    private final List<OptionDefinition> definitions;
    private final Map<String, OptionDefinition> byName;
    private final Map<Integer, OptionDefinition> byLargeCode;
    private final OptionDefinition[] bySmallCode = new OptionDefinition[256];

    /**
     * Builds a space. Every definition's {@code space} must equal {@code name}; names and codes must be unique.
     *
     * @throws IllegalArgumentException when a definition belongs elsewhere or repeats a name or code
     */
    public OptionSpace(String name, Collection<OptionDefinition> definitions) {
        this.name = Objects.requireNonNull(name, "name");
        Map<String, OptionDefinition> names = new LinkedHashMap<>();
        Map<Integer, OptionDefinition> large = new HashMap<>();
        for (OptionDefinition definition : definitions) {
            if (!definition.space().equals(name)) {
                throw new IllegalArgumentException("definition " + definition.name() + " belongs to space '"
                        + definition.space() + "', not '" + name + "'");
            }
            if (names.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException("duplicate option name " + definition.name() + " in space " + name);
            }
            int code = definition.code();
            boolean duplicate;
            if (code >= 0 && code < 256) {
                duplicate = bySmallCode[code] != null;
                bySmallCode[code] = definition;
            } else {
                duplicate = large.putIfAbsent(code, definition) != null;
            }
            if (duplicate) {
                throw new IllegalArgumentException("duplicate option code " + code + " in space " + name);
            }
        }
        this.definitions = List.copyOf(new ArrayList<>(definitions));
        this.byName = Map.copyOf(names);
        this.byLargeCode = Map.copyOf(large);
    }

    /** The space name, e.g. {@code dhcp4}. */
    public String name() {
        return name;
    }

    /** All definitions in table order. */
    public List<OptionDefinition> definitions() {
        return definitions;
    }

    /** The definition with this config name. */
    public Optional<OptionDefinition> byName(String optionName) {
        return Optional.ofNullable(byName.get(optionName));
    }

    /** The definition with this code. */
    public Optional<OptionDefinition> byCode(int code) {
        return Optional.ofNullable(definitionForCode(code));
    }

    /** Hot-path variant of {@link #byCode(int)}: the definition or null, without allocation for codes below 256. */
    public OptionDefinition definitionForCode(int code) {
        if (code >= 0 && code < 256) {
            return bySmallCode[code];
        }
        return byLargeCode.get(code);
    }

    /** A new space holding these definitions plus {@code more} (e.g. config {@code option-def}s). */
    public OptionSpace with(Collection<OptionDefinition> more) {
        List<OptionDefinition> all = new ArrayList<>(definitions);
        all.addAll(more);
        return new OptionSpace(name, all);
    }

    @Override
    public String toString() {
        return "OptionSpace[" + name + ", " + definitions.size() + " definitions]";
    }
}

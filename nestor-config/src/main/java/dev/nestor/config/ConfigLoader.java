package dev.nestor.config;

import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWarning;
import dev.nestor.json.KeaJsonDocument;
import dev.nestor.json.Position;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Kea configuration files ({@code Dhcp4} / {@code Dhcp6}) into validated models: parse (Kea's extended JSON,
 * includes resolved against the working directory like Kea), check every key and type, apply Kea 2.2's defaults,
 * resolve inheritance, validate, and collect warnings. Any problem is a {@link ConfigException} with file, line,
 * column and key path. Interfaces are not checked for existence (see {@link InterfacesConfig}).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads a {@code Dhcp4} configuration file. */
    public static LoadedConfig<Dhcp4Config> loadDhcp4(Path file) throws ConfigException {
        return dhcp4(readFile(file), Family.V4);
    }

    /** Loads a {@code Dhcp6} configuration file. */
    public static LoadedConfig<Dhcp6Config> loadDhcp6(Path file) throws ConfigException {
        return dhcp6(readFile(file), Family.V6);
    }

    /** Parses {@code Dhcp4} configuration text ({@code sourceName} appears in positions). */
    public static LoadedConfig<Dhcp4Config> parseDhcp4(String text, String sourceName, Path includeBase)
            throws ConfigException {
        return dhcp4(readText(text, sourceName, includeBase), Family.V4);
    }

    /** Parses {@code Dhcp6} configuration text. */
    public static LoadedConfig<Dhcp6Config> parseDhcp6(String text, String sourceName, Path includeBase)
            throws ConfigException {
        return dhcp6(readText(text, sourceName, includeBase), Family.V6);
    }

    /**
     * Builds a {@code Dhcp4} model from an already parsed value of the form {@code {"Dhcp4": {...}}} (as received by
     * {@code config-set} / {@code config-test}).
     */
    public static LoadedConfig<Dhcp4Config> fromJsonDhcp4(JsonValue document) throws ConfigException {
        return dhcp4(new KeaJsonDocument(document, List.of()), Family.V4);
    }

    /** Builds a {@code Dhcp6} model from {@code {"Dhcp6": {...}}}. */
    public static LoadedConfig<Dhcp6Config> fromJsonDhcp6(JsonValue document) throws ConfigException {
        return dhcp6(new KeaJsonDocument(document, List.of()), Family.V6);
    }

    private static KeaJsonDocument readFile(Path file) throws ConfigException {
        try {
            return JsonParser.parseKeaFile(file);
        } catch (JsonParseException e) {
            throw fromJson(e);
        }
    }

    private static KeaJsonDocument readText(String text, String sourceName, Path includeBase) throws ConfigException {
        try {
            return JsonParser.parseKea(text, sourceName, includeBase);
        } catch (JsonParseException e) {
            throw fromJson(e);
        }
    }

    private static ConfigException fromJson(JsonParseException e) {
        return e.colonForm() ? ConfigException.syntaxColon(e.position(), "", e.detail())
                : ConfigException.syntax(e.position(), e.endColumn(), "", e.detail());
    }

    private static LoadedConfig<Dhcp4Config> dhcp4(KeaJsonDocument document, Family family) throws ConfigException {
        List<ConfigWarning> warnings = syntaxWarnings(document, family);
        List<String> notActedOn = new ArrayList<>();
        Obj top = top(document.value(), family);
        Dhcp4Config config = new Dhcp4Parser(warnings, notActedOn).parse(top);
        return new LoadedConfig<>(config, top.json, warnings, notActedOn);
    }

    private static LoadedConfig<Dhcp6Config> dhcp6(KeaJsonDocument document, Family family) throws ConfigException {
        List<ConfigWarning> warnings = syntaxWarnings(document, family);
        List<String> notActedOn = new ArrayList<>();
        Obj top = top(document.value(), family);
        Dhcp6Config config = new Dhcp6Parser(warnings, notActedOn).parse(top);
        return new LoadedConfig<>(config, top.json, warnings, notActedOn);
    }

    private static List<ConfigWarning> syntaxWarnings(KeaJsonDocument document, Family family) {
        List<ConfigWarning> warnings = new ArrayList<>();
        for (JsonWarning w : document.warnings()) {
            warnings.add(new ConfigWarning(family.logPrefix() + "_CONFIG_SYNTAX_WARNING", w.position(), "",
                    "configuration syntax warning: " + w.position().dotted() + ": " + w.message()));
        }
        return warnings;
    }

    /** The {@code Dhcp4}/{@code Dhcp6} map; the file must be a map with exactly that one key. */
    private static Obj top(JsonValue value, Family family) throws ConfigException {
        String key = family.topLevelKey();
        if (!(value instanceof JsonObject root)) {
            throw ConfigException.syntax(value.position(), 0, "", "syntax error, unexpected " + Obj.describe(value)
                    + ", expecting {");
        }
        if (root.isEmpty()) {
            throw ConfigException.syntax(root.position(), 0, "", "syntax error, unexpected }, expecting " + key);
        }
        for (String k : root.keys()) {
            if (!k.equals(key)) {
                Position at = root.keyPosition(k);
                String hint = k.equals("Dhcp4") || k.equals("Dhcp6") || k.equals("Logging") || k.equals("DhcpDdns")
                        || k.equals("Control-agent") || k.equals("Netconf")
                        ? " (a file holds one server's configuration: only '" + key + "' here)" : "";
                throw ConfigException.syntax(at, at == null ? 0 : at.column() + k.length() + 1, k,
                        "syntax error, unexpected constant string, expecting " + key + hint);
            }
        }
        return Obj.of(root.get(key), key, key);
    }
}

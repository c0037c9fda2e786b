package dev.nestor.json;

import java.util.List;

/**
 * The result of parsing a Kea configuration file: the value and the warnings collected on the way.
 *
 * @param value    the top-level value
 * @param warnings warnings in source order (unmodifiable)
 */
public record KeaJsonDocument(JsonValue value, List<JsonWarning> warnings) {
    /** Copies the warnings. */
    public KeaJsonDocument {
        warnings = List.copyOf(warnings);
    }
}

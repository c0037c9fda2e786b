package dev.nestor.wire.option;

import java.util.List;
import java.util.Objects;

/**
 * How one option is named, numbered and laid out, as in Kea's standard option table or a config {@code option-def}.
 * Immutable. {@code recordTypes} is non-empty only for {@link OptionDataType#RECORD}; {@code encapsulate} names the
 * option space of the sub-options carried after the option's own data, or is empty.
 *
 * <p>The constructor only normalises (null lists and strings become empty); use {@link #validate()} to check the
 * combination the way Kea checks an {@code option-def}.
 *
 * @param name        config name, e.g. {@code domain-name-servers}
 * @param code        option code (0..255 for DHCPv4 spaces, 0..65535 for DHCPv6 spaces)
 * @param space       option space name, e.g. {@code dhcp4}
 * @param type        data type; {@code RECORD} means {@code recordTypes} describe the fields
 * @param array       whether the data is a sequence of values of {@code type} (or, for a record, the last field repeats)
 * @param recordTypes field types of a record, in order
 * @param encapsulate name of the encapsulated option space, or empty
 */
public record OptionDefinition(String name, int code, String space, OptionDataType type, boolean array,
                               List<OptionDataType> recordTypes, String encapsulate) {

    public OptionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        space = space == null ? "" : space;
        recordTypes = recordTypes == null ? List.of() : List.copyOf(recordTypes);
        encapsulate = encapsulate == null ? "" : encapsulate;
    }

    /** A definition with no record fields and no encapsulated space. */
    public static OptionDefinition of(String name, int code, String space, OptionDataType type, boolean array) {
        return new OptionDefinition(name, code, space, type, array, List.of(), "");
    }

    /** A record definition. */
    public static OptionDefinition record(String name, int code, String space, boolean array, OptionDataType... fields) {
        return new OptionDefinition(name, code, space, OptionDataType.RECORD, array, List.of(fields), "");
    }

    /** Whether sub-options of another space follow the option's own data. */
    public boolean encapsulates() {
        return !encapsulate.isEmpty();
    }

    /**
     * Checks the definition the way Kea checks an {@code option-def}: returns an error text, or empty when valid.
     * The texts follow Kea's {@code OptionDefinition::validate} wording.
     */
    public java.util.Optional<String> validate() {
        String error = null;
        if (!isValidName(name)) {
            error = "invalid option name '" + name + "'";
        } else if (!encapsulate.isEmpty() && !isValidName(encapsulate)) {
            error = "invalid encapsulated option space name: '" + encapsulate + "'";
        } else if (type == OptionDataType.RECORD) {
            if (recordTypes.size() < 2) {
                error = "invalid number of data fields: " + recordTypes.size()
                        + " specified for the option of type 'record'. Expected at least 2 fields.";
            } else {
                for (int i = 0; i < recordTypes.size() && error == null; i++) {
                    OptionDataType field = recordTypes.get(i);
                    if (field == OptionDataType.RECORD || field == OptionDataType.EMPTY) {
                        error = "record type '" + field.keaName() + "' is not allowed as a record field";
                    } else if (i < recordTypes.size() - 1 && isVariableLength(field)) {
                        error = "string data field can't be laid before data fields of other types.";
                    }
                }
                if (error == null && array && isVariableLength(recordTypes.get(recordTypes.size() - 1))) {
                    error = "array of strings, binaries, or fqdns in a record is not supported";
                }
            }
        } else if (!recordTypes.isEmpty()) {
            error = "record types given for an option of type '" + type.keaName() + "'";
        } else if (array && (type == OptionDataType.STRING || type == OptionDataType.BINARY
                || type == OptionDataType.EMPTY)) {
            error = "array of strings is not a valid option definition.";
        }
        return java.util.Optional.ofNullable(error);
    }

    private static boolean isVariableLength(OptionDataType type) {
        return type == OptionDataType.STRING || type == OptionDataType.BINARY;
    }

    /** Kea's option and space name rule: letters, digits, '-', '_', not starting or ending with '-' or '_'. */
    public static boolean isValidName(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        char first = candidate.charAt(0);
        char last = candidate.charAt(candidate.length() - 1);
        return first != '-' && first != '_' && last != '-' && last != '_';
    }
}

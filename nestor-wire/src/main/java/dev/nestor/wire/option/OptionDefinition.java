package dev.nestor.wire.option;

import java.util.List;
import java.util.Objects;

/**
 * How one option is named, numbered and laid out, as in Kea's standard option table or a config {@code option-def}.
 * Immutable. {@code recordTypes} is non-empty only for {@link OptionDataType#RECORD}; {@code encapsulate} names the
 * option space of the sub-options carried after the option's own data, or is empty.
 *
 * <p>The constructor only normalises (null lists and strings become empty); use {@link #validate()} to check the
 * combination the way Kea checks an {@code option-def} (with Kea's error texts).
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
     * Checks the definition's shape the way kea-dhcp4/kea-dhcp6 2.2 check an {@code option-def}: name, encapsulated
     * space name, record fields, arrays. Returns Kea's error text (verified with {@code kea-dhcp4 -t}), or empty when
     * valid. The code is not checked here (see {@link #validate(Universe)}); whether a standard option may be
     * redefined is the caller's business (Kea refuses it except for DHCPv4 option 43).
     */
    public java.util.Optional<String> validate() {
        return java.util.Optional.ofNullable(shapeProblem());
    }

    /**
     * {@link #validate()} plus the code range of a {@code Dhcp4} ({@code V4}: 1..254 in space dhcp4, 0..255
     * elsewhere) or {@code Dhcp6} ({@code V6}: 0..65535) config, with Kea's texts.
     */
    public java.util.Optional<String> validate(Universe universe) {
        String problem = codeProblem(universe);
        return java.util.Optional.ofNullable(problem != null ? problem : shapeProblem());
    }

    private String codeProblem(Universe universe) {
        int maxCode = universe == Universe.V4 ? 255 : 65535;
        if (universe == Universe.V4 && "dhcp4".equals(space) && code == 0) {
            return "invalid option code '0': reserved for PAD";
        }
        if (universe == Universe.V4 && "dhcp4".equals(space) && code == 255) {
            return "invalid option code '255': reserved for END";
        }
        if (code < 0 || code > maxCode) {
            return "invalid option code '" + code + "', it must not be greater than '" + maxCode + "'";
        }
        return null;
    }

    private String shapeProblem() {
        if (!isValidName(name)) {
            return "invalid option name '" + name + "'";
        }
        if (!encapsulate.isEmpty() && !isValidName(encapsulate)) {
            return "invalid encapsulated option space name: '" + encapsulate + "'";
        }
        if (type != OptionDataType.RECORD && !recordTypes.isEmpty()) {
            return "invalid record type values specified for the option definition: 'record' option type must be used"
                    + " instead of '" + type.keaName() + "' to add data fields to the record";
        }
        if (type == OptionDataType.RECORD) {
            for (OptionDataType field : recordTypes) {
                if (field == OptionDataType.RECORD || field == OptionDataType.EMPTY) {
                    return "invalid record type values specified for the option definition: attempted to add invalid"
                            + " data type '" + field.keaName() + "' to the record.";
                }
            }
            if (recordTypes.size() < 2) {
                return "invalid number of data fields: " + recordTypes.size()
                        + " specified for the option of type 'record'. Expected at least 2 fields.";
            }
            for (int i = 0; i < recordTypes.size() - 1; i++) {
                OptionDataType field = recordTypes.get(i);
                if (field == OptionDataType.STRING || field == OptionDataType.BINARY) {
                    return field.keaName() + " data field can't be laid before data fields of other types.";
                }
            }
            if (array) {
                String problem = arrayProblem(recordTypes.get(recordTypes.size() - 1));
                if (problem != null) {
                    return problem;
                }
            }
        } else if (array) {
            String problem = arrayProblem(type);
            if (problem != null) {
                return problem;
            }
        }
        if (array && !encapsulate.isEmpty()) {
            return "option '" + space + "." + name + "', comprising an array of data fields may not encapsulate any"
                    + " option space";
        }
        return null;
    }

    private static String arrayProblem(OptionDataType element) {
        return switch (element) {
            case STRING -> "array of strings is not a valid option definition.";
            case BINARY -> "array of binary values is not a valid option definition.";
            case EMPTY -> "array of empty value is not a valid option definition.";
            default -> null;
        };
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

package dev.nestor.config;

import dev.nestor.json.Position;

/**
 * A configuration that cannot be accepted. Carries where (file, line, column), which key (a path such as
 * {@code Dhcp4.subnet4[0].pools[1].pool}) and what is wrong, in Kea's words where Kea has words for it.
 *
 * <p>{@link #getMessage()} is formatted like {@code kea-dhcp4 -t}: syntax-phase problems (JSON, unknown keys, wrong
 * types, values outside an enumeration) as {@code file:line.col: message}; semantic problems as
 * {@code message (file:line:col)}. {@link ConfigCheck} adds Kea's prefixes and the key path.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Position position;
    private final int endColumn;
    private final String keyPath;
    private final String detail;
    private final boolean syntaxPhase;
    private final Style style;

    /** Where the position goes in the message. */
    private enum Style { DOTTED_PREFIX, COLON_PREFIX, SUFFIX, IN_DETAIL }

    private ConfigException(Position position, int endColumn, String keyPath, String detail, boolean syntaxPhase,
                            Style style) {
        super(format(position, endColumn, detail, style));
        this.position = position;
        this.endColumn = endColumn;
        this.keyPath = keyPath == null ? "" : keyPath;
        this.detail = detail;
        this.syntaxPhase = syntaxPhase;
        this.style = style;
    }

    /** A syntax-phase problem printed as {@code file:line.col[-end]: detail}. */
    public static ConfigException syntax(Position position, int endColumn, String keyPath, String detail) {
        return new ConfigException(position, endColumn, keyPath, detail, true, Style.DOTTED_PREFIX);
    }

    /** A syntax-phase problem Kea prints as {@code file:line:col: detail} (duplicate keys). */
    public static ConfigException syntaxColon(Position position, String keyPath, String detail) {
        return new ConfigException(position, 0, keyPath, detail, true, Style.COLON_PREFIX);
    }

    /**
     * A problem found while parsing that Kea prints with the position already inside {@code detail}
     * (missing parameter).
     */
    public static ConfigException parse(Position position, String keyPath, String detail) {
        return new ConfigException(position, 0, keyPath, detail, true, Style.IN_DETAIL);
    }

    /** A semantic problem printed as {@code detail (file:line:col)}. */
    public static ConfigException semantic(Position position, String keyPath, String detail) {
        return new ConfigException(position, 0, keyPath, detail, false, Style.SUFFIX);
    }

    private static String format(Position position, int endColumn, String detail, Style style) {
        if (position == null || style == Style.IN_DETAIL) return detail;
        return switch (style) {
            case DOTTED_PREFIX -> position.dotted() + (endColumn > position.column() ? "-" + endColumn : "") + ": " + detail;
            case COLON_PREFIX -> position + ": " + detail;
            default -> detail + " (" + position + ")";
        };
    }

    /** Where the problem is, or {@code null} when it concerns the file as a whole. */
    public Position position() { return position; }

    /** The key path, e.g. {@code Dhcp4.subnet4[0].pools[1].pool}; empty when not applicable. */
    public String keyPath() { return keyPath; }

    /** The message without position. */
    public String detail() { return detail; }

    /** True for problems Kea reports as "Syntax check failed with:". */
    public boolean syntaxPhase() { return syntaxPhase; }

    /** Last column of the offending token (syntax form), or 0. */
    public int endColumn() { return endColumn; }

    /** True when the position is printed before the detail. */
    public boolean positionFirst() { return style == Style.DOTTED_PREFIX || style == Style.COLON_PREFIX; }
}

package dev.nestor.json;

/**
 * JSON text that cannot be parsed. The message is formatted as Kea's {@code -t} prints it:
 * {@code file:line.col[-endcol]: detail} for syntax errors, {@code file:line:col: detail} for errors found after a
 * token was read (duplicate keys), or the bare detail when there is no position (unreadable file).
 */
public final class JsonParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Position position;
    private final int endColumn;
    private final String detail;
    private final boolean colonForm;

    /**
     * @param position  where the problem is, or {@code null}
     * @param endColumn last column of the offending token on the same line, or 0 for none
     * @param detail    what is wrong, without position
     * @param colonForm true to print {@code file:line:col}, false for Kea's syntax form {@code file:line.col}
     */
    public JsonParseException(Position position, int endColumn, String detail, boolean colonForm) {
        super(format(position, endColumn, detail, colonForm));
        this.position = position;
        this.endColumn = endColumn;
        this.detail = detail;
        this.colonForm = colonForm;
    }

    private static String format(Position position, int endColumn, String detail, boolean colonForm) {
        if (position == null) return detail;
        if (colonForm) return position + ": " + detail;
        String range = endColumn > position.column() ? "-" + endColumn : "";
        return position.dotted() + range + ": " + detail;
    }

    /** Where the problem is, or {@code null}. */
    public Position position() { return position; }

    /** Last column of the offending token, or 0. */
    public int endColumn() { return endColumn; }

    /** The message without position. */
    public String detail() { return detail; }

    /** True when the message uses {@code file:line:col}. */
    public boolean colonForm() { return colonForm; }
}

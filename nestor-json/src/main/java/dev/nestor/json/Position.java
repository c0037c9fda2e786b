package dev.nestor.json;

/**
 * Where a JSON token starts in its source: the file (or source name) and 1-based line and column.
 * Values built in code carry no position (their {@code position()} is {@code null}).
 *
 * @param file   the file name as the user wrote it (or a source name such as {@code <string>})
 * @param line   1-based line
 * @param column 1-based column
 */
public record Position(String file, int line, int column) {

    /** Kea's semantic-phase form {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }

    /** Kea's syntax-phase form {@code file:line.col}. */
    public String dotted() {
        return file + ":" + line + "." + column;
    }
}

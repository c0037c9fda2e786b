package dev.nestor.json;

/**
 * Something the parser accepted but the user should hear about (for now: a trailing comma, which Kea accepts
 * with the warning "Extraneous comma. A piece of configuration may have been omitted.").
 *
 * @param position where the comma is
 * @param message  the text, without position
 */
public record JsonWarning(Position position, String message) {
    /** Kea's form {@code file:line.col: message}. */
    @Override
    public String toString() {
        return position.dotted() + ": " + message;
    }
}

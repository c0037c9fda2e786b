package dev.nestor.ha.state;

/**
 * The answer to an HA control command handled by the state machine: Kea's result code and text, sent back to
 * the command's sender as {@code {"result": ..., "text": ...}}.
 */
public record CommandOutcome(int result, String text) {

    public static CommandOutcome success(String text) {
        return new CommandOutcome(0, text);
    }

    public static CommandOutcome error(String text) {
        return new CommandOutcome(1, text);
    }
}

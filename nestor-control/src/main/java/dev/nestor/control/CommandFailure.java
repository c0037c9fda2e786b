package dev.nestor.control;

/**
 * Thrown by a command handler to end the command with a non-zero result and Kea's text for it.
 * Cheap (no stack trace): it is ordinary control flow for bad arguments.
 */
public final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int result;

    public CommandFailure(int result, String text) {
        super(text, null, false, false);
        this.result = result;
    }

    /** Result 1 with this text. */
    public static CommandFailure error(String text) {
        return new CommandFailure(ResultCode.ERROR, text);
    }

    /** Result 3 with this text. */
    public static CommandFailure empty(String text) {
        return new CommandFailure(ResultCode.EMPTY, text);
    }

    public int result() {
        return result;
    }

    /** The answer this failure stands for. */
    public ControlAnswer toAnswer() {
        return new ControlAnswer(result, getMessage(), null);
    }
}

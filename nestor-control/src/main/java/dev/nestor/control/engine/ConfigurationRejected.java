package dev.nestor.control.engine;

/** A configuration that could not be checked or applied; the message is the text the command answers. */
public final class ConfigurationRejected extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigurationRejected(String message) {
        super(message);
    }

    public ConfigurationRejected(String message, Throwable cause) {
        super(message, cause);
    }
}

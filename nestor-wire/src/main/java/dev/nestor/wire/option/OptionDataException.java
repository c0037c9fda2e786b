package dev.nestor.wire.option;

/**
 * Option data text (from config {@code option-data}) could not be turned into bytes under its definition.
 * The message uses Kea's wording where Kea's is known, so the config layer can prefix it exactly as Kea does.
 */
public final class OptionDataException extends Exception {
    private static final long serialVersionUID = 1L;

    public OptionDataException(String message) {
        // a config error is reported by its message; no stack trace is recorded, which keeps bulk validation cheap
        super(message, null, false, false);
    }
}

package dev.nestor.control;

/** Kea's control-channel result codes ({@code CONTROL_RESULT_*}), as integers on the wire. */
public final class ResultCode {

    /** The command succeeded. */
    public static final int SUCCESS = 0;
    /** Generic error, including bad arguments. */
    public static final int ERROR = 1;
    /** No handler for the command: {@code '<name>' command not supported.} */
    public static final int UNSUPPORTED = 2;
    /** Well-formed, but nothing found or nothing to do. */
    public static final int EMPTY = 3;
    /** Kea 2.4+ conflict (lease commands, HA); Kea 2.2, which Nestor follows, answers 1 instead. */
    public static final int CONFLICT = 4;

    private ResultCode() {
    }
}

package dev.nestor.tools.perf;

/**
 * A command line that {@code nestor perf} refuses; the message is the reason perfdhcp 2.2 gives
 * after {@code ERROR: parsing command line options: } (exit code 1).
 */
public final class PerfUsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public PerfUsageException(String reason) {
        super(reason);
    }
}

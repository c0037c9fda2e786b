package dev.nestor.ha.log;

/**
 * Where the HA service writes its log messages. Every message is one {@link HaLogId} of the catalogue with its
 * arguments, so the set of IDs the service can emit is exactly the catalogue.
 */
@FunctionalInterface
public interface HaLog {

    /** Logs one message; the number of arguments must match {@link HaLogId#argumentCount()}. */
    void log(HaLogId id, Object... arguments);

    /** A log that drops everything (for callers that do not care). */
    static HaLog discarding() {
        return (id, arguments) -> { };
    }
}

package dev.nestor.ha.message;

/**
 * A peer message that cannot be used: unparsable JSON, a missing or mistyped field. The message is the reason
 * Kea would log (e.g. in {@code HA_HEARTBEAT_FAILED} or {@code HA_LEASES_SYNC_FAILED}).
 */
public final class PeerMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public PeerMessageException(String message) {
        super(message);
    }

    public PeerMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

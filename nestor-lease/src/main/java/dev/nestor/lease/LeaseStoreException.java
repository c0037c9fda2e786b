package dev.nestor.lease;

/**
 * A lease store could not do what was asked: the lease file could not be written (full disk, unwritable file),
 * could not be loaded (bad header, too many bad rows), or the store is closed. A write that throws this has not
 * changed the store, and the engine must not acknowledge the lease.
 */
public class LeaseStoreException extends Exception {

    /** A failure described by {@code message}. */
    public LeaseStoreException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public LeaseStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.nestor.lease;

/**
 * When a memfile write counts as done. Both modes write the row to the file (a {@code write(2)} into the kernel)
 * before the write call returns; concurrent writers' rows are batched into one system call.
 */
public enum Durability {
    /**
     * Kea's behaviour: rows are written, never fsync'ed. Survives a crash of the server process (the kernel holds the
     * data); a power cut or kernel crash may lose the last seconds of acknowledged leases and may leave a torn last
     * line (tolerated on load).
     */
    WRITE,
    /**
     * Group commit: rows of concurrent writers are written together and forced to the device with {@code fdatasync}
     * before any of their write calls return. An acknowledged lease survives a power cut (given a disk that honours
     * flushes); only rows never acknowledged can be lost or torn.
     */
    GROUP_FSYNC
}

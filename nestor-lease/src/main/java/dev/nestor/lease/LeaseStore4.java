package dev.nestor.lease;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DHCPv4 lease database as the engine, lease commands and HA sync see it.
 *
 * <p>Thread-safe: reads run concurrently with each other and with writes to other leases. A write method returns
 * only once its change is stored per the store's durability mode (for memfile: the CSV row written, and with
 * {@link Durability#GROUP_FSYNC} also forced to disk). If storing fails it throws {@link LeaseStoreException} and the
 * in-memory table is left as it was, so the engine must not acknowledge the lease. A change is visible to readers
 * from the moment it is queued for the file, before it is stored; if storing then fails it is taken back. Addresses
 * are ints in network order and compared unsigned wherever an order is defined.
 */
public interface LeaseStore4 extends AutoCloseable {

    /** The lease of {@code address}, if any (in any state). */
    Optional<Lease4> get(int address);

    /** All leases whose hardware address equals {@code hardwareAddress} (type not compared), in address order. */
    List<Lease4> getByHardwareAddress(Identifier hardwareAddress);

    /** The lease with this hardware address in this subnet, if any (the lowest address if several). */
    Optional<Lease4> getByHardwareAddress(Identifier hardwareAddress, long subnetId);

    /** All leases whose client identifier equals {@code clientId}, in address order. */
    List<Lease4> getByClientId(Identifier clientId);

    /** The lease with this client identifier in this subnet, if any (the lowest address if several). */
    Optional<Lease4> getByClientId(Identifier clientId, long subnetId);

    /** All leases whose host name equals {@code hostname} (compared case-insensitively, as Kea lower-cases it). */
    List<Lease4> getByHostname(String hostname);

    /**
     * At most {@code limit} leases with addresses strictly greater (unsigned) than {@code after}, in address order:
     * {@code lease4-get-page}. Start with {@code after = 0} (0.0.0.0).
     */
    List<Lease4> getPage(int after, int limit);

    /** Every lease, in address order. */
    List<Lease4> getAll();

    /** Every lease of one subnet, in address order. */
    List<Lease4> getBySubnet(long subnetId);

    /** Number of leases held. */
    long count();

    /** Number of leases per (subnet, state); pairs with no lease are absent. */
    List<SubnetStateCount> countBySubnetAndState();

    /**
     * Adds a lease.
     *
     * @return false (and nothing written) when a lease for that address exists already
     * @throws LeaseStoreException when the change could not be stored
     */
    boolean add(Lease4 lease) throws LeaseStoreException;

    /**
     * Replaces the lease of {@code lease.address()}.
     *
     * @return false (and nothing written) when no lease for that address exists
     * @throws LeaseStoreException when the change could not be stored
     */
    boolean update(Lease4 lease) throws LeaseStoreException;

    /**
     * Deletes the lease of {@code address}.
     *
     * @return the deleted lease, or empty (nothing written) when there was none
     * @throws LeaseStoreException when the change could not be stored
     */
    Optional<Lease4> delete(int address) throws LeaseStoreException;

    /**
     * {@link #add} without blocking the caller: the change is applied in memory at once (readers see it) and the
     * returned future completes when it is stored, with the same result, or exceptionally with a
     * {@link LeaseStoreException} (memory then put back). Lets a worker pipeline several leases per disk sync; run
     * slow follow-up work with an {@code ...Async} stage on the engine's executor, not on the completing thread.
     */
    default CompletableFuture<Boolean> addAsync(Lease4 lease) {
        try {
            return CompletableFuture.completedFuture(add(lease));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    /** {@link #update} without blocking the caller; see {@link #addAsync}. */
    default CompletableFuture<Boolean> updateAsync(Lease4 lease) {
        try {
            return CompletableFuture.completedFuture(update(lease));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    /** {@link #delete} without blocking the caller; see {@link #addAsync}. */
    default CompletableFuture<Optional<Lease4>> deleteAsync(int address) {
        try {
            return CompletableFuture.completedFuture(delete(address));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    /**
     * When this store's writes count as stored. With {@link Durability#GROUP_FSYNC} a blocking write waits for a disk
     * sync, so an engine should use the {@code ...Async} methods and park its replies instead.
     */
    default Durability durability() {
        return Durability.WRITE;
    }

    /**
     * Leases to reclaim: not in state expired-reclaimed and expired at {@code nowSeconds} (expire &lt; now), oldest
     * expiration first, at most {@code max} of them ({@code max = 0}: no bound), as Kea's {@code getExpiredLeases4}.
     * Declined leases whose probation ended are included.
     */
    List<Lease4> getExpired(long nowSeconds, int max);

    /**
     * Deletes leases in state expired-reclaimed whose expiration is older than {@code nowSeconds - olderThanSeconds}
     * (Kea's flush of reclaimed leases).
     *
     * @return the number deleted
     */
    int deleteExpiredReclaimed(long nowSeconds, long olderThanSeconds) throws LeaseStoreException;

    /**
     * Deletes every lease of a subnet ({@code lease4-wipe}).
     *
     * @return the number deleted
     */
    int wipeSubnet(long subnetId) throws LeaseStoreException;

    /** Deletes every lease; returns the number deleted. */
    int wipeAll() throws LeaseStoreException;

    /** Stops background work and closes files; later calls fail with {@link LeaseStoreException}. */
    @Override
    void close();
}

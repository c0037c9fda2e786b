package dev.nestor.lease;

import java.util.List;
import java.util.Optional;

/**
 * The DHCPv6 lease database (addresses and delegated prefixes), keyed by the 128-bit address or prefix whatever the
 * lease type, as Kea's memfile keys it.
 *
 * <p>Same guarantees as {@link LeaseStore4}: thread-safe, writes return once stored per the durability mode and
 * throw {@link LeaseStoreException} (memory unchanged) when they cannot be. Address order is unsigned 128-bit.
 */
public interface LeaseStore6 extends AutoCloseable {

    /** The lease of this address or prefix, if any. */
    Optional<Lease6> get(long addressHigh, long addressLow);

    /** All leases of a DUID, in address order. */
    List<Lease6> getByDuid(Identifier duid);

    /** The leases of one IA: type, DUID and IAID (Kea's {@code getLeases6(type, duid, iaid)}), in address order. */
    List<Lease6> getByIa(LeaseType type, Identifier duid, long iaid);

    /** The leases of one IA in one subnet, in address order. */
    List<Lease6> getByIa(LeaseType type, Identifier duid, long iaid, long subnetId);

    /** All leases with this host name (case-insensitive), in address order. */
    List<Lease6> getByHostname(String hostname);

    /** At most {@code limit} leases with address strictly above {@code (afterHigh, afterLow)}: lease6-get-page. */
    List<Lease6> getPage(long afterHigh, long afterLow, int limit);

    /** Every lease, in address order. */
    List<Lease6> getAll();

    /** Every lease of one subnet, in address order. */
    List<Lease6> getBySubnet(long subnetId);

    /** Number of leases held. */
    long count();

    /** Number of leases of one type per (subnet, state). */
    List<SubnetStateCount> countBySubnetAndState(LeaseType type);

    /** Adds a lease; false (nothing written) when one exists for that address. */
    boolean add(Lease6 lease) throws LeaseStoreException;

    /** Replaces the lease of that address; false (nothing written) when there is none. */
    boolean update(Lease6 lease) throws LeaseStoreException;

    /** Deletes the lease of that address; returns it, or empty (nothing written) when there was none. */
    Optional<Lease6> delete(long addressHigh, long addressLow) throws LeaseStoreException;

    /** Leases to reclaim (not expired-reclaimed, expire &lt; now), oldest first, at most {@code max} (0 = all). */
    List<Lease6> getExpired(long nowSeconds, int max);

    /** Deletes reclaimed leases expired before {@code now - olderThanSeconds}; returns how many. */
    int deleteExpiredReclaimed(long nowSeconds, long olderThanSeconds) throws LeaseStoreException;

    /** Deletes every lease of a subnet ({@code lease6-wipe}); returns how many. */
    int wipeSubnet(long subnetId) throws LeaseStoreException;

    /** Deletes every lease; returns how many. */
    int wipeAll() throws LeaseStoreException;

    /** Stops background work and closes files. */
    @Override
    void close();
}

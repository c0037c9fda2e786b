package dev.nestor.control.engine;

import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.LeaseStore4;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.engine.LeaseEngine;
import dev.nestor.server.stats.StatisticsRegistry;
import java.util.Optional;

/**
 * How lease commands write leases. With a running engine they must go through its
 * {@link LeaseEngine#addLease}/{@code updateLease}/{@code deleteLease}, which keep the pools'
 * free-address indexes and the address statistics in step (else the allocator could hand out an
 * address a command just leased). Without an engine (a store on its own, as in tests and tools) the
 * store is written directly and the statistics are kept here, as Kea's lease_cmds does.
 */
public interface LeaseChanges4 {

    /** @return false when a lease for that address exists already */
    boolean add(Lease4 lease) throws LeaseStoreException;

    /** @return false when no lease for that address exists */
    boolean update(Lease4 lease) throws LeaseStoreException;

    /** @return the deleted lease, or empty when there was none */
    Optional<Lease4> delete(int address) throws LeaseStoreException;

    /** Writes through the engine, which accounts indexes and statistics. */
    static LeaseChanges4 through(LeaseEngine engine) {
        return new LeaseChanges4() {
            @Override
            public boolean add(Lease4 lease) throws LeaseStoreException {
                return engine.addLease(lease);
            }

            @Override
            public boolean update(Lease4 lease) throws LeaseStoreException {
                return engine.updateLease(lease);
            }

            @Override
            public Optional<Lease4> delete(int address) throws LeaseStoreException {
                return engine.deleteLease(address);
            }
        };
    }

    /**
     * Writes the store directly and counts {@code subnet[N].assigned-addresses},
     * {@code subnet[N].declined-addresses} and {@code declined-addresses} like Kea's lease_cmds.
     */
    static LeaseChanges4 direct(LeaseStore4 store, StatisticsRegistry statistics) {
        return new LeaseChanges4() {
            private void count(Lease4 lease, int sign) {
                if (lease.state() != LeaseState.EXPIRED_RECLAIMED) {
                    statistics.statistic("subnet[" + lease.subnetId() + "].assigned-addresses").add(sign);
                }
                if (lease.state() == LeaseState.DECLINED) {
                    statistics.statistic("subnet[" + lease.subnetId() + "].declined-addresses").add(sign);
                    statistics.statistic("declined-addresses").add(sign);
                }
            }

            @Override
            public boolean add(Lease4 lease) throws LeaseStoreException {
                if (!store.add(lease)) {
                    return false;
                }
                count(lease, 1);
                return true;
            }

            @Override
            public boolean update(Lease4 lease) throws LeaseStoreException {
                Optional<Lease4> before = store.get(lease.address());
                if (before.isEmpty() || !store.update(lease)) {
                    return false;
                }
                count(before.get(), -1);
                count(lease, 1);
                return true;
            }

            @Override
            public Optional<Lease4> delete(int address) throws LeaseStoreException {
                Optional<Lease4> deleted = store.delete(address);
                deleted.ifPresent(lease -> count(lease, -1));
                return deleted;
            }
        };
    }

    /**
     * {@code leases-reclaim} over the engine: every expired lease now, deleted ({@code remove: true}) or kept
     * expired-reclaimed for {@code holdReclaimedSeconds} (Kea's {@code hold-reclaimed-time}).
     */
    static LeaseReclamation reclamation(LeaseEngine engine, java.util.function.LongSupplier holdReclaimedSeconds) {
        return remove -> engine.reclaimExpired(0, 0, remove ? 0 : Math.max(1, holdReclaimedSeconds.getAsLong()));
    }
}

package dev.nestor.server.engine;

import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.LeaseStore4;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.hooks.LeaseChangeListener;
import dev.nestor.server.log.KeaLog;
import dev.nestor.server.log.LogMessage;
import dev.nestor.server.stats.AddressStatistics;
import dev.nestor.server.stats.Dhcp4Statistics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Kea's DHCPv4 allocation engine over a {@link LeaseStore4} and the pools' free-address indexes: which address a
 * client gets (DISCOVER, REQUEST), release, decline, reclamation of expired leases, and the lease counters.
 *
 * <p>Concurrency: every decision about one address is taken under that address's lock stripe after re-reading
 * the store, so two workers never give one address to two clients. The free-address index only proposes
 * candidates; a stale proposal (an address the store shows as leased) is corrected and skipped. Packets of one
 * client are serialized by the dispatcher, so per-client races do not arise.
 *
 * <p>A store write that fails ({@link LeaseStoreException}) leaves the allocation failed: the caller must not
 * acknowledge the lease.
 */
public final class LeaseEngine {
    private static final int LOCK_STRIPES = 1024;

    private final LeaseStore4 store;
    private final Clock clock;
    private final Dhcp4Statistics statistics;
    private final Object[] locks = new Object[LOCK_STRIPES];
    private volatile EnginePlan plan;
    private volatile LeaseChangeListener listener = LeaseChangeListener.NONE;

    /** An engine over {@code store}; call {@link #install} before use. */
    public LeaseEngine(LeaseStore4 store, Clock clock, Dhcp4Statistics statistics) {
        this.store = store;
        this.clock = clock;
        this.statistics = statistics;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Sets who is told about each lease change the engine writes. */
    public void listener(LeaseChangeListener changeListener) {
        this.listener = changeListener;
    }

    /** The lease store. */
    public LeaseStore4 store() {
        return store;
    }

    /** The plan in use. */
    public EnginePlan plan() {
        return plan;
    }

    /**
     * Makes {@code newPlan} current: marks every address with a live lease as used in its pools' indexes and
     * recounts {@code assigned-addresses} and {@code declined-addresses} from the store, as Kea does at
     * (re)configuration. Statistics must already be bound to the plan.
     */
    public void install(EnginePlan newPlan) {
        long declinedTotal = 0;
        for (Lease4 lease : store.getAll()) {
            if (lease.state() == LeaseState.EXPIRED_RECLAIMED) {
                continue;
            }
            for (PoolPlan pool : newPlan.poolsHolding(lease.address())) {
                pool.index().claim(lease.address());
            }
            SubnetPlan subnet = newPlan.subnet(lease.subnetId());
            boolean declined = lease.state() == LeaseState.DECLINED;
            declinedTotal += declined ? 1 : 0;
            if (subnet == null) {
                continue;
            }
            subnet.statistics().addresses.assignedAddresses.add(1);
            if (declined) {
                subnet.statistics().addresses.declinedAddresses.add(1);
            }
            PoolPlan pool = subnet.poolOf(lease.address());
            if (pool != null) {
                pool.statistics().assignedAddresses.add(1);
                if (declined) {
                    pool.statistics().declinedAddresses.add(1);
                }
            }
        }
        statistics.declinedAddresses.set(declinedTotal);
        this.plan = newPlan;
    }

    /** Seconds since the epoch, from the injected clock. */
    public long now() {
        return clock.millis() / 1000;
    }

    /** The subnets a client may use when {@code selected} was chosen: its shared network's, or itself. */
    public static List<SubnetPlan> usableSubnets(SubnetPlan selected, Predicate<String> inClass) {
        List<SubnetPlan> all = selected.network() == null ? List.of(selected) : selected.network().subnets();
        if (all.size() == 1) {
            return allowed(selected, inClass) ? all : List.of();
        }
        List<SubnetPlan> usable = new ArrayList<>(all.size());
        for (SubnetPlan subnet : all) {
            if (allowed(subnet, inClass)) {
                usable.add(subnet);
            }
        }
        return usable;
    }

    private static boolean allowed(SubnetPlan subnet, Predicate<String> inClass) {
        return subnet.clientClass() == null || inClass.test(subnet.clientClass());
    }

    /** The client's lease in one of {@code subnets} (client id first, then hardware address), or null. */
    public Lease4 findClientLease(ClientIdentity client, List<SubnetPlan> subnets) {
        if (!client.clientId().isEmpty()) {
            for (SubnetPlan subnet : subnets) {
                if (subnet.parameters().matchClientId()) {
                    Optional<Lease4> lease = store.getByClientId(client.clientId(), subnet.id());
                    if (lease.isPresent() && client.owns(lease.get(), true)) {
                        return lease.get();
                    }
                }
            }
        }
        if (!client.hardwareAddress().isEmpty()) {
            for (SubnetPlan subnet : subnets) {
                Optional<Lease4> lease = store.getByHardwareAddress(client.hardwareAddress(), subnet.id());
                if (lease.isPresent() && client.owns(lease.get(), subnet.parameters().matchClientId())) {
                    return lease.get();
                }
            }
        }
        return null;
    }

    /**
     * DISCOVER: the address to offer (nothing is written), in Kea's order: the client's lease, the requested
     * address, the next free address.
     *
     * @param hint              option 50, else ciaddr, 0 when none
     * @param requestedLifetime option 51 from the client, 0 when absent
     */
    public Allocation offer(ClientIdentity client, List<SubnetPlan> subnets, int hint, long requestedLifetime) {
        if (subnets.isEmpty()) {
            return new Allocation.Failed(false, false);
        }
        long now = now();
        Lease4 existing = findClientLease(client, subnets);
        for (SubnetPlan subnet : subnets) {
            HostPlan host = subnet.hostFor(client);
            if (host == null || host.address() == 0) {
                continue;
            }
            if (existing == null || existing.address() != host.address()) {
                Optional<Lease4> current = store.get(host.address());
                if (current.isEmpty() || reusable(current.get(), now)
                        || client.owns(current.get(), subnet.parameters().matchClientId())) {
                    long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
                    return new Allocation.Granted(fresh(host.address(), subnet, client, lifetime, now), subnet,
                            subnet.poolOf(host.address()), lifetime, false, false, null);
                }
                countReservationConflict(subnet);
            }
            break;
        }
        if (existing != null && existing.state() != LeaseState.DECLINED
                && !reservedForOther(subnets, existing.address(), client)) {
            SubnetPlan subnet = owner(subnets, existing.address());
            if (subnet == null) {
                subnet = reservedOwner(subnets, existing.address(), client);
            }
            PoolPlan pool = subnet == null ? null : subnet.poolOf(existing.address());
            if (pool != null || subnet != null) {
                long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
                long remaining = cachedRemaining(existing, subnet, client, lifetime, now);
                Lease4 offered = renewed(existing, subnet, client, lifetime, now);
                return new Allocation.Granted(remaining > 0 ? existing : offered, subnet, pool,
                        remaining > 0 ? remaining : lifetime, remaining > 0, false, null);
            }
        }
        if (hint != 0 && !reservedForOther(subnets, hint, client)) {
            for (SubnetPlan subnet : subnets) {
                PoolPlan pool = subnet.contains(hint) ? subnet.poolOf(hint) : null;
                if (pool != null) {
                    Optional<Lease4> current = store.get(hint);
                    if (current.isEmpty() || reusable(current.get(), now)) {
                        long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
                        return new Allocation.Granted(fresh(hint, subnet, client, lifetime, now), subnet, pool,
                                lifetime, false, false, null);
                    }
                    break;
                }
            }
        }
        try {
            return iterate(client, subnets, requestedLifetime, now, false, StoreWrites.blocking());
        } catch (LeaseStoreException e) {
            // without commit the allocator only reads; a failing read leaves the client without an offer
            return new Allocation.Failed(false, false);
        }
    }

    /**
     * REQUEST: commit a lease (dhcp4-behaviour.md §4.2).
     *
     * @param hint              option 50, else ciaddr, 0 when none
     * @param requestedLifetime option 51 from the client, 0 when absent
     * @throws LeaseStoreException when the lease could not be recorded (nothing is granted)
     */
    public Allocation request(ClientIdentity client, List<SubnetPlan> subnets, int hint, long requestedLifetime)
            throws LeaseStoreException {
        return request(client, subnets, hint, requestedLifetime, StoreWrites.blocking());
    }

    /**
     * REQUEST with the store writes made as {@code writes} says: with {@link StoreWrites#deferred()} the lease is
     * committed in memory when this returns and the caller must not acknowledge it before {@code writes.stored()}
     * has completed normally.
     *
     * @throws LeaseStoreException when a change could not even be queued (nothing is granted)
     */
    public Allocation request(ClientIdentity client, List<SubnetPlan> subnets, int hint, long requestedLifetime,
                              StoreWrites writes) throws LeaseStoreException {
        if (subnets.isEmpty()) {
            return new Allocation.Failed(false, false);
        }
        long now = now();
        Lease4 existing = findClientLease(client, subnets);
        if (existing != null && existing.state() == LeaseState.DECLINED) {
            existing = null;
        }
        if (hint != 0 && reservedForOther(subnets, hint, client)) {
            return new Allocation.Failed(false, false);
        }
        HostPlan host = null;
        SubnetPlan hostSubnet = null;
        for (SubnetPlan candidate : subnets) {
            HostPlan found = candidate.hostFor(client);
            if (found != null && found.address() != 0) {
                host = found;
                hostSubnet = candidate;
                break;
            }
        }
        if (host != null) {
            if (hint == 0) {
                hint = host.address();
            } else if (hint != host.address()) {
                Optional<Lease4> reserved = store.get(host.address());
                if (reserved.isEmpty() || reusable(reserved.get(), now)) {
                    // back to DISCOVER, where the reserved address is offered
                    return new Allocation.Failed(false, false);
                }
            }
        }
        if (hint != 0) {
            SubnetPlan subnet = null;
            PoolPlan pool = null;
            for (SubnetPlan candidate : subnets) {
                if (candidate.contains(hint)) {
                    PoolPlan candidatePool = candidate.poolOf(hint);
                    if (candidatePool != null) {
                        subnet = candidate;
                        pool = candidatePool;
                        break;
                    }
                }
            }
            boolean reservedHere = host != null && host.address() == hint;
            if (pool == null && reservedHere) {
                subnet = hostSubnet;
            }
            Optional<Lease4> current = store.get(hint);
            if (current.isPresent() && !reusable(current.get(), now)
                    && !client.owns(current.get(), matchClientId(subnets, current.get()))) {
                return new Allocation.Failed(false, false);
            }
            if (pool == null && !reservedHere) {
                return new Allocation.Failed(true, false);
            }
            if (existing != null && existing.address() == hint) {
                return renew(existing, subnet, pool, client, requestedLifetime, now, writes);
            }
            return take(hint, subnet, pool, client, requestedLifetime, now, existing, writes);
        }
        if (existing != null && !reservedForOther(subnets, existing.address(), client)) {
            SubnetPlan subnet = owner(subnets, existing.address());
            PoolPlan pool = subnet == null ? null : subnet.poolOf(existing.address());
            if (pool != null) {
                return renew(existing, subnet, pool, client, requestedLifetime, now, writes);
            }
        }
        Allocation allocation = iterate(client, subnets, requestedLifetime, now, true, writes);
        if (allocation instanceof Allocation.Granted granted && existing != null) {
            deleteLease(existing, writes);
            return new Allocation.Granted(granted.lease(), granted.subnet(), granted.pool(), granted.lifetimeSent(),
                    false, true, existing);
        }
        return allocation;
    }

    /**
     * RELEASE of {@code address}: deletes the lease when it belongs to the client.
     *
     * @return the deleted lease, or empty when there was none or it belongs to someone else
     * @throws LeaseStoreException when the deletion could not be recorded
     */
    public Optional<Lease4> release(ClientIdentity client, int address) throws LeaseStoreException {
        return release(client, address, StoreWrites.blocking());
    }

    /** RELEASE with the store write made as {@code writes} says (see {@link #request(ClientIdentity, List, int, long, StoreWrites)}). */
    public Optional<Lease4> release(ClientIdentity client, int address, StoreWrites writes)
            throws LeaseStoreException {
        synchronized (lockOf(address)) {
            Optional<Lease4> lease = store.get(address);
            if (lease.isEmpty()) {
                KeaLog.log(LogMessage.DHCP4_RELEASE_FAIL_NO_LEASE, client, new AddressText(address));
                return Optional.empty();
            }
            // Kea uses the client id of the RELEASE whenever present, whatever match-client-id says
            if (!client.owns(lease.get(), true)) {
                KeaLog.log(LogMessage.DHCP4_RELEASE_FAIL_WRONG_CLIENT, client, new AddressText(address));
                return Optional.empty();
            }
            deleteLease(lease.get(), writes,
                    () -> KeaLog.log(LogMessage.DHCP4_RELEASE, client, new AddressText(address)));
            return lease;
        }
    }

    /**
     * DECLINE of {@code address}: the lease becomes declined for the probation period.
     *
     * @return the declined lease, or empty when there was no lease of this client
     * @throws LeaseStoreException when the change could not be recorded
     */
    public Optional<Lease4> decline(ClientIdentity client, int address, long probationSeconds)
            throws LeaseStoreException {
        return decline(client, address, probationSeconds, StoreWrites.blocking());
    }

    /** DECLINE with the store write made as {@code writes} says (see {@link #request(ClientIdentity, List, int, long, StoreWrites)}). */
    public Optional<Lease4> decline(ClientIdentity client, int address, long probationSeconds, StoreWrites writes)
            throws LeaseStoreException {
        synchronized (lockOf(address)) {
            Optional<Lease4> lease = store.get(address);
            if (lease.isEmpty() || lease.get().state() == LeaseState.DECLINED) {
                KeaLog.log(LogMessage.DHCP4_DECLINE_LEASE_NOT_FOUND, new AddressText(address), client);
                return Optional.empty();
            }
            EnginePlan current = plan;
            SubnetPlan subnet = current.subnet(lease.get().subnetId());
            boolean match = subnet == null || subnet.parameters().matchClientId();
            if (!client.owns(lease.get(), match)) {
                KeaLog.log(LogMessage.DHCP4_DECLINE_LEASE_MISMATCH, new AddressText(address), client);
                return Optional.empty();
            }
            Lease4 declined = lease.get().toBuilder().hardwareAddress(Identifier.EMPTY).clientId(Identifier.EMPTY)
                    .hostname("").fqdnForward(false).fqdnReverse(false).cltt(now()).validLifetime(probationSeconds)
                    .state(LeaseState.DECLINED).build();
            Lease4 before = lease.get();
            put(before, declined, writes, () -> {
                listener.leaseChanged(before, declined);
                statistics.declinedAddresses.increment();
                if (subnet != null) {
                    subnet.statistics().addresses.declinedAddresses.increment();
                    PoolPlan pool = subnet.poolOf(address);
                    if (pool != null) {
                        pool.statistics().declinedAddresses.increment();
                    }
                }
                KeaLog.log(LogMessage.DHCP4_DECLINE_LEASE, new AddressText(address), client, probationSeconds);
            }, NOTHING);
            return Optional.of(declined);
        }
    }

    /**
     * Reclaims up to {@code maxLeases} (0 = no bound) expired leases within {@code maxMillis} (0 = no bound): deleted
     * when {@code holdReclaimedSeconds} is 0 or the lease was declined, else kept in state expired-reclaimed.
     *
     * @return the number reclaimed
     * @throws LeaseStoreException when a change could not be recorded (the run stops there)
     */
    public int reclaimExpired(long maxLeases, long maxMillis, long holdReclaimedSeconds) throws LeaseStoreException {
        long start = clock.millis();
        long now = now();
        int reclaimed = 0;
        for (Lease4 candidate : store.getExpired(now, (int) Math.min(Integer.MAX_VALUE, maxLeases))) {
            if (maxMillis > 0 && clock.millis() - start > maxMillis) {
                break;
            }
            synchronized (lockOf(candidate.address())) {
                Optional<Lease4> lease = store.get(candidate.address());
                if (lease.isEmpty() || !lease.get().isExpired(now)
                        || lease.get().state() == LeaseState.EXPIRED_RECLAIMED) {
                    continue;
                }
                reclaim(lease.get(), holdReclaimedSeconds == 0);
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Deletes expired-reclaimed leases held longer than {@code holdReclaimedSeconds}. */
    public int flushReclaimed(long holdReclaimedSeconds) throws LeaseStoreException {
        return store.deleteExpiredReclaimed(now(), holdReclaimedSeconds);
    }

    /**
     * Adds a lease from outside the DHCP exchange ({@code lease4-add}, HA {@code lease4-update}, sync), keeping the
     * pools' free-address indexes and the address counters in step with the store.
     *
     * @return false when a lease for that address exists already (nothing written)
     * @throws LeaseStoreException when the lease could not be stored
     */
    public boolean addLease(Lease4 lease) throws LeaseStoreException {
        synchronized (lockOf(lease.address())) {
            if (!store.add(lease)) {
                return false;
            }
            accountExternal(null, lease);
            listener.leaseChanged(null, lease);
            return true;
        }
    }

    /**
     * Replaces the lease of {@code lease.address()} from outside the DHCP exchange, keeping indexes and counters.
     *
     * @return false when no lease for that address exists (nothing written)
     * @throws LeaseStoreException when the change could not be stored
     */
    public boolean updateLease(Lease4 lease) throws LeaseStoreException {
        synchronized (lockOf(lease.address())) {
            Optional<Lease4> before = store.get(lease.address());
            if (before.isEmpty() || !store.update(lease)) {
                return false;
            }
            accountExternal(before.get(), lease);
            listener.leaseChanged(before.get(), lease);
            return true;
        }
    }

    /**
     * Deletes the lease of {@code address} from outside the DHCP exchange ({@code lease4-del}, {@code lease4-wipe}),
     * freeing the address in its pools.
     *
     * @return the deleted lease, or empty when there was none
     * @throws LeaseStoreException when the deletion could not be stored
     */
    public Optional<Lease4> deleteLease(int address) throws LeaseStoreException {
        synchronized (lockOf(address)) {
            Optional<Lease4> before = store.get(address);
            if (before.isEmpty()) {
                return before;
            }
            deleteLease(before.get(), StoreWrites.blocking());
            return before;
        }
    }

    /** Index and counter bookkeeping for a lease written by someone else than the allocator. */
    private void accountExternal(Lease4 before, Lease4 after) {
        EnginePlan current = plan;
        boolean wasLive = before != null && before.state() != LeaseState.EXPIRED_RECLAIMED;
        boolean isLive = after.state() != LeaseState.EXPIRED_RECLAIMED;
        for (PoolPlan pool : current.poolsHolding(after.address())) {
            if (isLive) {
                pool.index().claim(after.address());
            } else {
                pool.index().release(after.address());
            }
        }
        adjust(current, before, wasLive, -1);
        adjust(current, after, isLive, +1);
    }

    private void adjust(EnginePlan current, Lease4 lease, boolean live, int sign) {
        if (lease == null || !live) {
            return;
        }
        boolean declined = lease.state() == LeaseState.DECLINED;
        if (declined) {
            statistics.declinedAddresses.add(sign);
        }
        SubnetPlan subnet = current.subnet(lease.subnetId());
        if (subnet == null) {
            return;
        }
        subnet.statistics().addresses.assignedAddresses.add(sign);
        PoolPlan pool = subnet.poolOf(lease.address());
        if (pool != null) {
            pool.statistics().assignedAddresses.add(sign);
        }
        if (declined) {
            subnet.statistics().addresses.declinedAddresses.add(sign);
            if (pool != null) {
                pool.statistics().declinedAddresses.add(sign);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Allocation iterate(ClientIdentity client, List<SubnetPlan> subnets, long requestedLifetime, long now,
                               boolean commit, StoreWrites writes) throws LeaseStoreException {
        int start = 0;
        NetworkPlan network = subnets.getFirst().network();
        if (network != null && network.lastAllocated() != null) {
            int last = subnets.indexOf(network.lastAllocated());
            start = Math.max(last, 0);
        }
        boolean anyPool = false;
        for (int step = 0; step < subnets.size(); step++) {
            SubnetPlan subnet = subnets.get((start + step) % subnets.size());
            List<PoolPlan> pools = subnet.pools();
            if (pools.isEmpty()) {
                continue;
            }
            anyPool = true;
            int firstPool = Math.min(subnet.currentPool(), pools.size() - 1);
            for (int p = 0; p < pools.size(); p++) {
                int poolIndex = (firstPool + p) % pools.size();
                PoolPlan pool = pools.get(poolIndex);
                Allocation granted = fromPool(client, subnet, pool, requestedLifetime, now, commit, writes);
                if (granted == null && commit) {
                    // the pool looks full: reclaim its expired leases inline, as Kea reuses them, then retry
                    if (reclaimInPool(pool, now) > 0) {
                        granted = fromPool(client, subnet, pool, requestedLifetime, now, commit, writes);
                    }
                }
                if (granted != null) {
                    subnet.currentPool(poolIndex);
                    if (network != null) {
                        network.lastAllocated(subnet);
                    }
                    return granted;
                }
            }
        }
        countAllocationFailure(subnets, anyPool);
        return new Allocation.Failed(false, true);
    }

    private Allocation fromPool(ClientIdentity client, SubnetPlan subnet, PoolPlan pool, long requestedLifetime,
                                long now, boolean commit, StoreWrites writes) throws LeaseStoreException {
        long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
        // bounded: each stale candidate is marked used, so the loop ends within the pool's free count
        for (long attempts = pool.index().freeCount(); attempts >= 0; attempts--) {
            long candidate = pool.index().nextInOrder(commit);
            if (candidate < 0) {
                return null;
            }
            int address = (int) candidate;
            if (subnet.reservedForOther(address, client)) {
                // reserved addresses are never handed out dynamically: keep them marked used in the index
                pool.index().claim(address);
                continue;
            }
            if (!commit) {
                Optional<Lease4> current = store.get(address);
                if (current.isEmpty() || reusable(current.get(), now)) {
                    return new Allocation.Granted(fresh(address, subnet, client, lifetime, now), subnet, pool,
                            lifetime, false, false, null);
                }
                pool.index().claim(address);
                continue;
            }
            synchronized (lockOf(address)) {
                Optional<Lease4> current = store.get(address);
                if (current.isPresent() && !reusable(current.get(), now)) {
                    continue;
                }
                Lease4 lease = fresh(address, subnet, client, lifetime, now);
                Lease4 previous = current.orElse(null);
                put(previous, lease, writes, () -> {
                    listener.leaseChanged(previous, lease);
                    countNewLease(previous, subnet, pool);
                }, () -> pool.index().release(address));
                return new Allocation.Granted(lease, subnet, pool, lifetime, false, true, null);
            }
        }
        return null;
    }

    private Allocation take(int address, SubnetPlan subnet, PoolPlan pool, ClientIdentity client,
                            long requestedLifetime, long now, Lease4 previous, StoreWrites writes)
            throws LeaseStoreException {
        long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
        Lease4 lease = fresh(address, subnet, client, lifetime, now);
        synchronized (lockOf(address)) {
            Optional<Lease4> current = store.get(address);
            if (current.isPresent() && !reusable(current.get(), now)) {
                if (!client.owns(current.get(), subnet.parameters().matchClientId())) {
                    return new Allocation.Failed(false, false);
                }
                // the client's own live lease found by address rather than by identity: renew it
                return renew(current.get(), subnet, pool, client, requestedLifetime, now, writes);
            }
            boolean claimed = pool != null && pool.index().claim(address);
            Lease4 before = current.orElse(null);
            put(before, lease, writes, () -> {
                listener.leaseChanged(before, lease);
                countNewLease(before, subnet, pool);
            }, () -> {
                if (claimed) {
                    pool.index().release(address);
                }
            });
        }
        if (previous != null) {
            deleteLease(previous, writes);
        }
        return new Allocation.Granted(lease, subnet, pool, lifetime, false, true, previous);
    }

    private Allocation renew(Lease4 existing, SubnetPlan subnet, PoolPlan pool, ClientIdentity client,
                             long requestedLifetime, long now, StoreWrites writes) throws LeaseStoreException {
        long lifetime = subnet.parameters().lifetimeFor(requestedLifetime);
        synchronized (lockOf(existing.address())) {
            Optional<Lease4> current = store.get(existing.address());
            if (current.isEmpty()) {
                return take(existing.address(), subnet, pool, client, requestedLifetime, now, null, writes);
            }
            Lease4 stored = current.get();
            if (!client.owns(stored, subnet.parameters().matchClientId())) {
                return new Allocation.Failed(false, false);
            }
            long remaining = cachedRemaining(stored, subnet, client, lifetime, now);
            if (remaining > 0) {
                return new Allocation.Granted(stored, subnet, pool, remaining, true, false, null);
            }
            Lease4 renewed = renewed(stored, subnet, client, lifetime, now);
            boolean wasDead = stored.isExpired(now) || stored.state() == LeaseState.EXPIRED_RECLAIMED;
            if (stored.state() == LeaseState.EXPIRED_RECLAIMED && pool != null) {
                pool.index().claim(stored.address());
            }
            put(stored, renewed, writes, () -> {
                listener.leaseChanged(stored, renewed);
                if (wasDead) {
                    countNewLease(stored.state() == LeaseState.EXPIRED_RECLAIMED ? null : stored, subnet, pool);
                }
            }, NOTHING);
            return new Allocation.Granted(renewed, subnet, pool, lifetime, false, true, null);
        }
    }

    private static final Runnable NOTHING = () -> { };

    /**
     * Writes {@code lease} over {@code current} (null: no row yet) as {@code writes} says; {@code onStored} runs once
     * the row is stored, {@code onFailed} when it could not be (memory already put back by the store). In blocking
     * mode both run on this thread, under the caller's address lock; deferred, on the store's completing thread
     * without it, so they must take no engine lock (a blocked writer could be waiting for that thread).
     */
    private void put(Lease4 current, Lease4 lease, StoreWrites writes, Runnable onStored, Runnable onFailed)
            throws LeaseStoreException {
        if (!writes.isDeferred()) {
            try {
                if (current == null) {
                    if (!store.add(lease)) {
                        store.update(lease);
                    }
                } else if (!store.update(lease)) {
                    store.add(lease);
                }
            } catch (LeaseStoreException e) {
                onFailed.run();
                throw e;
            }
            onStored.run();
            return;
        }
        CompletableFuture<Boolean> write = current == null ? store.addAsync(lease) : store.updateAsync(lease);
        if (refused(write)) {
            write = current == null ? store.updateAsync(lease) : store.addAsync(lease);
        }
        writes.track(write, onStored, onFailed);
    }

    /** Whether an add/update answered at once that it did nothing (the row exists, or does not). */
    private static boolean refused(CompletableFuture<Boolean> write) {
        return write.isDone() && !write.isCompletedExceptionally() && !write.join();
    }

    /** Counters for a lease committed over {@code previous} (null, reclaimed, or expired and reclaimed now). */
    private void countNewLease(Lease4 previous, SubnetPlan subnet, PoolPlan pool) {
        if (previous != null && previous.state() != LeaseState.EXPIRED_RECLAIMED) {
            countReclaim(previous);
        }
        AddressStatistics subnetCounters = subnet.statistics().addresses;
        subnetCounters.assignedAddresses.increment();
        subnetCounters.cumulativeAssignedAddresses.increment();
        if (pool != null) {
            pool.statistics().assignedAddresses.increment();
            pool.statistics().cumulativeAssignedAddresses.increment();
        }
        statistics.cumulativeAssignedAddresses.increment();
    }

    private void deleteLease(Lease4 lease, StoreWrites writes) throws LeaseStoreException {
        deleteLease(lease, writes, NOTHING);
    }

    /** Deletes the lease of {@code lease.address()}; {@code onStored} runs after the bookkeeping once stored. */
    private void deleteLease(Lease4 lease, StoreWrites writes, Runnable onStored) throws LeaseStoreException {
        synchronized (lockOf(lease.address())) {
            Lease4 deleted;
            if (writes.isDeferred()) {
                Optional<Lease4> before = store.get(lease.address());
                if (before.isEmpty()) {
                    return;
                }
                deleted = before.get();
                CompletableFuture<Optional<Lease4>> write = store.deleteAsync(lease.address());
                if (write.isDone() && !write.isCompletedExceptionally() && write.join().isEmpty()) {
                    return;
                }
                // freed in the index at once: if the row then fails the store puts the lease back and the index
                // proposes a used address, which the allocator re-reads, skips and marks used again
                releaseInPools(lease.address());
                writes.track(write, () -> deleted(deleted, onStored), NOTHING);
                return;
            }
            Optional<Lease4> removed = store.delete(lease.address());
            if (removed.isEmpty()) {
                return;
            }
            deleted = removed.get();
            releaseInPools(lease.address());
            deleted(deleted, onStored);
        }
    }

    private void releaseInPools(int address) {
        for (PoolPlan pool : plan.poolsHolding(address)) {
            pool.index().release(address);
        }
    }

    /** Listener and counters for a stored deletion. */
    private void deleted(Lease4 deleted, Runnable onStored) {
        listener.leaseChanged(deleted, null);
        if (deleted.state() != LeaseState.EXPIRED_RECLAIMED) {
            adjust(plan, deleted, true, -1);
        }
        onStored.run();
    }

    private void reclaim(Lease4 lease, boolean remove) throws LeaseStoreException {
        boolean declined = lease.state() == LeaseState.DECLINED;
        if (remove || declined) {
            store.delete(lease.address());
            listener.leaseChanged(lease, null);
        } else {
            Lease4 reclaimed = lease.toBuilder().state(LeaseState.EXPIRED_RECLAIMED).hostname("").fqdnForward(false)
                    .fqdnReverse(false).build();
            store.update(reclaimed);
            listener.leaseChanged(lease, reclaimed);
        }
        for (PoolPlan pool : plan.poolsHolding(lease.address())) {
            pool.index().release(lease.address());
        }
        countReclaim(lease);
        if (declined) {
            KeaLog.log(LogMessage.ALLOC_ENGINE_V4_DECLINED_RECOVERED, new AddressText(lease.address()), lease.validLifetime());
        }
    }

    private void countReclaim(Lease4 lease) {
        SubnetPlan subnet = plan.subnet(lease.subnetId());
        boolean declined = lease.state() == LeaseState.DECLINED;
        statistics.reclaimedLeases.increment();
        if (declined) {
            statistics.declinedAddresses.add(-1);
            statistics.reclaimedDeclinedAddresses.increment();
        }
        if (subnet == null) {
            return;
        }
        AddressStatistics counters = subnet.statistics().addresses;
        counters.assignedAddresses.add(-1);
        counters.reclaimedLeases.increment();
        PoolPlan pool = subnet.poolOf(lease.address());
        if (pool != null) {
            pool.statistics().assignedAddresses.add(-1);
            pool.statistics().reclaimedLeases.increment();
        }
        if (declined) {
            counters.declinedAddresses.add(-1);
            counters.reclaimedDeclinedAddresses.increment();
            if (pool != null) {
                pool.statistics().declinedAddresses.add(-1);
                pool.statistics().reclaimedDeclinedAddresses.increment();
            }
        }
    }

    private int reclaimInPool(PoolPlan pool, long now) {
        int reclaimed = 0;
        try {
            for (Lease4 lease : store.getExpired(now, 0)) {
                if (!pool.contains(lease.address())) {
                    continue;
                }
                synchronized (lockOf(lease.address())) {
                    Optional<Lease4> current = store.get(lease.address());
                    if (current.isPresent() && current.get().isExpired(now)
                            && current.get().state() != LeaseState.EXPIRED_RECLAIMED) {
                        reclaim(current.get(), false);
                        reclaimed++;
                    }
                }
                if (reclaimed >= 64) {
                    break;
                }
            }
        } catch (LeaseStoreException e) {
            KeaLog.log(LogMessage.DHCP4_RECLAIM_EXPIRED_LEASES_FAIL, e.getMessage());
        }
        return reclaimed;
    }

    private void countAllocationFailure(List<SubnetPlan> subnets, boolean anyPool) {
        SubnetPlan first = subnets.getFirst();
        boolean shared = first.network() != null;
        (shared ? statistics.allocationFailSharedNetwork : statistics.allocationFailSubnet).increment();
        (anyPool ? statistics.allocationFail : statistics.allocationFailNoPools).increment();
        // every packet is in class ALL, so Kea always counts the classes variant too
        statistics.allocationFailClasses.increment();
        var counters = first.statistics();
        (shared ? counters.allocationFailSharedNetwork : counters.allocationFailSubnet).increment();
        (anyPool ? counters.allocationFail : counters.allocationFailNoPools).increment();
        counters.allocationFailClasses.increment();
    }

    /** A brand-new lease of {@code address} for the client. */
    private static Lease4 fresh(int address, SubnetPlan subnet, ClientIdentity client, long lifetime, long now) {
        return Lease4.builder(address).hardwareAddress(client.hardwareAddress())
                .hardwareType(client.hardwareType())
                .clientId(client.clientIdFor(subnet.parameters().matchClientId()))
                .validLifetime(lifetime).cltt(now).subnetId(subnet.id()).build();
    }

    /** {@code existing} renewed for the client now. */
    private static Lease4 renewed(Lease4 existing, SubnetPlan subnet, ClientIdentity client, long lifetime,
                                  long now) {
        return existing.toBuilder().subnetId(subnet.id()).hardwareAddress(client.hardwareAddress())
                .hardwareType(client.hardwareType())
                .clientId(client.clientIdFor(subnet.parameters().matchClientId()))
                .validLifetime(lifetime).cltt(now).state(LeaseState.DEFAULT).build();
    }

    /**
     * Lease caching (dhcp4-behaviour.md §10): the remaining lifetime when {@code existing} may be handed out again
     * without a write, else 0.
     */
    private static long cachedRemaining(Lease4 existing, SubnetPlan subnet, ClientIdentity client, long lifetime,
                                        long now) {
        LeaseParameters parameters = subnet.parameters();
        boolean thresholdSet = !Double.isNaN(parameters.cacheThreshold());
        boolean maxAgeSet = parameters.cacheMaxAge() >= 0;
        if (!thresholdSet && !maxAgeSet) {
            return 0;
        }
        if (existing.state() != LeaseState.DEFAULT || existing.subnetId() != subnet.id()
                || !existing.hardwareAddress().equals(client.hardwareAddress())
                || !existing.clientId().equals(client.clientIdFor(parameters.matchClientId()))
                || lifetime < existing.validLifetime()) {
            return 0;
        }
        if (existing.validLifetime() == Lease4.INFINITE_LIFETIME) {
            return Lease4.INFINITE_LIFETIME;
        }
        long age = Math.max(0, now - existing.cltt());
        if (age >= existing.validLifetime()) {
            return 0;
        }
        long limit = 0;
        if (maxAgeSet) {
            if (parameters.cacheMaxAge() == 0 || age > parameters.cacheMaxAge()) {
                return 0;
            }
            limit = parameters.cacheMaxAge();
        }
        if (thresholdSet) {
            double threshold = parameters.cacheThreshold();
            if (threshold <= 0 || threshold > 1) {
                return 0;
            }
            limit = (long) Math.floor(lifetime * threshold);
            if (age > limit) {
                return 0;
            }
        }
        if (limit == 0) {
            return 0;
        }
        return existing.validLifetime() - age;
    }

    /** Whether a lease row may be taken over by a new client: expired, or reclaimed. */
    private static boolean reusable(Lease4 lease, long now) {
        return lease.state() == LeaseState.EXPIRED_RECLAIMED || lease.isExpired(now);
    }

    private static boolean reservedForOther(List<SubnetPlan> subnets, int address, ClientIdentity client) {
        for (SubnetPlan subnet : subnets) {
            if (subnet.contains(address) && subnet.reservedForOther(address, client)) {
                return true;
            }
        }
        return false;
    }

    /** The subnet where {@code address} is reserved for the client (outside the pools), or null. */
    private static SubnetPlan reservedOwner(List<SubnetPlan> subnets, int address, ClientIdentity client) {
        for (SubnetPlan subnet : subnets) {
            HostPlan host = subnet.hostFor(client);
            if (host != null && host.address() == address) {
                return subnet;
            }
        }
        return null;
    }

    private void countReservationConflict(SubnetPlan subnet) {
        statistics.reservationConflicts.increment();
        subnet.statistics().reservationConflicts.increment();
    }

    private static SubnetPlan owner(List<SubnetPlan> subnets, int address) {
        for (SubnetPlan subnet : subnets) {
            if (subnet.contains(address) && subnet.poolOf(address) != null) {
                return subnet;
            }
        }
        return null;
    }

    private static boolean matchClientId(List<SubnetPlan> subnets, Lease4 lease) {
        for (SubnetPlan subnet : subnets) {
            if (subnet.id() == lease.subnetId()) {
                return subnet.parameters().matchClientId();
            }
        }
        return true;
    }

    private Object lockOf(int address) {
        int h = address * 0x9E3779B9;
        return locks[(h ^ (h >>> 16)) & (LOCK_STRIPES - 1)];
    }
}

package dev.nestor.lease;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv6 memfile lease store: leases in memory, every change appended to a lease file in Kea 2.2's
 * {@code kea-leases6.csv} format. Loading, durability and lease file cleanup work as in {@link MemfileLeaseStore4}.
 */
public final class MemfileLeaseStore6 implements LeaseStore6 {

    private static final Logger LOG = LoggerFactory.getLogger(MemfileLeaseStore6.class);

    static final MemfilePersistence.Format<Lease6Table> FORMAT = new MemfilePersistence.Format<>() {
        @Override
        public CsvSchema schema() {
            return CsvSchema.V6;
        }

        @Override
        public Lease6Table newTable(long expectedLeases) {
            return new Lease6Table(expectedLeases);
        }

        @Override
        public LeaseFileLoader.RowSink sink(Lease6Table table) {
            return (bytes, from, to, headerColumns, bounds) -> {
                Lease6 lease = Lease6Csv.decode(bytes, from, to, headerColumns, bounds);
                if (lease.validLifetime() == 0) {
                    table.remove(lease.addressHigh(), lease.addressLow());
                } else {
                    table.put(lease);
                }
            };
        }

        @Override
        public long writeAll(Lease6Table table, OutputStream out) throws IOException {
            StringBuilder row = new StringBuilder(160);
            long count = 0;
            for (Lease6 lease : table.collect(lease -> true)) {
                row.setLength(0);
                Lease6Csv.append(row, lease, false);
                out.write(row.toString().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            return count;
        }
    };

    private final MemfileSettings settings;
    private final Clock clock;
    private final Lease6Table table;
    private final MemfilePersistence<Lease6Table> persistence;
    private final LeaseFileWriter writer;
    private final LoadSummary loadSummary;
    private volatile boolean closed;

    private MemfileLeaseStore6(MemfileSettings settings, Clock clock, Lease6Table table,
                               MemfilePersistence<Lease6Table> persistence, LoadSummary loadSummary) {
        this.settings = settings;
        this.clock = clock;
        this.table = table;
        this.persistence = persistence;
        this.writer = persistence == null ? null : persistence.writer();
        this.loadSummary = loadSummary;
    }

    /**
     * Opens the store: loads the lease files (when persisting), opens the current file and schedules cleanup.
     *
     * @throws LeaseStoreException as {@link MemfileLeaseStore4#open}
     */
    public static MemfileLeaseStore6 open(MemfileSettings settings, Clock clock) throws LeaseStoreException {
        if (!settings.persist()) {
            LOG.warn("DHCPSRV_MEMFILE_NO_STORAGE running in non-persistent mode, leases will be lost after restart");
            return new MemfileLeaseStore6(settings, clock, new Lease6Table(0), null,
                    new LoadSummary(List.of(), 0, 0, 0, 0, 0));
        }
        MemfilePersistence.Opened<Lease6Table> opened =
                MemfilePersistence.open(settings, FORMAT, clock, "nestor-lease-lfc6");
        LoadSummary loaded = opened.summary();
        LoadSummary summary = new LoadSummary(loaded.files(), loaded.rows(), loaded.rowErrors(),
                loaded.tornLastLines(), opened.table().size(), loaded.nanos());
        LOG.info("DHCPSRV_MEMFILE_LEASES_LOADED {} leases from {} rows of {} ({} bad rows, {} torn last lines)",
                summary.leases(), summary.rows(), summary.files(), summary.rowErrors(), summary.tornLastLines());
        MemfileLeaseStore6 store = new MemfileLeaseStore6(settings, clock, opened.table(), opened.persistence(),
                summary);
        opened.persistence().scheduleCleanup(opened.needsConversion());
        return store;
    }

    /** What opening read. */
    public LoadSummary loadSummary() {
        return loadSummary;
    }

    /** The settings this store was opened with. */
    public MemfileSettings settings() {
        return settings;
    }

    /** Runs one lease file cleanup now on the calling thread; see {@link MemfileLeaseStore4#runLeaseFileCleanup}. */
    public CleanupSummary runLeaseFileCleanup() throws LeaseStoreException {
        ensureOpen();
        if (persistence == null) {
            Instant now = clock.instant();
            return new CleanupSummary(now, now, false, 0);
        }
        return persistence.cleanup();
    }

    private void ensureOpen() throws LeaseStoreException {
        if (closed) {
            throw new LeaseStoreException("lease store is closed");
        }
    }

    private static void checkStorable(Lease6 lease) throws LeaseStoreException {
        if (lease.duid().isEmpty() || lease.duid().length() > 128) {
            throw new LeaseStoreException("lease " + lease.addressText() + " needs a DUID of 1 to 128 bytes");
        }
        if (lease.duid().equals(Lease6.DECLINED_DUID) && lease.state() != LeaseState.DECLINED) {
            throw new LeaseStoreException("lease " + lease.addressText()
                    + " has the empty DUID 00, which Kea accepts only on declined leases");
        }
        if (lease.hardwareAddress().length() > Lease4Csv.MAX_HARDWARE_ADDRESS_LENGTH) {
            throw new LeaseStoreException("lease " + lease.addressText() + " has a hardware address longer than "
                    + Lease4Csv.MAX_HARDWARE_ADDRESS_LENGTH + " bytes");
        }
        if (lease.validLifetime() == 0) {
            throw new LeaseStoreException("lease " + lease.addressText()
                    + " has valid lifetime 0, which the lease file reads as a deletion");
        }
    }

    private LeaseFileWriter.Pending queue(byte[] row, long high, long low, Lease6 previous)
            throws LeaseStoreException {
        if (writer == null) {
            return null;
        }
        return writer.enqueue(row, () -> table.restore(high, low, previous));
    }

    private void awaitStored(LeaseFileWriter.Pending pending) throws LeaseStoreException {
        if (pending != null) {
            writer.await(pending);
        }
    }

    @Override
    public boolean add(Lease6 lease) throws LeaseStoreException {
        ensureOpen();
        checkStorable(lease);
        long high = lease.addressHigh();
        long low = lease.addressLow();
        Lock lock = table.lockFor(high, low).writeLock();
        LeaseFileWriter.Pending pending;
        lock.lock();
        try {
            if (table.getLocked(high, low) != null) {
                return false;
            }
            table.put(lease);
            try {
                pending = queue(Lease6Csv.encode(lease, false), high, low, null);
            } catch (LeaseStoreException error) {
                table.remove(high, low);
                throw error;
            }
        } finally {
            lock.unlock();
        }
        awaitStored(pending);
        return true;
    }

    @Override
    public boolean update(Lease6 lease) throws LeaseStoreException {
        ensureOpen();
        checkStorable(lease);
        long high = lease.addressHigh();
        long low = lease.addressLow();
        Lock lock = table.lockFor(high, low).writeLock();
        LeaseFileWriter.Pending pending;
        lock.lock();
        try {
            Lease6 previous = table.getLocked(high, low);
            if (previous == null) {
                return false;
            }
            table.put(lease);
            try {
                pending = queue(Lease6Csv.encode(lease, false), high, low, previous);
            } catch (LeaseStoreException error) {
                table.put(previous);
                throw error;
            }
        } finally {
            lock.unlock();
        }
        awaitStored(pending);
        return true;
    }

    @Override
    public Optional<Lease6> delete(long high, long low) throws LeaseStoreException {
        ensureOpen();
        Lock lock = table.lockFor(high, low).writeLock();
        LeaseFileWriter.Pending pending;
        Lease6 previous;
        lock.lock();
        try {
            previous = table.getLocked(high, low);
            if (previous == null) {
                return Optional.empty();
            }
            pending = queueDelete(previous);
        } finally {
            lock.unlock();
        }
        awaitStored(pending);
        return Optional.of(previous);
    }

    private LeaseFileWriter.Pending queueDelete(Lease6 previous) throws LeaseStoreException {
        long high = previous.addressHigh();
        long low = previous.addressLow();
        table.remove(high, low);
        try {
            return queue(Lease6Csv.encode(previous, true), high, low, previous);
        } catch (LeaseStoreException error) {
            table.put(previous);
            throw error;
        }
    }

    private int deleteAll(List<Lease6> leases) throws LeaseStoreException {
        ensureOpen();
        List<LeaseFileWriter.Pending> pendings = new ArrayList<>(leases.size());
        LeaseStoreException failure = null;
        for (Lease6 lease : leases) {
            Lock lock = table.lockFor(lease.addressHigh(), lease.addressLow()).writeLock();
            lock.lock();
            try {
                Lease6 current = table.getLocked(lease.addressHigh(), lease.addressLow());
                if (current != null && current.equals(lease)) {
                    pendings.add(queueDelete(current));
                }
            } catch (LeaseStoreException error) {
                failure = error;
                break;
            } finally {
                lock.unlock();
            }
        }
        int deleted = 0;
        for (LeaseFileWriter.Pending pending : pendings) {
            try {
                awaitStored(pending);
                deleted++;
            } catch (LeaseStoreException error) {
                failure = error;
            }
        }
        if (failure != null) {
            throw new LeaseStoreException(deleted + " of " + leases.size() + " leases deleted, then: "
                    + failure.getMessage(), failure);
        }
        return deleted;
    }

    @Override
    public Optional<Lease6> get(long high, long low) {
        return Optional.ofNullable(table.get(high, low));
    }

    @Override
    public List<Lease6> getByDuid(Identifier duid) {
        return table.findByDuid(duid, lease -> true);
    }

    @Override
    public List<Lease6> getByIa(LeaseType type, Identifier duid, long iaid) {
        return table.findByDuid(duid, lease -> lease.type() == type && lease.iaid() == iaid);
    }

    @Override
    public List<Lease6> getByIa(LeaseType type, Identifier duid, long iaid, long subnetId) {
        return table.findByDuid(duid,
                lease -> lease.type() == type && lease.iaid() == iaid && lease.subnetId() == subnetId);
    }

    @Override
    public List<Lease6> getByHostname(String hostname) {
        return table.collect(lease -> !lease.hostname().isEmpty() && lease.hostname().equalsIgnoreCase(hostname));
    }

    @Override
    public List<Lease6> getPage(long afterHigh, long afterLow, int limit) {
        Lease6Table.Address after = new Lease6Table.Address(afterHigh, afterLow);
        return table.collect(lease -> Lease6Table.Address.of(lease).compareTo(after) > 0).stream()
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public List<Lease6> getAll() {
        return table.collect(lease -> true);
    }

    @Override
    public List<Lease6> getBySubnet(long subnetId) {
        return table.collect(lease -> lease.subnetId() == subnetId);
    }

    @Override
    public long count() {
        return table.size();
    }

    @Override
    public List<SubnetStateCount> countBySubnetAndState(LeaseType type) {
        Map<Long, long[]> counts = new HashMap<>();
        for (Lease6 lease : table.collect(lease -> lease.type() == type)) {
            counts.computeIfAbsent(lease.subnetId(), key -> new long[LeaseState.values().length])[lease.state().code()]++;
        }
        List<SubnetStateCount> result = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            for (LeaseState state : LeaseState.values()) {
                if (entry.getValue()[state.code()] > 0) {
                    result.add(new SubnetStateCount(entry.getKey(), state, entry.getValue()[state.code()]));
                }
            }
        });
        return result;
    }

    private List<Lease6> expired(long now, int max, boolean reclaimedOnly) {
        List<Lease6> found = table.collect(lease -> (lease.state() == LeaseState.EXPIRED_RECLAIMED) == reclaimedOnly
                && lease.validLifetime() != Lease4.INFINITE_LIFETIME && lease.expire() < now);
        found.sort(Comparator.comparingLong(Lease6::expire).thenComparing(Lease6Table.ADDRESS_ORDER));
        return max > 0 && found.size() > max ? found.subList(0, max) : found;
    }

    @Override
    public List<Lease6> getExpired(long nowSeconds, int max) {
        return expired(nowSeconds, max, false);
    }

    @Override
    public int deleteExpiredReclaimed(long nowSeconds, long olderThanSeconds) throws LeaseStoreException {
        return deleteAll(expired(nowSeconds - olderThanSeconds, 0, true));
    }

    @Override
    public int wipeSubnet(long subnetId) throws LeaseStoreException {
        return deleteAll(getBySubnet(subnetId));
    }

    @Override
    public int wipeAll() throws LeaseStoreException {
        return deleteAll(getAll());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (persistence != null) {
            persistence.close();
        }
    }
}

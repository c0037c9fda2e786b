package dev.nestor.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 memfile lease store: leases in a compact in-memory table ({@link Lease4Table}), every change appended to
 * a lease file in Kea 2.2's {@code kea-leases4.csv} format, readable by stock Kea and able to read Kea's.
 *
 * <p>Opening loads {@code .completed} (or {@code .2} then {@code .1}) and then the current file, last row winning, a
 * row with valid lifetime 0 deleting. Writes go through {@link LeaseFileWriter} (group commit, see
 * {@link Durability}). Every {@code lfc-interval} seconds a background thread runs lease file cleanup as kea-lfc
 * would, producing the same file names, while writers continue into the fresh current file.
 */
public final class MemfileLeaseStore4 implements LeaseStore4 {

    private static final Logger LOG = LoggerFactory.getLogger(MemfileLeaseStore4.class);

    /** The v4 CSV format over the compact table. */
    static final MemfilePersistence.Format<Lease4Table> FORMAT = new MemfilePersistence.Format<>() {
        @Override
        public CsvSchema schema() {
            return CsvSchema.V4;
        }

        @Override
        public Lease4Table newTable(long expectedLeases) {
            return new Lease4Table(expectedLeases);
        }

        @Override
        public LeaseFileLoader.RowSink sink(Lease4Table table) {
            return new Lease4TableLoader(table);
        }

        @Override
        public long writeAll(Lease4Table table, OutputStream out) throws IOException {
            int[] addresses = table.sortedAddresses();
            StringBuilder row = new StringBuilder(128);
            for (int address : addresses) {
                row.setLength(0);
                Lease4Csv.append(row, table.getLocked(address), false);
                out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            }
            return addresses.length;
        }
    };

    private final MemfileSettings settings;
    private final Clock clock;
    private final Lease4Table table;
    private final MemfilePersistence<Lease4Table> persistence;
    private final LeaseFileWriter writer;
    private final LoadSummary loadSummary;
    private volatile boolean closed;

    private MemfileLeaseStore4(MemfileSettings settings, Clock clock, Lease4Table table,
                               MemfilePersistence<Lease4Table> persistence, LoadSummary loadSummary) {
        this.settings = settings;
        this.clock = clock;
        this.table = table;
        this.persistence = persistence;
        this.writer = persistence == null ? null : persistence.writer();
        this.loadSummary = loadSummary;
    }

    /**
     * Opens the store: loads the lease files (when persisting), opens the current file for appending and schedules
     * lease file cleanup.
     *
     * @throws LeaseStoreException when a file cannot be read or written, a header is not Kea's, a file has more
     *                             than {@code max-row-errors} bad rows, or a kea-lfc is running on these files
     */
    public static MemfileLeaseStore4 open(MemfileSettings settings, Clock clock) throws LeaseStoreException {
        if (!settings.persist()) {
            LOG.warn("DHCPSRV_MEMFILE_NO_STORAGE running in non-persistent mode, leases will be lost after restart");
            return new MemfileLeaseStore4(settings, clock, new Lease4Table(), null,
                    new LoadSummary(List.of(), 0, 0, 0, 0, 0));
        }
        MemfilePersistence.Opened<Lease4Table> opened =
                MemfilePersistence.open(settings, FORMAT, clock, "nestor-lease-lfc4");
        opened.table().trim();
        LoadSummary loaded = opened.summary();
        LoadSummary summary = new LoadSummary(loaded.files(), loaded.rows(), loaded.rowErrors(),
                loaded.tornLastLines(), opened.table().size(), loaded.nanos());
        LOG.info("DHCPSRV_MEMFILE_LEASES_LOADED {} leases from {} rows of {} in {} ms ({} bad rows, {} torn last"
                + " lines)", summary.leases(), summary.rows(), summary.files(), summary.nanos() / 1_000_000,
                summary.rowErrors(), summary.tornLastLines());
        MemfileLeaseStore4 store = new MemfileLeaseStore4(settings, clock, opened.table(), opened.persistence(),
                summary);
        opened.persistence().scheduleCleanup(opened.needsConversion());
        return store;
    }

    /** {@link Durability#WRITE} when not persisting (nothing to wait for), else the configured mode. */
    @Override
    public Durability durability() {
        return persistence == null ? Durability.WRITE : settings.durability();
    }

    /** Sets the observer of the writer's disk syncs ({@link SyncObserver#NONE} to remove it). */
    public void syncObserver(SyncObserver observer) {
        if (writer != null) {
            writer.syncObserver(java.util.Objects.requireNonNull(observer, "observer"));
        }
    }

    /**
     * Bytes of the current lease file known stored: written, and with {@link Durability#GROUP_FSYNC} forced to disk.
     * Every change whose write has returned (or whose future has completed) lies within them. 0 when not persisting.
     */
    public long storedLength() {
        return writer == null ? 0 : writer.storedLength();
    }

    /** What opening read. */
    public LoadSummary loadSummary() {
        return loadSummary;
    }

    /** The settings this store was opened with. */
    public MemfileSettings settings() {
        return settings;
    }

    /**
     * Runs one lease file cleanup now, on the calling thread (the timer calls this on its own thread): rotates the
     * current file to {@code .1} unless an earlier cleanup is unfinished, writes the surviving leases of {@code .2}
     * and {@code .1} to {@code .output}, renames it {@code .completed}, then to {@code .2}. Writers are blocked only
     * for the rename of the current file.
     *
     * @throws LeaseStoreException when a step fails (the files stay in a state the next load or cleanup recovers)
     */
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

    private static void checkStorable(Lease4 lease) throws LeaseStoreException {
        if (lease.hardwareAddress().isEmpty() && lease.clientId().isEmpty()
                && lease.state() != LeaseState.DECLINED) {
            throw new LeaseStoreException("lease " + lease.addressText()
                    + " has neither a hardware address nor a client identifier and is not declined");
        }
        if (lease.hardwareAddress().length() > Lease4Csv.MAX_HARDWARE_ADDRESS_LENGTH) {
            throw new LeaseStoreException("lease " + lease.addressText() + " has a hardware address longer than "
                    + Lease4Csv.MAX_HARDWARE_ADDRESS_LENGTH + " bytes");
        }
        if (lease.clientId().length() == 1 || lease.clientId().length() > 128) {
            // Kea refuses such a client-id when it loads the file
            throw new LeaseStoreException("lease " + lease.addressText()
                    + " has a client identifier of " + lease.clientId().length() + " bytes, not 2 to 128");
        }
        if (lease.validLifetime() == 0) {
            throw new LeaseStoreException("lease " + lease.addressText()
                    + " has valid lifetime 0, which the lease file reads as a deletion");
        }
    }

    /** Queues the row under the caller's lock; null when not persisting. */
    private LeaseFileWriter.Pending queue(byte[] row, int address, Lease4 previous, boolean async)
            throws LeaseStoreException {
        if (writer == null) {
            return null;
        }
        Runnable undo = () -> table.restore(address, previous);
        return async ? writer.enqueueAsync(row, undo) : writer.enqueue(row, undo);
    }

    private void awaitStored(LeaseFileWriter.Pending pending) throws LeaseStoreException {
        if (pending != null) {
            writer.await(pending);
        }
    }

    /** A change applied in memory: its result and the row to wait for (null when there is none). */
    private record Applied<T>(T result, LeaseFileWriter.Pending pending) {
    }

    private <T> T finish(Applied<T> applied) throws LeaseStoreException {
        awaitStored(applied.pending());
        return applied.result();
    }

    private static <T> CompletableFuture<T> finishAsync(Applied<T> applied) {
        if (applied.pending() == null) {
            return CompletableFuture.completedFuture(applied.result());
        }
        return applied.pending().future.thenApply(stored -> applied.result());
    }

    private Applied<Boolean> applyAdd(Lease4 lease, boolean async) throws LeaseStoreException {
        ensureOpen();
        checkStorable(lease);
        int address = lease.address();
        Lock lock = table.lockFor(address).writeLock();
        lock.lock();
        try {
            if (table.containsLocked(address)) {
                return new Applied<>(false, null);
            }
            table.put(lease);
            try {
                return new Applied<>(true, queue(Lease4Csv.encode(lease, false), address, null, async));
            } catch (LeaseStoreException error) {
                table.remove(address);
                throw error;
            }
        } finally {
            lock.unlock();
        }
    }

    private Applied<Boolean> applyUpdate(Lease4 lease, boolean async) throws LeaseStoreException {
        ensureOpen();
        checkStorable(lease);
        int address = lease.address();
        Lock lock = table.lockFor(address).writeLock();
        lock.lock();
        try {
            Lease4 previous = table.getLocked(address);
            if (previous == null) {
                return new Applied<>(false, null);
            }
            table.put(lease);
            try {
                return new Applied<>(true, queue(Lease4Csv.encode(lease, false), address, previous, async));
            } catch (LeaseStoreException error) {
                table.put(previous);
                throw error;
            }
        } finally {
            lock.unlock();
        }
    }

    private Applied<Optional<Lease4>> applyDelete(int address, boolean async) throws LeaseStoreException {
        ensureOpen();
        Lock lock = table.lockFor(address).writeLock();
        lock.lock();
        try {
            Lease4 previous = table.getLocked(address);
            if (previous == null) {
                return new Applied<>(Optional.empty(), null);
            }
            return new Applied<>(Optional.of(previous), queueDelete(previous, async));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean add(Lease4 lease) throws LeaseStoreException {
        return finish(applyAdd(lease, false));
    }

    @Override
    public boolean update(Lease4 lease) throws LeaseStoreException {
        return finish(applyUpdate(lease, false));
    }

    @Override
    public Optional<Lease4> delete(int address) throws LeaseStoreException {
        return finish(applyDelete(address, false));
    }

    @Override
    public CompletableFuture<Boolean> addAsync(Lease4 lease) {
        try {
            return finishAsync(applyAdd(lease, true));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    @Override
    public CompletableFuture<Boolean> updateAsync(Lease4 lease) {
        try {
            return finishAsync(applyUpdate(lease, true));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    @Override
    public CompletableFuture<Optional<Lease4>> deleteAsync(int address) {
        try {
            return finishAsync(applyDelete(address, true));
        } catch (LeaseStoreException error) {
            return CompletableFuture.failedFuture(error);
        }
    }

    /** Removes {@code previous} and queues its delete row; the caller holds the shard's write lock. */
    private LeaseFileWriter.Pending queueDelete(Lease4 previous, boolean async) throws LeaseStoreException {
        table.remove(previous.address());
        try {
            return queue(Lease4Csv.encode(previous, true), previous.address(), previous, async);
        } catch (LeaseStoreException error) {
            table.put(previous);
            throw error;
        }
    }

    /** Deletes the given leases (if still unchanged), waiting for all rows together. */
    private int deleteAll(List<Lease4> leases) throws LeaseStoreException {
        ensureOpen();
        List<LeaseFileWriter.Pending> pendings = new ArrayList<>(leases.size());
        LeaseStoreException failure = null;
        for (Lease4 lease : leases) {
            Lock lock = table.lockFor(lease.address()).writeLock();
            lock.lock();
            try {
                Lease4 current = table.getLocked(lease.address());
                if (current != null && current.equals(lease)) {
                    pendings.add(queueDelete(current, false));
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
    public int deleteExpiredReclaimed(long nowSeconds, long olderThanSeconds) throws LeaseStoreException {
        return deleteAll(table.expired(nowSeconds - olderThanSeconds, 0, true));
    }

    @Override
    public int wipeSubnet(long subnetId) throws LeaseStoreException {
        return deleteAll(table.collectSubnet(subnetId));
    }

    @Override
    public int wipeAll() throws LeaseStoreException {
        return deleteAll(table.collect(lease -> true));
    }

    @Override
    public Optional<Lease4> get(int address) {
        return Optional.ofNullable(table.get(address));
    }

    @Override
    public List<Lease4> getByHardwareAddress(Identifier hardwareAddress) {
        return table.findByHardwareAddress(hardwareAddress);
    }

    @Override
    public Optional<Lease4> getByHardwareAddress(Identifier hardwareAddress, long subnetId) {
        return inSubnet(table.findByHardwareAddress(hardwareAddress), subnetId);
    }

    /** The first lease of {@code subnetId} in {@code leases} (a loop: this runs twice per DHCP packet). */
    private static Optional<Lease4> inSubnet(List<Lease4> leases, long subnetId) {
        for (Lease4 lease : leases) {
            if (lease.subnetId() == subnetId) {
                return Optional.of(lease);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Lease4> getByClientId(Identifier clientId) {
        return table.findByClientId(clientId);
    }

    @Override
    public Optional<Lease4> getByClientId(Identifier clientId, long subnetId) {
        return inSubnet(table.findByClientId(clientId), subnetId);
    }

    @Override
    public List<Lease4> getByHostname(String hostname) {
        return table.collect(lease -> !lease.hostname().isEmpty() && lease.hostname().equalsIgnoreCase(hostname));
    }

    @Override
    public List<Lease4> getPage(int after, int limit) {
        return table.page(after, limit);
    }

    @Override
    public List<Lease4> getAll() {
        return table.collect(lease -> true);
    }

    @Override
    public List<Lease4> getBySubnet(long subnetId) {
        return table.collectSubnet(subnetId);
    }

    @Override
    public long count() {
        return table.size();
    }

    @Override
    public List<SubnetStateCount> countBySubnetAndState() {
        return table.countBySubnetAndState();
    }

    @Override
    public List<Lease4> getExpired(long nowSeconds, int max) {
        return table.expired(nowSeconds, max, false);
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

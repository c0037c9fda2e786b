package dev.nestor.lease;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file side of a memfile store, shared by v4 and v6: loading the file family in Kea's order, the group-commit
 * writer, and lease file cleanup on a background thread. The lease table type {@code T} and its CSV format come in
 * through {@link Format}.
 */
final class MemfilePersistence<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MemfilePersistence.class);
    /** kea-lfc gives up on a file after this many bad rows. */
    private static final long CLEANUP_MAX_ROW_ERRORS = 100;

    /** How one lease universe is loaded and written. */
    interface Format<T> {
        CsvSchema schema();

        /** An empty table sized for about {@code expectedLeases}. */
        T newTable(long expectedLeases);

        /** A single-threaded sink applying rows to {@code table}: last row wins, valid lifetime 0 deletes. */
        LeaseFileLoader.RowSink sink(T table);

        /** Writes every lease of {@code table} as rows, in address order; returns how many. */
        long writeAll(T table, OutputStream out) throws IOException;
    }

    private final MemfileSettings settings;
    private final Format<T> format;
    private final Clock clock;
    private final LeaseFiles files;
    private final LeaseFileWriter writer;
    private final ScheduledExecutorService cleanupTimer;
    private final Lock cleanupLock = new ReentrantLock();
    private final String threadName;

    private MemfilePersistence(MemfileSettings settings, Format<T> format, Clock clock, LeaseFiles files,
                               LeaseFileWriter writer, String threadName) {
        this.settings = settings;
        this.format = format;
        this.clock = clock;
        this.files = files;
        this.writer = writer;
        this.threadName = threadName;
        this.cleanupTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon(true).name(threadName).factory());
    }

    /** The outcome of {@link #open}: the persistence, the loaded table and what loading found. */
    record Opened<T>(MemfilePersistence<T> persistence, T table, LoadSummary summary, boolean needsConversion) {
    }

    /** Loads the files of {@code settings.path()} into a new table and opens the current file for appending. */
    static <T> Opened<T> open(MemfileSettings settings, Format<T> format, Clock clock, String threadName)
            throws LeaseStoreException {
        long start = System.nanoTime();
        LeaseFiles files = new LeaseFiles(settings.path());
        Optional<Long> cleaner = files.runningCleanup();
        if (cleaner.isPresent()) {
            throw new LeaseStoreException("unable to load leases from files while the lease file cleanup is in"
                    + " progress (process " + cleaner.get() + ", " + files.pid + ")");
        }
        List<Path> loaded = new ArrayList<>(files.loadOrder());
        T table = format.newTable(expectedLeases(loaded, files.current));
        LeaseFileLoader.RowSink sink = format.sink(table);
        long rows = 0;
        long errors = 0;
        int torn = 0;
        boolean conversion = false;
        long keepLength = -1;
        boolean needsNewline = false;
        boolean currentExists = Files.exists(files.current);
        if (currentExists) {
            loaded.add(files.current);
        }
        for (Path file : loaded) {
            LeaseFileLoader.Result result = LeaseFileLoader.load(file, format.schema(), settings.maxRowErrors(), sink);
            rows += result.rows();
            errors += result.errors();
            torn += result.tornLastLine() ? 1 : 0;
            conversion |= result.upgraded();
            if (file.equals(files.current)) {
                keepLength = result.keepLength();
                needsNewline = result.needsNewline();
            }
        }
        LeaseFileWriter writer;
        try {
            writer = new LeaseFileWriter(files.current, format.schema().headerLine, settings.durability(),
                    keepLength, needsNewline);
        } catch (IOException error) {
            throw new LeaseStoreException("cannot open lease file " + files.current + " for writing: "
                    + error.getMessage(), error);
        }
        LoadSummary summary = new LoadSummary(List.copyOf(loaded), rows, errors, torn, 0, System.nanoTime() - start);
        return new Opened<>(new MemfilePersistence<>(settings, format, clock, files, writer, threadName), table,
                summary, conversion);
    }

    /** A guess of the lease count from the file sizes (a Kea row is about 60 to 160 bytes). */
    private static long expectedLeases(List<Path> loaded, Path current) {
        long bytes = sizeOf(current);
        for (Path file : loaded) {
            bytes = Math.max(bytes, sizeOf(file));
        }
        // capped so a file that is mostly history of few leases does not reserve much unused memory
        return Math.min(bytes / 90, 4_000_000);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException error) {
            return 0;
        }
    }

    LeaseFileWriter writer() {
        return writer;
    }

    /** Starts the cleanup timer; runs one cleanup at once when a file was in an older or newer schema. */
    void scheduleCleanup(boolean now) {
        if (now) {
            LOG.info("DHCPSRV_MEMFILE_NEEDS_UPGRADING lease file {} converted by a cleanup now", files.current);
            cleanupTimer.execute(this::cleanupQuietly);
        }
        if (settings.lfcIntervalSeconds() > 0) {
            cleanupTimer.scheduleWithFixedDelay(this::cleanupQuietly, settings.lfcIntervalSeconds(),
                    settings.lfcIntervalSeconds(), TimeUnit.SECONDS);
        }
    }

    private void cleanupQuietly() {
        try {
            cleanup();
        } catch (LeaseStoreException | RuntimeException error) {
            LOG.error("DHCPSRV_MEMFILE_LFC_EXECUTE_FAILED lease file cleanup of {} failed: {}", files.current,
                    error.toString());
        }
    }

    /** One lease file cleanup, as kea-lfc does it, on the calling thread. */
    CleanupSummary cleanup() throws LeaseStoreException {
        cleanupLock.lock();
        try {
            Instant started = clock.instant();
            LOG.info("DHCPSRV_MEMFILE_LFC_START starting lease file cleanup of {} ({})", files.current, threadName);
            boolean rotate = !files.cleanupUnfinished();
            if (rotate) {
                writer.rotate(files.input);
            }
            long[] leases = {0};
            try {
                files.writePid();
                if (!Files.exists(files.completed)) {
                    T scratch = format.newTable(0);
                    LeaseFileLoader.RowSink sink = format.sink(scratch);
                    for (Path file : List.of(files.previous, files.input)) {
                        if (Files.exists(file)) {
                            LeaseFileLoader.load(file, format.schema(), CLEANUP_MAX_ROW_ERRORS, sink);
                        }
                    }
                    files.writeCompleted(format.schema().headerLine, out -> leases[0] = format.writeAll(scratch, out));
                }
                files.promoteCompleted();
            } catch (IOException error) {
                throw new LeaseStoreException("lease file cleanup of " + files.current + " failed: "
                        + error.getMessage(), error);
            } finally {
                try {
                    files.removePid();
                } catch (IOException error) {
                    LOG.warn("cannot remove {}: {}", files.pid, error.toString());
                }
            }
            LOG.info("DHCPSRV_MEMFILE_LFC_COMPLETE lease file cleanup of {} wrote {} leases", files.current,
                    leases[0]);
            return new CleanupSummary(started, clock.instant(), rotate, leases[0]);
        } finally {
            cleanupLock.unlock();
        }
    }

    /** Stops the timer (waiting for a running cleanup) and closes the file after writing what is queued. */
    @Override
    public void close() {
        cleanupTimer.shutdownNow();
        cleanupLock.lock();
        cleanupLock.unlock();
        writer.close();
    }
}

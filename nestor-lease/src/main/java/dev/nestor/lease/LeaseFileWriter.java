package dev.nestor.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rows to the current lease file with group commit. Callers queue a row (while holding the lock of the
 * lease it describes, so rows of one address reach the file in memory order) and then wait outside that lock. One
 * writer thread takes everything queued, writes it with one {@code write(2)}, forces it to disk in
 * {@link Durability#GROUP_FSYNC} mode, and wakes the callers.
 *
 * <p>If a write fails, the batch and every row queued behind it fail: the file is cut back to its last good length
 * (so no torn row stays in it), each failed change is undone in memory in reverse queue order, and only then are
 * the callers told. Rows queued while that happens are refused at once. Later rows try the file again.
 *
 * <p>Rotation for lease file cleanup runs on the writer thread between batches, so no row is lost or split between
 * the old and the new file.
 */
final class LeaseFileWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseFileWriter.class);

    /** A queued row and the state its caller waits on. */
    static final class Pending {
        final byte[] row;
        final Runnable undo;
        final Rotation rotation;
        volatile int status; // 0 queued, 1 stored, 2 failed
        IOException failure;
        /** Completed by the writer thread for callers that do not block; null for blocking callers. */
        final CompletableFuture<Void> future;

        Pending(byte[] row, Runnable undo, Rotation rotation, boolean withFuture) {
            this.row = row;
            this.undo = undo;
            this.rotation = rotation;
            this.future = withFuture ? new CompletableFuture<>() : null;
        }
    }

    /** The exception a caller sees for a row that could not be stored. */
    LeaseStoreException failureOf(Pending pending) {
        return new LeaseStoreException("cannot write lease file " + path + ": " + pending.failure.getMessage(),
                pending.failure);
    }

    /** Completes the futures of async callers, outside the lock (their callbacks run on this thread). */
    private void completeFutures(List<Pending> pendings) {
        for (Pending pending : pendings) {
            if (pending.future != null) {
                if (pending.status == 1) {
                    pending.future.complete(null);
                } else {
                    pending.future.completeExceptionally(failureOf(pending));
                }
            }
        }
    }

    /** A request to move the current file to {@code target} and start a fresh one. */
    record Rotation(Path target) {
    }

    private final Path path;
    private final byte[] header;
    private final Durability durability;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final Condition done = lock.newCondition();
    private final Thread thread;

    private List<Pending> queue = new ArrayList<>();
    private volatile SyncObserver syncObserver = SyncObserver.NONE;
    private volatile long storedLength;
    private boolean recovering;
    private boolean closing;
    private FileChannel channel;
    private long goodLength;

    /**
     * Opens {@code path} for appending; a missing or empty file gets {@code header}. The file must already have been
     * checked by the loader; {@code keepLength} is the length to keep (the loader cuts a torn last line away) and
     * {@code needsNewline} says the kept part ends without a newline.
     */
    LeaseFileWriter(Path path, String header, Durability durability, long keepLength, boolean needsNewline)
            throws IOException {
        this.path = path;
        this.header = header.getBytes(StandardCharsets.US_ASCII);
        this.durability = durability;
        this.channel = openForAppend(path, keepLength, needsNewline);
        this.goodLength = Files.isRegularFile(path) ? channel.size() : 0;
        this.storedLength = goodLength;
        this.thread = Thread.ofPlatform().name("nestor-lease-writer-" + path.getFileName()).daemon(true)
                .unstarted(this::run);
        thread.start();
    }

    private FileChannel openForAppend(Path file, long keepLength, boolean needsNewline) throws IOException {
        // O_APPEND: every write lands at the end even if another writer (a second store on the same file during a
        // reconfiguration, an operator's tool) appended meanwhile, so rows are never overwritten
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        try {
            if (!Files.isRegularFile(file)) {
                // a device (e.g. /dev/null) takes rows as they come: no header, no size, no truncation
                return opened;
            }
            if (keepLength >= 0 && opened.size() > keepLength) {
                opened.truncate(keepLength);
            }
            if (opened.size() == 0) {
                writeFully(opened, ByteBuffer.wrap(header));
            } else if (needsNewline) {
                writeFully(opened, ByteBuffer.wrap(new byte[] {'\n'}));
            }
            opened.force(true);
            return opened;
        } catch (IOException error) {
            opened.close();
            throw error;
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Queues a row. Call while holding the lock of the lease concerned; then {@link #await} outside it.
     *
     * @param undo puts memory back as before this change; run by the writer if the row cannot be stored
     * @throws LeaseStoreException when the writer is closed or recovering from a failed write (the caller undoes its
     *                             change itself)
     */
    Pending enqueue(byte[] row, Runnable undo) throws LeaseStoreException {
        return enqueue(new Pending(row, undo, null, false));
    }

    /** As {@link #enqueue(byte[], Runnable)}, for a caller that waits on {@link Pending#future} instead. */
    Pending enqueueAsync(byte[] row, Runnable undo) throws LeaseStoreException {
        return enqueue(new Pending(row, undo, null, true));
    }

    private Pending enqueue(Pending pending) throws LeaseStoreException {
        lock.lock();
        try {
            if (closing) {
                throw new LeaseStoreException("lease file " + path + " is closed");
            }
            if (recovering) {
                throw new LeaseStoreException("cannot write lease file " + path + ": an earlier write just failed");
            }
            queue.add(pending);
            queued.signal();
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code pending} is stored; throws if it could not be. */
    void await(Pending pending) throws LeaseStoreException {
        lock.lock();
        try {
            while (pending.status == 0) {
                done.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (pending.status == 2) {
            throw failureOf(pending);
        }
    }

    /**
     * Moves the current file to {@code target} and continues in a fresh file with only the header (the first step of
     * lease file cleanup). Rows queued before are in the moved file, rows queued after in the new one.
     *
     * @throws LeaseStoreException when the rename failed (the old file stays in use)
     */
    void rotate(Path target) throws LeaseStoreException {
        Pending pending = enqueue(new Pending(null, null, new Rotation(target), false));
        await(pending);
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    queued.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = new ArrayList<>();
            } finally {
                lock.unlock();
            }
            process(batch);
        }
    }

    private void process(List<Pending> batch) {
        int start = 0;
        while (start < batch.size()) {
            int end = start;
            while (end < batch.size() && batch.get(end).rotation == null) {
                end++;
            }
            if (end > start) {
                try {
                    writeRows(batch, start, end);
                    complete(batch.subList(start, end), null);
                } catch (IOException error) {
                    fail(batch.subList(start, batch.size()), error);
                    return;
                }
            }
            if (end < batch.size()) {
                Pending rotation = batch.get(end);
                try {
                    doRotate(rotation.rotation.target());
                    complete(List.of(rotation), null);
                } catch (IOException error) {
                    rotation.failure = error;
                    complete(List.of(rotation), error);
                }
                end++;
            }
            start = end;
        }
    }

    private void writeRows(List<Pending> batch, int start, int end) throws IOException {
        if (!channel.isOpen()) {
            // a rotation could not reopen the file: try again rather than fail every row from now on
            channel = openForAppend(path, -1, false);
            goodLength = Files.isRegularFile(path) ? channel.size() : 0;
        }
        int total = 0;
        for (int i = start; i < end; i++) {
            total += batch.get(i).row.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (int i = start; i < end; i++) {
            buffer.put(batch.get(i).row);
        }
        buffer.flip();
        writeFully(channel, buffer);
        if (durability == Durability.GROUP_FSYNC) {
            syncObserver.beforeSync(goodLength + total);
            channel.force(false);
        }
        goodLength += total;
        storedLength = goodLength;
    }

    /** Sets the observer of the writer's disk syncs. */
    void syncObserver(SyncObserver observer) {
        this.syncObserver = observer;
    }

    /** Bytes of the current file known stored: written, and in {@link Durability#GROUP_FSYNC} mode synced. */
    long storedLength() {
        return storedLength;
    }

    private void complete(List<Pending> stored, IOException error) {
        lock.lock();
        try {
            for (Pending pending : stored) {
                pending.status = error == null ? 1 : 2;
            }
            done.signalAll();
        } finally {
            lock.unlock();
        }
        completeFutures(stored);
    }

    private void fail(List<Pending> failedPart, IOException error) {
        List<Pending> failed = new ArrayList<>(failedPart);
        lock.lock();
        try {
            recovering = true;
            failed.addAll(queue);
            queue = new ArrayList<>();
        } finally {
            lock.unlock();
        }
        LOG.error("DHCPSRV_MEMFILE_WRITE_FAIL cannot write lease file {}: {}", path, error.toString());
        try {
            if (Files.isRegularFile(path)) {
                channel.truncate(goodLength);
            }
        } catch (IOException truncateError) {
            LOG.error("DHCPSRV_MEMFILE_WRITE_FAIL cannot cut lease file {} back to {} bytes: {}", path, goodLength,
                    truncateError.toString());
        }
        for (int i = failed.size() - 1; i >= 0; i--) {
            Pending pending = failed.get(i);
            pending.failure = error;
            if (pending.undo != null) {
                pending.undo.run();
            }
        }
        lock.lock();
        try {
            for (Pending pending : failed) {
                pending.status = 2;
            }
            recovering = false;
            done.signalAll();
        } finally {
            lock.unlock();
        }
        completeFutures(failed);
    }

    private void doRotate(Path target) throws IOException {
        channel.force(true);
        channel.close();
        try {
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException error) {
            LOG.error("DHCPSRV_MEMFILE_LFC_LEASE_FILE_RENAME_FAIL cannot rename {} to {}: {}", path, target,
                    error.toString());
            channel = openForAppend(path, -1, false);
            goodLength = channel.size();
            throw error;
        }
        channel = openForAppend(path, -1, false);
        goodLength = channel.size();
        storedLength = goodLength;
    }

    /** Writes everything queued, stops the writer thread and closes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            channel.close();
        } catch (IOException error) {
            LOG.warn("cannot close lease file {}: {}", path, error.toString());
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

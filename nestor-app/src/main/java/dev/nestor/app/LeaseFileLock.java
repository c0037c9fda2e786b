package dev.nestor.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two Nestor servers off one lease file: each would append rows the other never reads and hand out
 * addresses the other already leased. The lock is an exclusive OS lock on {@code <lease file>.lock}, held for
 * the life of the process and released by the OS even after a SIGKILL, so a stale file never blocks a restart.
 */
final class LeaseFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private LeaseFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock for {@code leaseFile}, or explains why it cannot. */
    static LeaseFileLock acquire(Path leaseFile) throws IOException {
        Path lockFile = leaseFile.resolveSibling(leaseFile.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("lease file " + leaseFile + " is in use by another Nestor server (lock " + lockFile
                    + " is held); stop that server or give this one its own lease-database name");
        }
        return new LeaseFileLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}

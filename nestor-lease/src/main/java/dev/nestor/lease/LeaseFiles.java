package dev.nestor.lease;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The family of files Kea derives from a lease file name ({@code name}, {@code .1}, {@code .2}, {@code .output},
 * {@code .completed}, {@code .pid}), the order they are loaded in, and the steps of lease file cleanup as kea-lfc
 * takes them, so that a crash at any step is recovered by the next load or cleanup, by Nestor or by stock Kea.
 */
final class LeaseFiles {

    final Path current;
    final Path input;      // .1
    final Path previous;   // .2
    final Path output;     // .output
    final Path completed;  // .completed
    final Path pid;        // .pid

    LeaseFiles(Path current) {
        this.current = current;
        this.input = sibling(".1");
        this.previous = sibling(".2");
        this.output = sibling(".output");
        this.completed = sibling(".completed");
        this.pid = sibling(".pid");
    }

    private Path sibling(String suffix) {
        return current.resolveSibling(current.getFileName() + suffix);
    }

    /** The files to load, in order: {@code .completed} (instead of .2 and .1) or .2 then .1, then the current one. */
    List<Path> loadOrder() {
        List<Path> files = new ArrayList<>();
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            if (Files.exists(previous)) {
                files.add(previous);
            }
            if (Files.exists(input)) {
                files.add(input);
            }
        }
        return files;
    }

    /** The PID in {@code .pid} if it names a live process other than this one. */
    Optional<Long> runningCleanup() {
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        try {
            long number = Long.parseLong(Files.readString(pid, StandardCharsets.US_ASCII).trim());
            if (number == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            return ProcessHandle.of(number).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException error) {
            return Optional.empty();
        }
    }

    /** Whether an earlier cleanup left its input or result behind (then no new rotation happens). */
    boolean cleanupUnfinished() {
        return Files.exists(completed) || Files.exists(input);
    }

    /** Writes the output of a cleanup: the compacted rows, forced to disk, then renamed to {@code .completed}. */
    void writeCompleted(String header, RowWriter rows) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(output, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
             var stream = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                     1 << 16)) {
            stream.write(header.getBytes(StandardCharsets.US_ASCII));
            rows.writeTo(stream);
            stream.flush();
            channel.force(true);
        }
        Files.move(output, completed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The final step of a cleanup: drop .2 and .1, then {@code .completed} becomes the new {@code .2}. */
    void promoteCompleted() throws IOException {
        Files.deleteIfExists(previous);
        Files.deleteIfExists(input);
        Files.move(completed, previous, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes this process's PID into {@code .pid}, as kea-lfc does while it runs. */
    void writePid() throws IOException {
        Files.writeString(pid, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }

    void removePid() throws IOException {
        Files.deleteIfExists(pid);
    }

    /** Writes the compacted rows of a cleanup. */
    interface RowWriter {
        void writeTo(java.io.OutputStream out) throws IOException;
    }
}

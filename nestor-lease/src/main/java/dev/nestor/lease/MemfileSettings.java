package dev.nestor.lease;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a memfile lease store needs from the configuration ({@code lease-database} of type {@code memfile}).
 *
 * @param persist            false: leases only in memory, no file read or written ({@code persist})
 * @param path               the lease file ({@code name}); ignored when not persisting
 * @param lfcIntervalSeconds seconds between lease file cleanups, 0 = never ({@code lfc-interval})
 * @param maxRowErrors       loading fails when a file has more bad rows than this, 0 = unlimited
 *                           ({@code max-row-errors})
 * @param durability         when a write counts as stored
 */
public record MemfileSettings(boolean persist, Path path, long lfcIntervalSeconds, long maxRowErrors,
                              Durability durability) {

    /** Kea's default {@code lfc-interval}. */
    public static final long DEFAULT_LFC_INTERVAL = 3600;

    /** Checks values. */
    public MemfileSettings {
        Objects.requireNonNull(durability, "durability");
        if (persist) {
            Objects.requireNonNull(path, "path");
        }
        if (lfcIntervalSeconds < 0) {
            throw new IllegalArgumentException("lfc-interval must not be negative: " + lfcIntervalSeconds);
        }
        if (maxRowErrors < 0) {
            throw new IllegalArgumentException("max-row-errors must not be negative: " + maxRowErrors);
        }
    }

    /** Persistent store at {@code path} with Kea's defaults (lfc-interval 3600, max-row-errors 0, no fsync). */
    public static MemfileSettings persistent(Path path) {
        return new MemfileSettings(true, path, DEFAULT_LFC_INTERVAL, 0, Durability.WRITE);
    }

    /** In-memory store ({@code persist: false}). */
    public static MemfileSettings inMemory() {
        return new MemfileSettings(false, null, 0, 0, Durability.WRITE);
    }

    /** A copy with another durability mode. */
    public MemfileSettings withDurability(Durability mode) {
        return new MemfileSettings(persist, path, lfcIntervalSeconds, maxRowErrors, mode);
    }

    /** A copy with another LFC interval. */
    public MemfileSettings withLfcInterval(long seconds) {
        return new MemfileSettings(persist, path, seconds, maxRowErrors, durability);
    }

    /** A copy with another row error bound. */
    public MemfileSettings withMaxRowErrors(long errors) {
        return new MemfileSettings(persist, path, lfcIntervalSeconds, errors, durability);
    }
}

package dev.nestor.config;

/**
 * A lifetime with its bounds (Kea's "triplet"): {@code min <= value <= max}, seconds. When the config gives only
 * the value, min and max equal it.
 */
public record Triplet(long min, long value, long max) {
    /** A triplet with min = value = max. */
    public static Triplet of(long value) {
        return new Triplet(value, value, value);
    }

    /** The value a client asking for {@code requested} seconds gets: clamped into [min, max]; 0 means "not asked". */
    public long clamp(long requested) {
        if (requested <= 0) return value;
        return Math.max(min, Math.min(max, requested));
    }
}

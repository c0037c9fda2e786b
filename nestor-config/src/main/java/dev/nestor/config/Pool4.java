package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;

/**
 * An address pool: the inclusive range {@code first..last} (unsigned ints).
 *
 * @param first                 first address
 * @param last                  last address
 * @param clientClasses         only members of one of these classes may use the pool; empty = all
 * @param requireClientClasses  classes evaluated (only-if-required) for packets using the pool
 * @param options               pool-level option-data
 * @param userContext           user context or {@code null}
 */
public record Pool4(int first, int last, List<String> clientClasses, List<String> requireClientClasses,
                    List<OptionData> options, JsonObject userContext) {
    /** Copies the lists. */
    public Pool4 {
        clientClasses = List.copyOf(clientClasses);
        requireClientClasses = List.copyOf(requireClientClasses);
        options = List.copyOf(options);
    }

    /** True when {@code address} lies in the pool. */
    public boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    /** Number of addresses in the pool. */
    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }
}

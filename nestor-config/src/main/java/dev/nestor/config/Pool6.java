package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.net.Inet6Address;
import java.util.List;

/**
 * A DHCPv6 address pool: the inclusive range {@code first..last}.
 *
 * @param first                first address
 * @param last                 last address
 * @param clientClasses        only members of one of these classes may use the pool; empty = all
 * @param requireClientClasses classes evaluated only-if-required for packets using the pool
 * @param options              pool-level option-data
 * @param userContext          user context or {@code null}
 */
public record Pool6(Inet6Address first, Inet6Address last, List<String> clientClasses, List<String> requireClientClasses,
                    List<OptionData> options, JsonObject userContext) {
    /** Copies the lists. */
    public Pool6 {
        clientClasses = List.copyOf(clientClasses);
        requireClientClasses = List.copyOf(requireClientClasses);
        options = List.copyOf(options);
    }

    /** True when {@code address} lies in the pool. */
    public boolean contains(Inet6Address address) {
        byte[] a = address.getAddress();
        return Addresses.compareV6(a, first.getAddress()) >= 0 && Addresses.compareV6(a, last.getAddress()) <= 0;
    }
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A prefix delegation pool: prefixes of {@code delegatedLength} carved out of {@code prefix}.
 *
 * @param prefix               the pool prefix ({@code prefix}/{@code prefix-len})
 * @param delegatedLength      length of each delegated prefix (>= prefix length)
 * @param excludedPrefix       RFC 6603 excluded prefix, or empty
 * @param clientClasses        only members of one of these classes may use the pool; empty = all
 * @param requireClientClasses classes evaluated only-if-required
 * @param options              pool-level option-data
 * @param userContext          user context or {@code null}
 */
public record PdPool6(Prefix6 prefix, int delegatedLength, Optional<Prefix6> excludedPrefix, List<String> clientClasses,
                      List<String> requireClientClasses, List<OptionData> options, JsonObject userContext) {
    /** Copies the lists. */
    public PdPool6 {
        clientClasses = List.copyOf(clientClasses);
        requireClientClasses = List.copyOf(requireClientClasses);
        options = List.copyOf(options);
    }
}

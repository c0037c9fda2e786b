package dev.nestor.config;


/**
 * DHCPv6 {@code server-id}: how the server DUID is made (absent = generated DUID-LLT, persisted in the data directory).
 *
 * @param type         {@code LLT}, {@code EN} or {@code LL}
 * @param identifier   hex identifier as written (link-layer address for LLT/LL, vendor part for EN); empty = generate
 * @param time         LLT time, 0 = now
 * @param htype        hardware type (default 1)
 * @param enterpriseId EN enterprise number (default 2495, ISC)
 * @param persist      store the DUID in a file (default true)
 */
public record ServerId(String type, String identifier, long time, int htype, long enterpriseId,
                       boolean persist) {
}

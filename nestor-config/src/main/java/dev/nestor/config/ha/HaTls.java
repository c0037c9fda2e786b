package dev.nestor.config.ha;

/**
 * TLS files for HA HTTP connections: all three set, or the relationship/peer has no TLS.
 *
 * @param trustAnchor CA file or directory
 * @param certFile    certificate file
 * @param keyFile     private key file
 */
public record HaTls(String trustAnchor, String certFile, String keyFile) {
}

package dev.nestor.config.ha;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One {@code peers} entry of an HA relationship (including this server's own entry).
 *
 * @param name              unique peer name (trimmed)
 * @param url               the URL as written
 * @param https             true for {@code https://}
 * @param address           the URL's host, an IP literal
 * @param port              the URL's port (default 80 / 443)
 * @param role              role
 * @param autoFailover      take over the partner's scopes automatically in partner-down (default true)
 * @param basicAuthUser     user for HTTP basic auth, or empty
 * @param basicAuthPassword password (from the config), or empty
 * @param basicAuthPasswordFile file holding the password, or empty
 * @param tls               effective TLS (peer values over the relationship's), or empty
 */
public record HaPeer(String name, String url, boolean https, InetAddress address, int port, HaRole role,
                     boolean autoFailover, Optional<String> basicAuthUser, Optional<String> basicAuthPassword,
                     Optional<String> basicAuthPasswordFile, Optional<HaTls> tls) {
}

package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.List;

/**
 * {@code interfaces-config}: where the server listens.
 *
 * <p><b>Interface existence is not checked here.</b> Kea checks at {@code -t} that each named interface (and
 * {@code name/address}) exists on the machine; Nestor checks it only when the server starts and opens its sockets,
 * so a configuration written for another machine (such as the seed configs naming {@code enp0s8}) can be validated
 * anywhere. The syntax of every entry is checked here.
 *
 * @param interfaces                    entries as written: {@code name}, {@code name/address} or {@code *}
 * @param dhcpSocketType                {@code raw} (default) or {@code udp} (always {@code udp} for DHCPv6)
 * @param outboundInterface             {@code same-as-inbound} (default) or {@code use-routing}
 * @param reDetect                      re-scan interfaces on reconfiguration (default true)
 * @param serviceSocketsRequireAll      fail startup when a socket cannot be opened (default false)
 * @param serviceSocketsMaxRetries      retries to open sockets (default 0)
 * @param serviceSocketsRetryWaitTimeMs wait between retries, ms (default 5000)
 * @param userContext                   user context or {@code null}
 */
public record InterfacesConfig(List<String> interfaces, String dhcpSocketType, String outboundInterface,
                               boolean reDetect, boolean serviceSocketsRequireAll, long serviceSocketsMaxRetries,
                               long serviceSocketsRetryWaitTimeMs, JsonObject userContext) {
    /** Copies the list. */
    public InterfacesConfig {
        interfaces = List.copyOf(interfaces);
    }

    /** Kea's default: no interfaces (no sockets). */
    public static InterfacesConfig defaults(Family family) {
        return new InterfacesConfig(List.of(), family == Family.V4 ? "raw" : "udp", "same-as-inbound", true, false,
                0, 5000, null);
    }

    /** True when the wildcard {@code *} is listed. */
    public boolean wildcard() {
        return interfaces.contains("*");
    }
}

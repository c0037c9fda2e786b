package dev.nestor.control.commands;

import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonValue;
import dev.nestor.lease.Lease4;
import java.net.Inet6Address;

/** Lease JSON as Kea's {@code Lease4::toElement} writes it, and the address texts around it. */
final class LeaseJson {

    private LeaseJson() {
    }

    /** The lease map, keys in Kea's (sorted) order. */
    static JsonObject toJson(Lease4 lease) {
        JsonObject.Builder out = JsonObject.builder();
        if (!lease.clientId().isEmpty()) {
            out.put("client-id", lease.clientId().toString());
        }
        out.put("cltt", lease.cltt())
                .put("fqdn-fwd", lease.fqdnForward())
                .put("fqdn-rev", lease.fqdnReverse())
                .put("hostname", lease.hostname())
                .put("hw-address", lease.hardwareAddress().toString())
                .put("ip-address", addressText(lease.address()))
                .put("state", lease.state().code())
                .put("subnet-id", lease.subnetId());
        JsonValue context = userContext(lease);
        if (context != null) {
            out.put("user-context", context);
        }
        return out.put("valid-lft", lease.validLifetime()).build();
    }

    private static JsonValue userContext(Lease4 lease) {
        if (lease.userContext().isEmpty()) {
            return null;
        }
        try {
            return JsonParser.parseStrict(lease.userContext(), "user-context");
        } catch (JsonParseException e) {
            // a context the store accepted but that is not JSON (hand-edited file) is shown as absent
            return null;
        }
    }

    static String addressText(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    /**
     * Parses a dotted quad as {@code inet_pton} does (four decimal parts 0..255, no leading zeros).
     *
     * @return the address, or null when the text is not an IPv4 address
     */
    static Integer parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            address = address << 8 | value;
        }
        return address;
    }

    /** Whether the text is an IPv6 literal (never a name lookup). */
    static boolean isIpv6(String text) {
        if (text.indexOf(':') < 0) {
            return false;
        }
        try {
            return Inet6Address.ofLiteral(text) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

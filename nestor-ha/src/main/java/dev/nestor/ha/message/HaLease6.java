package dev.nestor.ha.message;

import dev.nestor.json.Json;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DHCPv6 lease as HA peers exchange it (lease-cmds.md §3.2): in {@code lease6-bulk-apply} (with {@code expire})
 * and in {@code lease6-get-page} answers (with {@code cltt}).
 *
 * @param prefixLength 128 for addresses; the delegated prefix length for {@code IA_PD}
 */
public record HaLease6(Inet6Address address, Type type, int prefixLength, long iaid, byte[] duid, long subnetId,
                       long cltt, long preferredLifetime, long validLifetime, boolean fqdnForward,
                       boolean fqdnReverse, String hostname, byte[] hardwareAddress, int state,
                       Optional<JsonObject> userContext) {

    /** Lease types, spelled as Kea spells them. */
    public enum Type {
        IA_NA, IA_TA, IA_PD
    }

    public HaLease6 {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        duid = duid.clone();
        hardwareAddress = hardwareAddress.clone();
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(userContext, "userContext");
    }

    @Override
    public byte[] duid() {
        return duid.clone();
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    public long expire() {
        return cltt + validLifetime;
    }

    /** Kea's compressed IPv6 text. */
    public String addressText() {
        return compress(address);
    }

    private Map<String, JsonValue> commonMembers() {
        Map<String, JsonValue> members = new HashMap<>();
        members.put("ip-address", Json.string(addressText()));
        members.put("type", Json.string(type.name()));
        if (type == Type.IA_PD) {
            members.put("prefix-len", Json.number(prefixLength));
        }
        members.put("iaid", Json.number(iaid));
        members.put("duid", Json.string(JsonFields.hex(duid)));
        members.put("subnet-id", Json.number(subnetId));
        members.put("preferred-lft", Json.number(preferredLifetime));
        members.put("valid-lft", Json.number(validLifetime));
        members.put("fqdn-fwd", Json.bool(fqdnForward));
        members.put("fqdn-rev", Json.bool(fqdnReverse));
        members.put("hostname", Json.string(hostname));
        if (hardwareAddress.length > 0) {
            members.put("hw-address", Json.string(JsonFields.hex(hardwareAddress)));
        }
        members.put("state", Json.number(state));
        userContext.ifPresent(context -> members.put("user-context", context));
        return members;
    }

    /** Output form (lease6-get-page answers). */
    public JsonObject toOutputJson() {
        Map<String, JsonValue> members = commonMembers();
        members.put("cltt", Json.number(cltt));
        return JsonFields.sortedObject(members);
    }

    /** Form used inside lease6-bulk-apply: {@code expire} instead of {@code cltt}. */
    public JsonObject toUpdateJson() {
        Map<String, JsonValue> members = commonMembers();
        members.put("expire", Json.number(expire()));
        return JsonFields.sortedObject(members);
    }

    /** Parses the output form with the strict rules of Kea's {@code Lease6::fromElement}. */
    public static HaLease6 fromOutputJson(JsonValue value) throws PeerMessageException {
        JsonObject object = JsonFields.map(value, "lease");
        long cltt = JsonFields.integer(object, "cltt");
        if (cltt <= 0) {
            throw new PeerMessageException("'cltt' parameter value " + cltt + " must be greater than 0");
        }
        return parse(object, cltt, JsonFields.integerInRange(object, "valid-lft", 0, 0xffffffffL));
    }

    /** Parses the update form (lease6-bulk-apply entries). */
    public static HaLease6 fromUpdateJson(JsonValue value, long nowSeconds) throws PeerMessageException {
        JsonObject object = JsonFields.map(value, "lease");
        long valid = JsonFields.integerInRange(object, "valid-lft", 0, 0xffffffffL);
        long cltt = nowSeconds;
        if (object.has("expire")) {
            long expire = JsonFields.integer(object, "expire");
            if (expire <= 0 || expire < valid) {
                throw new PeerMessageException("expiration time must be positive for newly created leases and"
                        + " not lower than valid-lft");
            }
            cltt = expire - valid;
        }
        return parse(object, cltt, valid);
    }

    private static HaLease6 parse(JsonObject object, long cltt, long valid) throws PeerMessageException {
        Inet6Address address = parseAddress(JsonFields.string(object, "ip-address"));
        String typeText = JsonFields.optionalString(object, "type").orElse("IA_NA");
        Type type;
        try {
            type = Type.valueOf(typeText);
        } catch (IllegalArgumentException e) {
            throw new PeerMessageException("Incorrect lease type: " + typeText, e);
        }
        int prefixLength = type == Type.IA_PD
                ? (int) JsonFields.integerInRange(object, "prefix-len", 1, 128) : 128;
        long iaid = JsonFields.integerInRange(object, "iaid", 0, 0xffffffffL);
        byte[] duid = JsonFields.parseHex(JsonFields.string(object, "duid"), "duid");
        if (duid.length == 0 || duid.length > 128) {
            throw new PeerMessageException("invalid 'duid' length: " + duid.length);
        }
        long subnetId = object.has("subnet-id") ? JsonFields.integerInRange(object, "subnet-id", 0, 0xffffffffL) : 0;
        long preferred = object.has("preferred-lft")
                ? JsonFields.integerInRange(object, "preferred-lft", 0, 0xffffffffL) : valid;
        byte[] hardware = object.has("hw-address")
                ? JsonFields.parseHex(JsonFields.string(object, "hw-address"), "hw-address") : new byte[0];
        return new HaLease6(address, type, prefixLength, iaid, duid, subnetId, cltt, preferred, valid,
                JsonFields.optionalBool(object, "fqdn-fwd", false), JsonFields.optionalBool(object, "fqdn-rev", false),
                JsonFields.optionalString(object, "hostname").orElse("").toLowerCase(Locale.ROOT), hardware,
                (int) (object.has("state") ? JsonFields.integerInRange(object, "state", 0, 2) : 0),
                JsonFields.optionalMap(object, "user-context"));
    }

    /** Parses IPv6 text without any name lookup. */
    public static Inet6Address parseAddress(String text) throws PeerMessageException {
        if (!text.contains(":") || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new PeerMessageException("Non-IPv6 address specified: " + text);
        }
        try {
            if (InetAddress.getByName(text) instanceof Inet6Address v6) {
                return v6;
            }
        } catch (UnknownHostException e) {
            throw new PeerMessageException("Non-IPv6 address specified: " + text, e);
        }
        throw new PeerMessageException("Non-IPv6 address specified: " + text);
    }

    /** RFC 5952 compressed text (longest run of zero groups replaced by ::). */
    static String compress(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HaLease6 o && o.address.equals(address) && o.type == type
                && o.prefixLength == prefixLength && o.iaid == iaid && Arrays.equals(o.duid, duid)
                && o.subnetId == subnetId && o.cltt == cltt && o.preferredLifetime == preferredLifetime
                && o.validLifetime == validLifetime && o.fqdnForward == fqdnForward && o.fqdnReverse == fqdnReverse
                && o.hostname.equals(hostname) && Arrays.equals(o.hardwareAddress, hardwareAddress)
                && o.state == state && o.userContext.equals(userContext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, type, prefixLength, iaid, Arrays.hashCode(duid), subnetId, cltt, validLifetime);
    }

    @Override
    public String toString() {
        return "HaLease6[" + addressText() + " " + type + "/" + prefixLength + " iaid " + iaid + " cltt " + cltt + "]";
    }
}

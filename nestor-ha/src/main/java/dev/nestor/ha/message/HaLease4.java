package dev.nestor.ha.message;

import dev.nestor.json.Json;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DHCPv4 lease as HA peers exchange it (lease-cmds.md §3.1): in {@code lease4-update}/{@code lease4-del}
 * (with {@code expire}, without {@code cltt}) and in {@code lease4-get-page} answers (with {@code cltt}).
 *
 * @param address         the leased address, as an unsigned 32-bit value in an int
 * @param subnetId        the subnet id (0 = let the receiver select it by address)
 * @param hardwareAddress chaddr bytes; empty for a declined lease
 * @param clientId        client identifier option payload (type byte included); empty when the lease has none
 * @param cltt            client last transaction time, Unix seconds
 * @param validLifetime   seconds; 4294967295 = infinite
 * @param hostname        lower-case host name, "" for none
 * @param state           0 default, 1 declined, 2 expired-reclaimed
 * @param userContext     the lease's user context, if any
 */
public record HaLease4(int address, long subnetId, byte[] hardwareAddress, byte[] clientId, long cltt,
                       long validLifetime, boolean fqdnForward, boolean fqdnReverse, String hostname, int state,
                       Optional<JsonObject> userContext) {

    public HaLease4 {
        hardwareAddress = hardwareAddress.clone();
        clientId = clientId.clone();
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(userContext, "userContext");
    }

    /** A plain lease with no DNS flags, host name or context. */
    public static HaLease4 of(int address, long subnetId, byte[] hardwareAddress, byte[] clientId, long cltt,
                              long validLifetime) {
        return new HaLease4(address, subnetId, hardwareAddress, clientId, cltt, validLifetime, false, false, "", 0,
                Optional.empty());
    }

    @Override
    public byte[] hardwareAddress() {
        return hardwareAddress.clone();
    }

    @Override
    public byte[] clientId() {
        return clientId.clone();
    }

    /** cltt + valid-lft: when the lease expires (Unix seconds). */
    public long expire() {
        return cltt + validLifetime;
    }

    /** The same lease with another cltt. */
    public HaLease4 withCltt(long newCltt) {
        return new HaLease4(address, subnetId, hardwareAddress, clientId, newCltt, validLifetime, fqdnForward,
                fqdnReverse, hostname, state, userContext);
    }

    /** Dotted-quad text of the address. */
    public String addressText() {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** The address as an {@link Inet4Address}. */
    public Inet4Address inetAddress() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (address >>> 24),
                    (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** Parses a dotted-quad IPv4 address into its int form. */
    public static int parseAddress(String text) throws PeerMessageException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new PeerMessageException("Non-IPv4 address specified: " + text);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new PeerMessageException("Non-IPv4 address specified: " + text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new PeerMessageException("Non-IPv4 address specified: " + text);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    /** The members common to every form: everything but cltt/expire. */
    private Map<String, JsonValue> commonMembers() {
        Map<String, JsonValue> members = new HashMap<>();
        members.put("ip-address", Json.string(addressText()));
        members.put("subnet-id", Json.number(subnetId));
        members.put("hw-address", Json.string(JsonFields.hex(hardwareAddress)));
        if (clientId.length > 0) {
            members.put("client-id", Json.string(JsonFields.hex(clientId)));
        }
        members.put("valid-lft", Json.number(validLifetime));
        members.put("fqdn-fwd", Json.bool(fqdnForward));
        members.put("fqdn-rev", Json.bool(fqdnReverse));
        members.put("hostname", Json.string(hostname));
        members.put("state", Json.number(state));
        userContext.ifPresent(context -> members.put("user-context", context));
        return members;
    }

    /** The output form Kea's lease commands return (with {@code cltt}), as in lease4-get-page answers. */
    public JsonObject toOutputJson() {
        Map<String, JsonValue> members = commonMembers();
        members.put("cltt", Json.number(cltt));
        return JsonFields.sortedObject(members);
    }

    /** The form HA sends in lease4-update/lease4-del: no {@code cltt}, {@code expire} = cltt + valid-lft. */
    public JsonObject toUpdateJson(boolean forceCreate) {
        Map<String, JsonValue> members = commonMembers();
        members.put("expire", Json.number(expire()));
        if (forceCreate) {
            members.put("force-create", Json.bool(true));
        }
        return JsonFields.sortedObject(members);
    }

    /**
     * Parses the output form (lease4-get-page answers) with the strict rules of Kea's {@code Lease4::fromElement}
     * (lease-cmds.md §3.3).
     */
    public static HaLease4 fromOutputJson(JsonValue value) throws PeerMessageException {
        JsonObject object = JsonFields.map(value, "lease");
        long cltt = JsonFields.integer(object, "cltt");
        if (cltt <= 0) {
            throw new PeerMessageException("'cltt' parameter value " + cltt + " must be greater than 0");
        }
        return parse(object, cltt, JsonFields.integerInRange(object, "valid-lft", 0, 0xffffffffL), true);
    }

    /**
     * Parses the update form HA peers send (lease4-update/lease4-del arguments): {@code cltt} = {@code expire} -
     * {@code valid-lft}, or {@code nowSeconds} when {@code expire} is absent.
     */
    public static HaLease4 fromUpdateJson(JsonValue value, long nowSeconds) throws PeerMessageException {
        JsonObject object = JsonFields.map(value, "arguments");
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
        return parse(object, cltt, valid, false);
    }

    private static HaLease4 parse(JsonObject object, long cltt, long valid, boolean strict)
            throws PeerMessageException {
        int address = parseAddress(JsonFields.string(object, "ip-address"));
        long subnetId = strict ? JsonFields.integerInRange(object, "subnet-id", 1, 0xffffffffL)
                : object.has("subnet-id") ? JsonFields.integerInRange(object, "subnet-id", 0, 0xffffffffL) : 0;
        byte[] hardware = JsonFields.parseHex(JsonFields.string(object, "hw-address"), "hw-address");
        if (hardware.length > 20) {
            throw new PeerMessageException("hw-address is too long: " + hardware.length + " bytes");
        }
        byte[] clientId = object.has("client-id")
                ? JsonFields.parseHex(JsonFields.string(object, "client-id"), "client-id") : new byte[0];
        boolean forward = strict ? JsonFields.bool(object, "fqdn-fwd") : JsonFields.optionalBool(object, "fqdn-fwd",
                false);
        boolean reverse = strict ? JsonFields.bool(object, "fqdn-rev") : JsonFields.optionalBool(object, "fqdn-rev",
                false);
        String hostname = strict ? JsonFields.string(object, "hostname")
                : JsonFields.optionalString(object, "hostname").orElse("");
        int state = (int) (strict ? JsonFields.integerInRange(object, "state", 0, 2)
                : object.has("state") ? JsonFields.integerInRange(object, "state", 0, 2) : 0);
        Optional<JsonObject> context = JsonFields.optionalMap(object, "user-context");
        return new HaLease4(address, subnetId, hardware, clientId, cltt, valid, forward, reverse,
                hostname.toLowerCase(java.util.Locale.ROOT), state, context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HaLease4 o && o.address == address && o.subnetId == subnetId
                && Arrays.equals(o.hardwareAddress, hardwareAddress) && Arrays.equals(o.clientId, clientId)
                && o.cltt == cltt && o.validLifetime == validLifetime && o.fqdnForward == fqdnForward
                && o.fqdnReverse == fqdnReverse && o.hostname.equals(hostname) && o.state == state
                && o.userContext.equals(userContext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, subnetId, Arrays.hashCode(hardwareAddress), Arrays.hashCode(clientId), cltt,
                validLifetime, hostname, state);
    }

    @Override
    public String toString() {
        return "HaLease4[" + addressText() + " subnet " + subnetId + " hw " + HexFormat.ofDelimiter(":")
                .formatHex(hardwareAddress) + " cltt " + cltt + " valid " + validLifetime + " state " + state + "]";
    }
}

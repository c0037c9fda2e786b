package dev.nestor.ha.message;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The commands one HA peer sends another (ha-protocol.md §11), as values. {@link #toJson(Service)} gives the
 * request body exactly as Kea 2.2 sends it (keys in Kea's order, {@code "service"} always present, integers without
 * decimals); {@link #parse(String, long)} reads what a Kea peer sends.
 */
public sealed interface PeerCommand {

    /** The command name on the wire ({@code "ha-heartbeat"}...). */
    String name();

    /** The {@code arguments} map, or empty when the command has none. */
    Optional<JsonObject> arguments();

    /** The request body: {@code {"arguments": ..., "command": ..., "service": [...]}}. */
    default JsonObject toJson(Service service) {
        Map<String, JsonValue> members = new HashMap<>();
        members.put("command", Json.string(name()));
        members.put("service", JsonArray.of(Json.string(service.keaName())));
        arguments().ifPresent(arguments -> members.put("arguments", arguments));
        return JsonFields.sortedObject(members);
    }

    /** {@code ha-heartbeat}. */
    record Heartbeat() implements PeerCommand {
        public String name() { return "ha-heartbeat"; }
        public Optional<JsonObject> arguments() { return Optional.empty(); }
    }

    /** {@code lease4-update} with {@code force-create: true}: a lease was allocated, renewed or declined. */
    record Lease4Update(HaLease4 lease) implements PeerCommand {
        public Lease4Update {
            Objects.requireNonNull(lease, "lease");
        }
        public String name() { return "lease4-update"; }
        public Optional<JsonObject> arguments() { return Optional.of(lease.toUpdateJson(true)); }
    }

    /** {@code lease4-del}: a lease was released or the client moved to another address. */
    record Lease4Delete(HaLease4 lease) implements PeerCommand {
        public Lease4Delete {
            Objects.requireNonNull(lease, "lease");
        }
        public String name() { return "lease4-del"; }
        public Optional<JsonObject> arguments() { return Optional.of(lease.toUpdateJson(false)); }
    }

    /** {@code lease6-bulk-apply}: every DHCPv6 lease change of one query; both lists always present. */
    record Lease6BulkApply(List<HaLease6> deletedLeases, List<HaLease6> leases) implements PeerCommand {
        public Lease6BulkApply {
            deletedLeases = List.copyOf(deletedLeases);
            leases = List.copyOf(leases);
        }
        public String name() { return "lease6-bulk-apply"; }
        public Optional<JsonObject> arguments() {
            JsonArray.Builder deleted = JsonArray.builder();
            deletedLeases.forEach(lease -> deleted.add(lease.toUpdateJson()));
            JsonArray.Builder added = JsonArray.builder();
            leases.forEach(lease -> added.add(lease.toUpdateJson()));
            return Optional.of(JsonFields.sortedObject(Map.of("deleted-leases", deleted.build(), "leases",
                    added.build())));
        }
    }

    /** {@code lease4-get-page} / {@code lease6-get-page}: {@code from} is "start" or the last address received. */
    record LeaseGetPage(Service family, String from, long limit) implements PeerCommand {
        public LeaseGetPage {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(from, "from");
        }
        public String name() { return family == Service.DHCP4 ? "lease4-get-page" : "lease6-get-page"; }
        public Optional<JsonObject> arguments() {
            return Optional.of(JsonFields.sortedObject(Map.of("from", Json.string(from), "limit",
                    Json.number(limit))));
        }
    }

    /** {@code dhcp-disable} with a string origin ({@code "ha-partner"}); max-period omitted when empty. */
    record DhcpDisable(String origin, OptionalLong maxPeriodSeconds) implements PeerCommand {
        public DhcpDisable {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(maxPeriodSeconds, "maxPeriodSeconds");
        }
        public String name() { return "dhcp-disable"; }
        public Optional<JsonObject> arguments() {
            Map<String, JsonValue> members = new HashMap<>();
            members.put("origin", Json.string(origin));
            maxPeriodSeconds.ifPresent(seconds -> members.put("max-period", Json.number(seconds)));
            return Optional.of(JsonFields.sortedObject(members));
        }
    }

    /** {@code dhcp-enable} with a string origin. */
    record DhcpEnable(String origin) implements PeerCommand {
        public DhcpEnable {
            Objects.requireNonNull(origin, "origin");
        }
        public String name() { return "dhcp-enable"; }
        public Optional<JsonObject> arguments() {
            return Optional.of(JsonFields.sortedObject(Map.of("origin", Json.string(origin))));
        }
    }

    /** {@code ha-sync-complete-notify}: the sender finished syncing from the receiver. */
    record SyncCompleteNotify() implements PeerCommand {
        public String name() { return "ha-sync-complete-notify"; }
        public Optional<JsonObject> arguments() { return Optional.empty(); }
    }

    /** {@code ha-maintenance-notify}: go to (or, with cancel, leave) in-maintenance. */
    record MaintenanceNotify(boolean cancel) implements PeerCommand {
        public String name() { return "ha-maintenance-notify"; }
        public Optional<JsonObject> arguments() {
            return Optional.of(JsonFields.sortedObject(Map.of("cancel", Json.bool(cancel))));
        }
    }

    /** {@code ha-reset}: back to waiting. */
    record Reset() implements PeerCommand {
        public String name() { return "ha-reset"; }
        public Optional<JsonObject> arguments() { return Optional.empty(); }
    }

    /** The origin string HA uses in dhcp-disable/dhcp-enable towards a Kea 2.2 peer. */
    String ORIGIN_HA_PARTNER = "ha-partner";

    /**
     * Parses a request body into a peer command, or the answer to send back when it cannot be used: result 1 for a
     * malformed request, result 2 for a command this parser does not handle (so a Kea peer falls back, e.g. from
     * ha-sync-complete-notify to dhcp-enable).
     *
     * @param body       the request body (a JSON map)
     * @param nowSeconds the receiver's time, for lease updates without {@code expire}
     */
    static Parsed parse(String body, long nowSeconds) {
        JsonValue value;
        try {
            value = JsonParser.parseStrict(body, "<request>");
        } catch (JsonParseException e) {
            // what Kea's HTTP layer answers to a body that is not JSON
            return new Parsed.Rejected(new PeerAnswer(400, "Bad Request", Optional.empty()));
        }
        return parse(value, nowSeconds);
    }

    /** As {@link #parse(String, long)}, from parsed JSON. */
    static Parsed parse(JsonValue request, long nowSeconds) {
        if (!(request instanceof JsonObject object)) {
            return new Parsed.Rejected(PeerAnswer.error("invalid command: expected a map, got " + request.typeName()));
        }
        if (!(object.get("command") instanceof JsonString commandName)) {
            return new Parsed.Rejected(PeerAnswer.error(object.has("command")
                    ? "'command' parameter must be a string" : "missing mandatory 'command' parameter"));
        }
        String name = commandName.value();
        try {
            Optional<JsonObject> arguments = JsonFields.optionalMap(object, "arguments");
            PeerCommand command = switch (name) {
                case "ha-heartbeat" -> new Heartbeat();
                case "ha-sync-complete-notify" -> new SyncCompleteNotify();
                case "ha-reset" -> new Reset();
                case "lease4-update" -> new Lease4Update(HaLease4.fromUpdateJson(required(arguments), nowSeconds));
                case "lease4-del" -> new Lease4Delete(HaLease4.fromUpdateJson(required(arguments), nowSeconds));
                case "lease6-bulk-apply" -> bulkApply(required(arguments), nowSeconds);
                case "lease4-get-page", "lease6-get-page" -> {
                    JsonObject page = required(arguments);
                    long limit = JsonFields.integer(page, "limit");
                    if (limit <= 0 || limit > 0xffffffffL) {
                        throw new PeerMessageException("page size of retrieved leases must not be 0");
                    }
                    yield new LeaseGetPage(name.startsWith("lease4") ? Service.DHCP4 : Service.DHCP6,
                            JsonFields.string(page, "from"), limit);
                }
                case "dhcp-disable" -> {
                    JsonObject disable = arguments.orElse(JsonObject.EMPTY);
                    OptionalLong maxPeriod = JsonFields.optionalInteger(disable, "max-period");
                    if (maxPeriod.isPresent() && maxPeriod.getAsLong() <= 0) {
                        throw new PeerMessageException("'max-period' must be positive integer");
                    }
                    yield new DhcpDisable(origin(disable), maxPeriod);
                }
                case "dhcp-enable" -> new DhcpEnable(origin(arguments.orElse(JsonObject.EMPTY)));
                case "ha-maintenance-notify" -> new MaintenanceNotify(JsonFields.bool(required(arguments), "cancel"));
                default -> null;
            };
            if (command == null) {
                return new Parsed.Rejected(new PeerAnswer(2, "'" + name + "' command not supported.",
                        Optional.empty()));
            }
            return new Parsed.Accepted(command);
        } catch (PeerMessageException e) {
            return new Parsed.Rejected(PeerAnswer.error(e.getMessage()));
        }
    }

    private static JsonObject required(Optional<JsonObject> arguments) throws PeerMessageException {
        return arguments.orElseThrow(() -> new PeerMessageException("arguments not specified"));
    }

    /** Kea 2.2 accepts only the strings "ha-partner" and "user" (default "user"). */
    private static String origin(JsonObject arguments) throws PeerMessageException {
        if (!arguments.has("origin")) {
            return "user";
        }
        if (arguments.get("origin") instanceof JsonString string
                && (string.value().equals(ORIGIN_HA_PARTNER) || string.value().equals("user"))) {
            return string.value();
        }
        throw new PeerMessageException("invalid value used for 'origin' parameter");
    }

    private static Lease6BulkApply bulkApply(JsonObject arguments, long nowSeconds) throws PeerMessageException {
        if (!arguments.has("deleted-leases") && !arguments.has("leases")) {
            throw new PeerMessageException("neither 'deleted-leases' nor 'leases' parameter specified");
        }
        List<HaLease6> deleted = new ArrayList<>();
        if (arguments.has("deleted-leases")) {
            for (JsonValue lease : JsonFields.list(arguments, "deleted-leases")) {
                deleted.add(HaLease6.fromUpdateJson(lease, nowSeconds));
            }
        }
        List<HaLease6> leases = new ArrayList<>();
        if (arguments.has("leases")) {
            for (JsonValue lease : JsonFields.list(arguments, "leases")) {
                leases.add(HaLease6.fromUpdateJson(lease, nowSeconds));
            }
        }
        return new Lease6BulkApply(deleted, leases);
    }

    /** The outcome of parsing a request. */
    sealed interface Parsed {
        record Accepted(PeerCommand command) implements Parsed { }

        record Rejected(PeerAnswer answer) implements Parsed { }
    }
}

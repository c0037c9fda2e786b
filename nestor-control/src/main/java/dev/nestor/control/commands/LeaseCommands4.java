package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.ResultCode;
import dev.nestor.control.engine.LeaseChanges4;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.json.JsonWriter;
import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.LeaseStore4;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.stats.StatisticsRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kea's {@code lease_cmds} DHCPv4 commands over a {@link LeaseStore4}: {@code lease4-add},
 * {@code lease4-update}, {@code lease4-del}, {@code lease4-get}, {@code lease4-get-all},
 * {@code lease4-get-page}, {@code lease4-get-by-hw-address}, {@code lease4-get-by-client-id},
 * {@code lease4-get-by-hostname}, {@code lease4-wipe}. Arguments, result codes and texts are Kea
 * 2.2's (result 1 where 2.4 would answer 4). Changes keep the per-subnet
 * {@code assigned-addresses}/{@code declined-addresses} and global {@code declined-addresses}
 * statistics in step, as Kea does; DHCP hooks (and so HA lease updates) do not fire for them.
 */
public final class LeaseCommands4 {

    private static final long UINT32_MAX = 0xffff_ffffL;

    private final LeaseStore4 store;
    private final LeaseChanges4 changes;
    private final Supplier<SubnetCatalog4> subnets;
    private final StatisticsRegistry statistics;
    private final Clock clock;

    /**
     * @param store      where leases are read
     * @param changes    where they are written: through the engine when one runs ({@link LeaseChanges4#through})
     * @param subnets    the running configuration's subnets, read on every command (it changes with config-set)
     * @param statistics for the subnet counters {@code lease4-wipe} zeroes
     */
    public LeaseCommands4(LeaseStore4 store, LeaseChanges4 changes, Supplier<SubnetCatalog4> subnets,
            StatisticsRegistry statistics, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.subnets = Objects.requireNonNull(subnets, "subnets");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The command names this class registers. */
    public static final List<String> COMMANDS = List.of("lease4-add", "lease4-del", "lease4-get", "lease4-get-all",
            "lease4-get-by-client-id", "lease4-get-by-hostname", "lease4-get-by-hw-address", "lease4-get-page",
            "lease4-update", "lease4-wipe");

    /** Registers every command. */
    public void register(CommandRegistry registry) {
        registry.register("lease4-add", this::add);
        registry.register("lease4-update", this::update);
        registry.register("lease4-del", this::delete);
        registry.register("lease4-get", this::get);
        registry.register("lease4-get-all", this::getAll);
        registry.register("lease4-get-page", this::getPage);
        registry.register("lease4-get-by-hw-address", this::getByHardwareAddress);
        registry.register("lease4-get-by-client-id", this::getByClientId);
        registry.register("lease4-get-by-hostname", this::getByHostname);
        registry.register("lease4-wipe", this::wipe);
    }

    // ---- add / update

    ControlAnswer add(ControlCommand command) throws CommandFailure {
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("no parameters specified for the command");
        }
        Lease4 lease = parseLease(arguments);
        try {
            if (!changes.add(lease)) {
                throw CommandFailure.error("IPv4 lease already exists.");
            }
        } catch (LeaseStoreException e) {
            throw CommandFailure.error(e.getMessage());
        }
        return ControlAnswer.success("Lease for address " + LeaseJson.addressText(lease.address()) + ", subnet-id "
                + lease.subnetId() + " added.");
    }

    ControlAnswer update(ControlCommand command) throws CommandFailure {
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("no parameters specified for lease4-update command");
        }
        Lease4 lease = parseLease(arguments);
        boolean forceCreate = KeaParameters.optionalBoolean(arguments, "force-create", false);
        String failed = "failed to update the lease with address " + LeaseJson.addressText(lease.address())
                + " either because the lease has been deleted or it has changed in the database, in both cases a"
                + " retry might succeed";
        try {
            if (changes.update(lease)) {
                return ControlAnswer.success("IPv4 lease updated.");
            }
            if (!forceCreate || !changes.add(lease)) {
                throw CommandFailure.error(failed);
            }
            return ControlAnswer.success("IPv4 lease added.");
        } catch (LeaseStoreException e) {
            throw CommandFailure.error(e.getMessage());
        }
    }

    /** Kea's {@code Lease4Parser}: the lease fields directly in the arguments. */
    private Lease4 parseLease(JsonObject arguments) throws CommandFailure {
        String addressText = KeaParameters.requiredString(arguments, "ip-address");
        Integer parsed = LeaseJson.parseIpv4(addressText);
        if (parsed == null) {
            if (LeaseJson.isIpv6(addressText)) {
                throw CommandFailure.error("Non-IPv4 address specified: " + addressText);
            }
            throw CommandFailure.error("Failed to convert '" + addressText + "' to address: Failed to convert string to"
                    + " address '" + addressText + "': Invalid argument" + KeaParameters.where(arguments.get("ip-address")));
        }
        int address = parsed;
        Identifier hardwareAddress = KeaHex.hardwareAddress(KeaParameters.requiredString(arguments, "hw-address"));
        long subnetId = KeaParameters.optionalUnsigned(arguments, "subnet-id", UINT32_MAX, 0);
        SubnetCatalog4 catalog = subnets.get();
        SubnetCatalog4.Subnet subnet;
        if (subnetId == 0) {
            subnet = catalog.containing(address).orElseThrow(() -> CommandFailure.error(
                    "subnet-id not specified and failed to find a subnet for address " + addressText));
        } else {
            subnet = catalog.byId(subnetId).orElseThrow(() -> CommandFailure.error(
                    "Invalid subnet-id: No IPv4 subnet with subnet-id=" + subnetId + " currently configured."));
            if (!subnet.contains(address)) {
                throw CommandFailure.error("The address " + addressText + " does not belong to subnet " + subnet.text()
                        + ", subnet-id=" + subnetId);
            }
        }
        Identifier clientId = Identifier.EMPTY;
        if (arguments.has("client-id")) {
            clientId = KeaHex.clientId(KeaParameters.requiredString(arguments, "client-id"));
        }
        long validLifetime = KeaParameters.optionalUnsigned(arguments, "valid-lft", UINT32_MAX, subnet.validLifetime());
        long cltt;
        if (arguments.has("expire")) {
            long expire = KeaParameters.optionalInteger(arguments, "expire", 0);
            if (expire <= 0) {
                throw CommandFailure.error("expiration time must be positive for address " + addressText);
            }
            if (expire < validLifetime) {
                throw CommandFailure.error("expiration time must be greater than valid lifetime for address " + addressText);
            }
            cltt = expire - validLifetime;
        } else {
            cltt = clock.instant().getEpochSecond();
        }
        boolean forward = KeaParameters.optionalBoolean(arguments, "fqdn-fwd", false);
        boolean reverse = KeaParameters.optionalBoolean(arguments, "fqdn-rev", false);
        String hostname = KeaParameters.optionalString(arguments, "hostname", "");
        if ((forward || reverse) && hostname.isEmpty()) {
            throw CommandFailure.error("No hostname specified and either forward or reverse fqdn was set to true.");
        }
        long stateCode = KeaParameters.optionalUnsigned(arguments, "state", UINT32_MAX, 0);
        if (stateCode > LeaseState.EXPIRED_RECLAIMED.code()) {
            throw CommandFailure.error("Invalid state value: " + stateCode
                    + ", supported values are: 0 (default), 1 (declined) and 2 (expired-reclaimed)");
        }
        String userContext = userContext(arguments);
        return Lease4.builder(address)
                .hardwareAddress(hardwareAddress)
                .clientId(clientId)
                .validLifetime(validLifetime)
                .cltt(cltt)
                .subnetId(subnet.id())
                .fqdnForward(forward)
                .fqdnReverse(reverse)
                .hostname(hostname.toLowerCase(java.util.Locale.ROOT))
                .state(LeaseState.ofCode(stateCode))
                .userContext(userContext)
                .build();
    }

    private static String userContext(JsonObject arguments) throws CommandFailure {
        JsonValue context = arguments.get("user-context");
        JsonValue comment = arguments.get("comment");
        if (context == null && comment == null) {
            return "";
        }
        JsonObject map = JsonObject.EMPTY;
        if (context != null) {
            if (!(context instanceof JsonObject contextMap)) {
                throw CommandFailure.error("Invalid user context '" + KeaJsonText.str(context) + "' is not a JSON map.");
            }
            map = contextMap;
        }
        if (comment != null) {
            if (map.has("comment")) {
                throw CommandFailure.error("Duplicated comment entry '" + KeaJsonText.str(comment) + "' in user context '"
                        + KeaJsonText.str(map) + "'");
            }
            map = map.with("comment", comment);
        }
        return JsonWriter.compact(sorted(map));
    }

    /** Kea keeps maps sorted by key; so does the stored user context. */
    private static JsonObject sorted(JsonObject map) {
        JsonObject.Builder out = JsonObject.builder();
        map.keys().stream().sorted().forEach(key -> out.put(key, map.get(key)));
        return out.build();
    }

    // ---- get / del

    private record Selector(Integer address, String identifierType, Identifier identifier, long subnetId) {
    }

    /** Kea's {@code getParameters}: by address, or by subnet-id + identifier-type + identifier. */
    private static Selector selector(ControlCommand command) throws CommandFailure {
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("Parameters missing or are not a map.");
        }
        JsonValue addressValue = arguments.get("ip-address");
        if (addressValue != null) {
            if (!(addressValue instanceof JsonString addressString)) {
                throw CommandFailure.error("'ip-address' is not a string.");
            }
            String text = addressString.value();
            Integer address = LeaseJson.parseIpv4(text);
            if (address == null) {
                if (LeaseJson.isIpv6(text)) {
                    throw CommandFailure.error("Invalid IPv4 address specified: " + text);
                }
                throw CommandFailure.error("Failed to convert string to address '" + text + "': Invalid argument");
            }
            return new Selector(address, "address", null, 0);
        }
        JsonValue subnetValue = arguments.get("subnet-id");
        if (subnetValue == null) {
            throw CommandFailure.error("Mandatory 'subnet-id' parameter missing.");
        }
        if (!(subnetValue instanceof JsonNumber subnetNumber) || !subnetNumber.isIntegral()) {
            throw CommandFailure.error("'subnet-id' parameter is not integer.");
        }
        if (!(arguments.get("identifier-type") instanceof JsonString type)) {
            throw CommandFailure.error("No 'ip-address' provided and 'identifier-type' is either missing or not a string.");
        }
        if (!(arguments.get("identifier") instanceof JsonString identifier)) {
            throw CommandFailure.error("No 'ip-address' provided and 'identifier' is either missing or not a string.");
        }
        Identifier parsed = switch (type.value()) {
            case "hw-address" -> KeaHex.hardwareAddress(identifier.value());
            case "client-id" -> KeaHex.clientId(identifier.value());
            case "address", "duid" -> null;
            default -> throw CommandFailure.error("Incorrect identifier type: " + type.value()
                    + ", the only supported values are: address, hw-address, duid");
        };
        return new Selector(null, type.value(), parsed, subnetNumber.longValue());
    }

    private Optional<Lease4> find(Selector selector) {
        if (selector.address() != null) {
            return store.get(selector.address());
        }
        return switch (selector.identifierType()) {
            case "hw-address" -> store.getByHardwareAddress(selector.identifier(), selector.subnetId());
            case "client-id" -> store.getByClientId(selector.identifier(), selector.subnetId());
            // Kea looks up the unset address, which never holds a lease
            default -> Optional.empty();
        };
    }

    ControlAnswer get(ControlCommand command) throws CommandFailure {
        Selector selector = selector(command);
        if ("duid".equals(selector.identifierType())) {
            throw CommandFailure.error("Query by duid is not allowed in v4.");
        }
        return find(selector)
                .map(lease -> ControlAnswer.success("IPv4 lease found.", LeaseJson.toJson(lease)))
                .orElseGet(() -> ControlAnswer.empty("Lease not found."));
    }

    ControlAnswer delete(ControlCommand command) throws CommandFailure {
        Selector selector = selector(command);
        if ("duid".equals(selector.identifierType())) {
            throw CommandFailure.error("Delete by duid is not allowed in v4.");
        }
        JsonObject arguments = (JsonObject) command.arguments();
        if (arguments.has("update-ddns") && !(arguments.get("update-ddns") instanceof JsonBoolean)) {
            throw CommandFailure.error("'update-ddns' is not a boolean");
        }
        Optional<Lease4> found = find(selector);
        if (found.isEmpty()) {
            return ControlAnswer.empty("IPv4 lease not found.");
        }
        try {
            if (changes.delete(found.get().address()).isEmpty()) {
                return ControlAnswer.empty("IPv4 lease not found.");
            }
        } catch (LeaseStoreException e) {
            throw CommandFailure.error(e.getMessage());
        }
        return ControlAnswer.success("IPv4 lease deleted.");
    }

    // ---- lists

    private static ControlAnswer leaseList(List<Lease4> leases) {
        JsonArray.Builder list = JsonArray.builder();
        leases.forEach(lease -> list.add(LeaseJson.toJson(lease)));
        JsonObject arguments = JsonObject.builder().put("leases", list).build();
        String text = leases.size() + " IPv4 lease(s) found.";
        return new ControlAnswer(leases.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS, text, arguments);
    }

    ControlAnswer getAll(ControlCommand command) throws CommandFailure {
        if (command.arguments() == null) {
            return leaseList(store.getAll());
        }
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("get(string) called on a non-map Element in " + KeaParameters.where(command.arguments()));
        }
        JsonValue subnetsValue = arguments.get("subnets");
        if (subnetsValue == null) {
            throw CommandFailure.error("'subnets' parameter not specified");
        }
        if (!(subnetsValue instanceof JsonArray subnetIds)) {
            throw CommandFailure.error("'subnets' parameter must be a list");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonValue id : subnetIds) {
            if (!(id instanceof JsonNumber number) || !number.isIntegral()) {
                throw CommandFailure.error("listed subnet identifiers must be numbers");
            }
            ids.add(number.longValue());
        }
        List<Lease4> leases = new ArrayList<>();
        for (long id : ids) {
            leases.addAll(store.getBySubnet(id));
        }
        return leaseList(leases);
    }

    ControlAnswer getPage(ControlCommand command) throws CommandFailure {
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("no parameters specified for the lease4-get-page command");
        }
        JsonValue from = arguments.get("from");
        if (from == null) {
            throw CommandFailure.error("'from' parameter not specified");
        }
        if (!(from instanceof JsonString fromText)) {
            throw CommandFailure.error("'from' parameter must be a string");
        }
        int after;
        if (fromText.value().equals("start")) {
            after = 0;
        } else {
            Integer address = LeaseJson.parseIpv4(fromText.value());
            if (address == null) {
                if (LeaseJson.isIpv6(fromText.value())) {
                    throw CommandFailure.error("'from' parameter value " + fromText.value() + " is not an IPv4 address");
                }
                throw CommandFailure.error("'from' parameter value is neither 'start' keyword nor a valid IPv4 address");
            }
            after = address;
        }
        JsonValue limitValue = arguments.get("limit");
        if (limitValue == null) {
            throw CommandFailure.error("'limit' parameter not specified");
        }
        if (!(limitValue instanceof JsonNumber limitNumber) || !limitNumber.isIntegral()) {
            throw CommandFailure.error("'limit' parameter must be a number");
        }
        long limit = limitNumber.longValue();
        if (limit == 0) {
            throw CommandFailure.error("page size of retrieved leases must not be 0");
        }
        if (limit < 0 || limit > UINT32_MAX) {
            throw CommandFailure.error("page size of retrieved leases must not be greater than 4294967295");
        }
        List<Lease4> page = store.getPage(after, (int) Math.min(limit, Integer.MAX_VALUE));
        JsonArray.Builder list = JsonArray.builder();
        page.forEach(lease -> list.add(LeaseJson.toJson(lease)));
        JsonObject result = JsonObject.builder().put("count", page.size()).put("leases", list).build();
        return new ControlAnswer(page.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS,
                page.size() + " IPv4 lease(s) found.", result);
    }

    private static String byArgument(ControlCommand command, String key) throws CommandFailure {
        if (!(command.arguments() instanceof JsonObject arguments)) {
            throw CommandFailure.error("Command arguments missing or a not a map.");
        }
        JsonValue value = arguments.get(key);
        if (value == null) {
            throw CommandFailure.error("'" + key + "' parameter not specified");
        }
        if (!(value instanceof JsonString text)) {
            throw CommandFailure.error("'" + key + "' parameter must be a string");
        }
        return text.value();
    }

    ControlAnswer getByHardwareAddress(ControlCommand command) throws CommandFailure {
        Identifier hardwareAddress = KeaHex.hardwareAddress(byArgument(command, "hw-address"));
        if (hardwareAddress.isEmpty()) {
            // declined leases carry no hardware address; Kea finds them by the empty one, the store's index does not
            return leaseList(store.getAll().stream().filter(lease -> lease.hardwareAddress().isEmpty()).toList());
        }
        return leaseList(store.getByHardwareAddress(hardwareAddress));
    }

    ControlAnswer getByClientId(ControlCommand command) throws CommandFailure {
        return leaseList(store.getByClientId(KeaHex.clientId(byArgument(command, "client-id"))));
    }

    ControlAnswer getByHostname(ControlCommand command) throws CommandFailure {
        String hostname = byArgument(command, "hostname");
        if (hostname.isEmpty()) {
            throw CommandFailure.error("'hostname' parameter is empty");
        }
        return leaseList(store.getByHostname(hostname.toLowerCase(java.util.Locale.ROOT)));
    }

    // ---- wipe

    ControlAnswer wipe(ControlCommand command) throws CommandFailure {
        long subnetId = 0;
        if (command.arguments() instanceof JsonObject arguments) {
            subnetId = KeaParameters.optionalUnsigned(arguments, "subnet-id", UINT32_MAX, 0);
        }
        List<Long> ids = new ArrayList<>();
        if (subnetId == 0) {
            subnets.get().subnets().forEach(subnet -> ids.add(subnet.id()));
        } else {
            ids.add(subnetId);
        }
        long deleted = 0;
        try {
            for (long id : ids) {
                // one by one, so the engine frees each address in its pools
                for (Lease4 lease : store.getBySubnet(id)) {
                    if (changes.delete(lease.address()).isPresent()) {
                        deleted++;
                    }
                }
                // as Kea: the wiped subnet's counters start again from zero
                statistics.statistic(subnetStatistic(id, "assigned-addresses")).set(0);
                statistics.statistic(subnetStatistic(id, "declined-addresses")).set(0);
            }
        } catch (LeaseStoreException e) {
            throw CommandFailure.error(e.getMessage());
        }
        StringBuilder text = new StringBuilder("Deleted ").append(deleted).append(" IPv4 lease(s) from subnet(s)");
        ids.forEach(id -> text.append(' ').append(id));
        return new ControlAnswer(deleted > 0 ? ResultCode.SUCCESS : ResultCode.EMPTY, text.toString(), null);
    }

    // ---- statistics

    private static String subnetStatistic(long subnetId, String name) {
        return "subnet[" + subnetId + "]." + name;
    }
}

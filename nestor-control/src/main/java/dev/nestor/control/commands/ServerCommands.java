package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.engine.DhcpServiceSwitch;
import dev.nestor.control.engine.LeaseReclamation;
import dev.nestor.control.engine.ServerStatus;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Commands that act on the running engine: {@code status-get}, {@code dhcp-disable},
 * {@code dhcp-enable} and {@code leases-reclaim}. Other modules (HA) add their own maps to
 * {@code status-get} through {@link #addStatus}.
 */
public final class ServerCommands {

    private final Supplier<ServerStatus> status;
    private final DhcpServiceSwitch serviceSwitch;
    private final LeaseReclamation reclamation;
    private final Map<String, Supplier<JsonValue>> statusParts = new ConcurrentHashMap<>();

    public ServerCommands(Supplier<ServerStatus> status, DhcpServiceSwitch serviceSwitch, LeaseReclamation reclamation) {
        this.status = Objects.requireNonNull(status, "status");
        this.serviceSwitch = Objects.requireNonNull(serviceSwitch, "serviceSwitch");
        this.reclamation = Objects.requireNonNull(reclamation, "reclamation");
    }

    /** Adds a key to {@code status-get}'s arguments (e.g. {@code high-availability}); its value is read per call. */
    public void addStatus(String key, Supplier<JsonValue> part) {
        statusParts.put(key, part);
    }

    /** Removes a key added by {@link #addStatus} (e.g. when the HA hook is unloaded), so status-get omits it as Kea does. */
    public void removeStatus(String key) {
        statusParts.remove(key);
    }

    /** Registers the four commands. */
    public void register(CommandRegistry registry) {
        registry.register("status-get", command -> ControlAnswer.success(null, statusArguments()));
        registry.register("dhcp-disable", this::disable);
        registry.register("dhcp-enable", this::enable);
        registry.register("leases-reclaim", this::reclaim);
    }

    private JsonObject statusArguments() {
        ServerStatus current = status.get();
        Map<String, JsonValue> members = new TreeMap<>();
        members.put("pid", JsonNumber.of(current.pid()));
        members.put("uptime", JsonNumber.of(current.uptimeSeconds()));
        members.put("reload", JsonNumber.of(current.reloadSeconds()));
        members.put("multi-threading-enabled", JsonBoolean.of(current.multiThreading()));
        if (current.multiThreading()) {
            current.threadPoolSize().ifPresent(size -> members.put("thread-pool-size", JsonNumber.of(size)));
            current.packetQueueSize().ifPresent(size -> members.put("packet-queue-size", JsonNumber.of(size)));
            if (!current.queueStatistics().isEmpty()) {
                JsonArray.Builder queue = JsonArray.builder();
                current.queueStatistics().forEach(value -> queue.add(JsonNumber.of(value)));
                members.put("packet-queue-statistics", queue.build());
            }
        }
        JsonObject.Builder sockets = JsonObject.builder();
        if (!current.socketErrors().isEmpty()) {
            JsonArray.Builder errors = JsonArray.builder();
            current.socketErrors().forEach(errors::add);
            sockets.put("errors", errors);
        }
        members.put("sockets", sockets.put("status", current.socketStatus()).build());
        statusParts.forEach((key, part) -> members.put(key, part.get()));
        JsonObject.Builder out = JsonObject.builder();
        members.forEach(out::put);
        return out.build();
    }

    private static JsonObject optionalArguments(ControlCommand command) throws CommandFailure {
        if (command.arguments() == null) {
            return JsonObject.EMPTY;
        }
        if (!(command.arguments() instanceof JsonObject map)) {
            throw CommandFailure.error("arguments for the '" + command.name() + "' command must be a map");
        }
        return map;
    }

    private static DhcpServiceSwitch.Origin origin(JsonObject arguments) throws CommandFailure {
        JsonValue value = arguments.get("origin");
        if (value == null) {
            return DhcpServiceSwitch.Origin.USER;
        }
        if (!(value instanceof JsonString text)) {
            throw CommandFailure.error("'origin' argument must be a string");
        }
        DhcpServiceSwitch.Origin origin = DhcpServiceSwitch.Origin.of(text.value());
        if (origin == null) {
            throw CommandFailure.error("invalid value used for 'origin' parameter: " + text.value());
        }
        return origin;
    }

    private ControlAnswer disable(ControlCommand command) throws CommandFailure {
        JsonObject arguments = optionalArguments(command);
        OptionalLong maxPeriod = OptionalLong.empty();
        JsonValue period = arguments.get("max-period");
        if (period != null) {
            if (!(period instanceof JsonNumber number) || !number.isIntegral()) {
                throw CommandFailure.error("'max-period' argument must be a number");
            }
            if (number.longValue() <= 0) {
                throw CommandFailure.error("'max-period' must be positive integer");
            }
            maxPeriod = OptionalLong.of(number.longValue());
        }
        DhcpServiceSwitch.Origin origin = origin(arguments);
        serviceSwitch.disable(origin, maxPeriod);
        return ControlAnswer.success("DHCPv4 service disabled"
                + (maxPeriod.isPresent() ? " for " + maxPeriod.getAsLong() + " seconds" : ""));
    }

    private ControlAnswer enable(ControlCommand command) throws CommandFailure {
        serviceSwitch.enable(origin(optionalArguments(command)));
        return ControlAnswer.success("DHCP service successfully enabled");
    }

    private ControlAnswer reclaim(ControlCommand command) throws CommandFailure {
        if (command.arguments() != null && !(command.arguments() instanceof JsonObject)) {
            throw CommandFailure.error("Error during command processing: get(string) called on a non-map Element in "
                    + KeaParameters.where(command.arguments()));
        }
        JsonValue remove = command.arguments() == null ? null : ((JsonObject) command.arguments()).get("remove");
        if (remove == null) {
            throw CommandFailure.error("Missing mandatory 'remove' parameter.");
        }
        if (!(remove instanceof JsonBoolean flag)) {
            throw CommandFailure.error("'remove' parameter expected to be a boolean.");
        }
        try {
            reclamation.reclaimAll(flag.value());
        } catch (Exception e) {
            throw CommandFailure.error("Reclamation of expired leases failed: " + e.getMessage());
        }
        return ControlAnswer.success("Reclamation of expired leases is complete.");
    }
}

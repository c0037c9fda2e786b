package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.control.ResultCode;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read side of Kea's {@code subnet_cmds}: {@code subnet4-list} ({@code id} and {@code subnet}
 * of every subnet) and {@code subnet4-get} (one subnet by {@code id} or {@code subnet} prefix,
 * under {@code arguments.subnet4}), with Kea's texts.
 */
public final class SubnetCommands {

    private final Supplier<SubnetCatalog4> subnets;

    public SubnetCommands(Supplier<SubnetCatalog4> subnets) {
        this.subnets = Objects.requireNonNull(subnets, "subnets");
    }

    /** Registers both commands. */
    public void register(CommandRegistry registry) {
        registry.register("subnet4-list", command -> list());
        registry.register("subnet4-get", this::get);
    }

    private ControlAnswer list() {
        List<SubnetCatalog4.Subnet> all = subnets.get().subnets();
        JsonArray.Builder list = JsonArray.builder();
        for (SubnetCatalog4.Subnet subnet : all) {
            list.add(JsonObject.builder().put("id", subnet.id()).put("subnet", subnet.text()).build());
        }
        return new ControlAnswer(all.isEmpty() ? ResultCode.EMPTY : ResultCode.SUCCESS, all.size() + " IPv4 subnets found",
                JsonObject.builder().put("subnets", list).build());
    }

    private ControlAnswer get(ControlCommand command) throws CommandFailure {
        JsonValue arguments = command.arguments();
        if (arguments == null) {
            throw CommandFailure.error("no arguments specified for the 'subnet4-get' command");
        }
        if (!(arguments instanceof JsonObject map)) {
            throw CommandFailure.error("arguments specified for the 'subnet4-get' command are not a map");
        }
        if (map.size() != 1) {
            throw CommandFailure.error("invalid number of arguments " + map.size()
                    + " for the 'subnet4-get' command. Expecting 'id' or 'subnet'");
        }
        SubnetCatalog4 catalog = subnets.get();
        Optional<SubnetCatalog4.Subnet> found;
        String notFound;
        if (map.has("subnet")) {
            if (!(map.get("subnet") instanceof JsonString prefix)) {
                throw CommandFailure.error("'subnet' parameter must be a string");
            }
            found = catalog.subnets().stream().filter(subnet -> subnet.text().equals(prefix.value())).findFirst();
            notFound = "No " + prefix.value() + " subnet found";
        } else if (map.has("id")) {
            if (!(map.get("id") instanceof JsonNumber id) || !id.isIntegral()) {
                throw CommandFailure.error("'id' parameter must be an integer");
            }
            found = catalog.byId(id.longValue());
            notFound = "No subnet with id " + id.longValue() + " found";
        } else {
            throw CommandFailure.error("'id' or 'subnet' parameter required");
        }
        if (found.isEmpty()) {
            return ControlAnswer.empty(notFound);
        }
        SubnetCatalog4.Subnet subnet = found.get();
        return ControlAnswer.success("Info about IPv4 subnet " + subnet.text() + " (id " + subnet.id() + ") returned",
                JsonObject.builder().put("subnet4", JsonArray.of(subnet.json())).build());
    }
}

package dev.nestor.control.commands;

import dev.nestor.control.CommandFailure;
import dev.nestor.control.CommandRegistry;
import dev.nestor.control.ControlAnswer;
import dev.nestor.control.ControlCommand;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import dev.nestor.server.stats.StatisticSample;
import dev.nestor.server.stats.StatisticsRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Kea's statistics commands over the server's {@link StatisticsRegistry}: {@code statistic-get},
 * {@code statistic-get-all}, {@code statistic-reset}, {@code statistic-reset-all},
 * {@code statistic-remove}, {@code statistic-remove-all}. Values are reported in Kea's sample form
 * {@code {"<name>": [[value, "YYYY-MM-DD HH:MM:SS.ffffff"]]}}; Nestor keeps one sample (the
 * current value) per statistic, which is what kea-exporter and Stork read. The timestamp is the
 * time of the last change in the server's time zone, as Kea 2.2 prints it (local time, microseconds,
 * no zone suffix).
 */
public final class StatisticCommands {

    private static final DateTimeFormatter KEA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final StatisticsRegistry statistics;
    private final DateTimeFormatter timestamps;

    /** Timestamps in the JVM's default zone (from {@code TZ} or the system's, as Kea's local time). */
    public StatisticCommands(StatisticsRegistry statistics) {
        this(statistics, ZoneId.systemDefault());
    }

    /** Timestamps in {@code zone}. */
    public StatisticCommands(StatisticsRegistry statistics, ZoneId zone) {
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.timestamps = KEA_TIME.withZone(Objects.requireNonNull(zone, "zone"));
    }

    /** A change time as Kea prints it: {@code 2019-07-30 10:04:28.386000} in this instance's zone. */
    public String timestamp(long epochMillis) {
        return timestamps.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Registers the six commands. */
    public void register(CommandRegistry registry) {
        registry.register("statistic-get", this::get);
        registry.register("statistic-get-all", command -> ControlAnswer.success(null, all()));
        registry.register("statistic-reset", this::reset);
        registry.register("statistic-reset-all", command -> {
            statistics.resetAll();
            return ControlAnswer.success("All statistics reset to neutral values.");
        });
        registry.register("statistic-remove", this::remove);
        registry.register("statistic-remove-all", command -> {
            statistics.removeAll();
            return ControlAnswer.success("All statistics removed.");
        });
    }

    private JsonArray samples(StatisticSample sample) {
        return JsonArray.of(JsonArray.builder().add(sample.value()).add(timestamp(sample.changedMillis())).build());
    }

    private JsonObject all() {
        JsonObject.Builder out = JsonObject.builder();
        for (StatisticSample sample : statistics.samples()) {
            out.put(sample.name(), samples(sample));
        }
        return out.build();
    }

    /** Kea's {@code StatsMgr::getStatName}. */
    private static String name(ControlCommand command) throws CommandFailure {
        JsonValue arguments = command.arguments();
        if (arguments == null) {
            throw CommandFailure.error("Missing mandatory 'name' parameter.");
        }
        if (!(arguments instanceof JsonObject map)) {
            throw CommandFailure.error("Error during command processing: get(string) called on a non-map Element in "
                    + KeaParameters.where(arguments));
        }
        JsonValue name = map.get("name");
        if (name == null) {
            throw CommandFailure.error("Missing mandatory 'name' parameter.");
        }
        if (!(name instanceof JsonString text)) {
            throw CommandFailure.error("'name' parameter expected to be a string.");
        }
        return text.value();
    }

    private ControlAnswer get(ControlCommand command) throws CommandFailure {
        String name = name(command);
        Optional<JsonObject> found = statistics.find(name)
                .map(statistic -> JsonObject.builder().put(name, samples(statistic.sample())).build());
        return ControlAnswer.success(null, found.orElse(JsonObject.EMPTY));
    }

    private ControlAnswer reset(ControlCommand command) throws CommandFailure {
        String name = name(command);
        if (!statistics.reset(name)) {
            throw CommandFailure.error("No '" + name + "' statistic found");
        }
        return ControlAnswer.success("Statistic '" + name + "' reset.");
    }

    private ControlAnswer remove(ControlCommand command) throws CommandFailure {
        String name = name(command);
        if (!statistics.remove(name)) {
            throw CommandFailure.error("No '" + name + "' statistic found");
        }
        return ControlAnswer.success("Statistic '" + name + "' removed.");
    }
}

package dev.nestor.ha.message;

import dev.nestor.ha.state.HaState;
import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The arguments of an {@code ha-heartbeat} answer (ha-protocol.md §11.1): the sender's state, its clock in
 * RFC 1123 form, the scopes it serves and its unsent-update-count.
 */
public record HeartbeatStatus(HaState state, Instant dateTime, List<String> scopes, OptionalLong unsentUpdateCount) {

    /** Kea's {@code %a, %d %b %Y %H:%M:%S GMT}, two-digit day. */
    public static final DateTimeFormatter RFC_1123 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public HeartbeatStatus {
        Objects.requireNonNull(state, "state");
        dateTime = dateTime.truncatedTo(ChronoUnit.SECONDS);
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(unsentUpdateCount, "unsentUpdateCount");
    }

    /** The answer this server sends to a heartbeat. */
    public PeerAnswer toAnswer() {
        JsonArray.Builder scopeList = JsonArray.builder();
        scopes.forEach(scopeList::add);
        java.util.HashMap<String, JsonValue> members = new java.util.HashMap<>(Map.of(
                "state", Json.string(state.keaName()),
                "date-time", Json.string(RFC_1123.format(dateTime)),
                "scopes", scopeList.build()));
        unsentUpdateCount.ifPresent(count -> members.put("unsent-update-count", Json.number(count)));
        return new PeerAnswer(PeerAnswer.SUCCESS, "HA peer status returned.",
                Optional.of(JsonFields.sortedObject(members)));
    }

    /**
     * Reads a heartbeat answer as Kea does (§8.1): result 0 or 3, arguments a map with a known string {@code state}
     * and an RFC 1123 {@code date-time}; {@code scopes} optional and ignored when malformed;
     * {@code unsent-update-count} optional but an integer when present.
     *
     * @throws PeerMessageException when the heartbeat must count as failed; the message says why
     */
    public static HeartbeatStatus fromAnswer(PeerAnswer answer) throws PeerMessageException {
        if (!answer.isSuccess()) {
            throw new PeerMessageException(answer.text().isEmpty() ? "error result " + answer.result()
                    : answer.text());
        }
        JsonObject arguments = JsonFields.map(answer.arguments().orElseThrow(
                () -> new PeerMessageException("arguments in the received response must be a map")),
                "arguments in the received response");
        if (!(arguments.get("state") instanceof JsonString stateText)) {
            throw new PeerMessageException("server state not returned in response to a ha-heartbeat command or it"
                    + " is not a string");
        }
        HaState state = HaState.fromKeaName(stateText.value()).orElseThrow(
                () -> new PeerMessageException("unknown state " + stateText.value()));
        if (!(arguments.get("date-time") instanceof JsonString dateText)) {
            throw new PeerMessageException("date-time not returned in response to a ha-heartbeat command or it is"
                    + " not a string");
        }
        Instant dateTime;
        try {
            dateTime = Instant.from(RFC_1123.parse(dateText.value()));
        } catch (DateTimeParseException e) {
            throw new PeerMessageException("unable to parse time in the date-time " + dateText.value(), e);
        }
        List<String> scopes = new ArrayList<>();
        if (arguments.get("scopes") instanceof JsonArray list) {
            for (JsonValue scope : list) {
                if (scope instanceof JsonString name) {
                    scopes.add(name.value());
                } else {
                    // Kea ignores malformed scopes rather than failing the heartbeat
                    scopes.clear();
                    break;
                }
            }
        }
        OptionalLong unsent = OptionalLong.empty();
        if (arguments.has("unsent-update-count")) {
            if (!(arguments.get("unsent-update-count") instanceof JsonNumber count) || !count.isIntegral()) {
                throw new PeerMessageException("unsent-update-count returned in the ha-heartbeat response is not a"
                        + " number");
            }
            unsent = OptionalLong.of(count.longValue());
        }
        return new HeartbeatStatus(state, dateTime, scopes, unsent);
    }
}

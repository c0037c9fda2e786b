package dev.nestor.ha.message;

import dev.nestor.json.Json;
import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a {@code lease4-get-page} answer (lease-cmds.md §5.6) as the syncing server reads it: the leases
 * that parsed, the entries that did not (each with Kea's reason, logged as {@code HA_LEASE_SYNC_FAILED}), and
 * whether the page's last entry parsed (Kea requests the next page only then).
 */
public record LeasePage(List<HaLease4> leases, List<String> malformed, int count, boolean lastEntryParsed) {

    public LeasePage {
        leases = List.copyOf(leases);
        malformed = List.copyOf(malformed);
    }

    /** The answer a server sends for a page: result 0 with leases, 3 when empty; arguments always present. */
    public static PeerAnswer answer(List<HaLease4> leases) {
        JsonArray.Builder list = JsonArray.builder();
        leases.forEach(lease -> list.add(lease.toOutputJson()));
        JsonObject arguments = JsonFields.sortedObject(Map.of("leases", list.build(), "count",
                Json.number(leases.size())));
        return new PeerAnswer(leases.isEmpty() ? PeerAnswer.EMPTY : PeerAnswer.SUCCESS,
                leases.size() + " IPv4 lease(s) found.", Optional.of(arguments));
    }

    /**
     * Reads a page answer as Kea's sync does (§10.1).
     *
     * @throws PeerMessageException when the answer fails the sync (error result, no arguments map, no leases list)
     */
    public static LeasePage fromAnswer(PeerAnswer answer) throws PeerMessageException {
        if (!answer.isSuccess()) {
            throw new PeerMessageException(answer.text());
        }
        JsonObject arguments = JsonFields.map(answer.arguments().orElseThrow(
                () -> new PeerMessageException("arguments in the received response must be a map")),
                "arguments in the received response");
        JsonArray list = JsonFields.list(arguments, "leases");
        List<HaLease4> leases = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        boolean lastParsed = true;
        for (JsonValue entry : list) {
            try {
                leases.add(HaLease4.fromOutputJson(entry));
                lastParsed = true;
            } catch (PeerMessageException e) {
                malformed.add(entry.toJson() + ": " + e.getMessage());
                lastParsed = false;
            }
        }
        return new LeasePage(leases, malformed, list.size(), lastParsed);
    }
}

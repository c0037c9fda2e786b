package dev.nestor.ha.service;

import dev.nestor.ha.message.PeerCommand;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends peer commands to the failover partner. Production binds it to an HTTP client (POST the command's JSON to
 * the partner's URL, read the JSON list back, ha-protocol.md §12); the simulation binds it to its in-memory network.
 * Commands to the same partner are delivered in the order they were sent.
 */
public interface PartnerClient {

    /**
     * Sends without waiting; {@code onReply} runs later on the HA service's thread, exactly once, with the answer or
     * the failure (after the 10 s request timeout at the latest).
     */
    void send(PeerCommand command, Consumer<PeerReply> onReply);

    /** Sends and waits for the answer, as Kea's synchronous sync, backlog flush, ha-reset and maintenance do. */
    PeerReply call(PeerCommand command, Duration timeout);
}

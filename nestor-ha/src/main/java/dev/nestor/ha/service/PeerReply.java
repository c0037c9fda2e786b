package dev.nestor.ha.service;

import dev.nestor.ha.message.PeerAnswer;

/** What came back for one peer command: an answer (any result code), or a transport failure. */
public sealed interface PeerReply {

    /** The partner answered (HTTP 200 with a parsable body). */
    record Answered(PeerAnswer answer) implements PeerReply { }

    /** No usable answer: connection refused, timeout, HTTP error, unparsable body. */
    record Failed(String reason) implements PeerReply { }
}

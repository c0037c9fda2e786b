package dev.nestor.ha.service;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The backup servers of a relationship as the lease-update sender sees them (ha-protocol.md §9.1): a client per
 * backup, taken in name order, and whether a response waits for their answers ({@code wait-backup-ack}, allowed by
 * Kea only in passive-backup). Backups get every lease update the server sends, in every state; unless waited for,
 * their failures are only logged.
 *
 * @param clients       backup name to its client, iterated in name order
 * @param waitForAcks   whether a response is held until every backup acknowledged its updates
 */
public record BackupPeers(Map<String, PartnerClient> clients, boolean waitForAcks) {

    /** No backups. */
    public static final BackupPeers NONE = new BackupPeers(Map.of(), false);

    public BackupPeers {
        Objects.requireNonNull(clients, "clients");
        clients = Collections.unmodifiableMap(new TreeMap<>(clients));
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }
}

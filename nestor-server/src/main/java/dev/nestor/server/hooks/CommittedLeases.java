package dev.nestor.server.hooks;

import dev.nestor.lease.Lease4;
import dev.nestor.server.dhcp4.Query;
import java.util.List;

/**
 * The lease changes one query made, as Kea passes them to {@code leases4_committed}: fired for REQUEST, RELEASE
 * and DECLINE after the changes are written locally; not for DISCOVER or INFORM, not when nothing was written
 * (NAK, lease served from the cache).
 *
 * @param query   the client's packet
 * @param leases  leases added or updated (a declined lease appears here in state declined)
 * @param deleted leases deleted (released, or the client's previous lease when it moved to another address)
 */
public record CommittedLeases(Query query, List<Lease4> leases, List<Lease4> deleted) {
    public CommittedLeases {
        leases = List.copyOf(leases);
        deleted = List.copyOf(deleted);
    }
}

package dev.nestor.server.engine;

import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import java.util.Objects;

/**
 * Who a packet comes from, as the allocation engine identifies clients (dhcp4-behaviour.md §2).
 *
 * @param hardwareType    htype
 * @param hardwareAddress chaddr (hlen bytes), possibly empty
 * @param clientId        option 61 payload, {@link Identifier#EMPTY} when absent
 * @param transactionId   xid, for log lines
 */
public record ClientIdentity(int hardwareType, Identifier hardwareAddress, Identifier clientId, int transactionId) {
    public ClientIdentity {
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(clientId, "clientId");
    }

    /** The client id to use for lookups and to store: none when {@code match-client-id} is false. */
    public Identifier clientIdFor(boolean matchClientId) {
        return matchClientId ? clientId : Identifier.EMPTY;
    }

    /**
     * Kea's "lease belongs to client" test: equal client ids; otherwise, when either side has no client id, equal
     * (non-empty) hardware addresses.
     */
    public boolean owns(Lease4 lease, boolean matchClientId) {
        Identifier id = clientIdFor(matchClientId);
        if (!id.isEmpty() && !lease.clientId().isEmpty()) {
            return id.equals(lease.clientId());
        }
        return !hardwareAddress.isEmpty() && hardwareAddress.equals(lease.hardwareAddress());
    }

    /** Kea's client label for log lines: {@code [hwtype=1 00:0c:01:02:03:04], cid=[01:00:0c:...], tid=0x2a}. */
    public String label() {
        return "[hwtype=" + hardwareType + " " + hardwareAddress + "], cid=["
                + (clientId.isEmpty() ? "no info" : clientId.toString()) + "], tid=0x"
                + Integer.toHexString(transactionId);
    }

    /** The {@link #label()}, so a log call can pass the identity and pay for the text only when it is written. */
    @Override
    public String toString() {
        return label();
    }
}

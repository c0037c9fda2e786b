package dev.nestor.server.stats;

/**
 * The global DHCPv4 statistics Kea creates at start (value 0), held by reference so the packet path counts
 * without a map lookup. Names are exactly Kea's.
 */
public final class Dhcp4Statistics {
    public final Statistic received;
    public final Statistic discoverReceived;
    public final Statistic offerReceived;
    public final Statistic requestReceived;
    public final Statistic ackReceived;
    public final Statistic nakReceived;
    public final Statistic releaseReceived;
    public final Statistic declineReceived;
    public final Statistic informReceived;
    public final Statistic unknownReceived;
    public final Statistic sent;
    public final Statistic offerSent;
    public final Statistic ackSent;
    public final Statistic nakSent;
    public final Statistic parseFailed;
    public final Statistic receiveDrop;
    public final Statistic allocationFail;
    public final Statistic allocationFailSharedNetwork;
    public final Statistic allocationFailSubnet;
    public final Statistic allocationFailNoPools;
    public final Statistic allocationFailClasses;
    public final Statistic reservationConflicts;
    public final Statistic declinedAddresses;
    public final Statistic cumulativeAssignedAddresses;
    public final Statistic reclaimedLeases;
    public final Statistic reclaimedDeclinedAddresses;

    /** Creates (or finds) every global statistic in {@code registry}. */
    public Dhcp4Statistics(StatisticsRegistry registry) {
        received = registry.statistic("pkt4-received");
        discoverReceived = registry.statistic("pkt4-discover-received");
        offerReceived = registry.statistic("pkt4-offer-received");
        requestReceived = registry.statistic("pkt4-request-received");
        ackReceived = registry.statistic("pkt4-ack-received");
        nakReceived = registry.statistic("pkt4-nak-received");
        releaseReceived = registry.statistic("pkt4-release-received");
        declineReceived = registry.statistic("pkt4-decline-received");
        informReceived = registry.statistic("pkt4-inform-received");
        unknownReceived = registry.statistic("pkt4-unknown-received");
        sent = registry.statistic("pkt4-sent");
        offerSent = registry.statistic("pkt4-offer-sent");
        ackSent = registry.statistic("pkt4-ack-sent");
        nakSent = registry.statistic("pkt4-nak-sent");
        parseFailed = registry.statistic("pkt4-parse-failed");
        receiveDrop = registry.statistic("pkt4-receive-drop");
        allocationFail = registry.statistic("v4-allocation-fail");
        allocationFailSharedNetwork = registry.statistic("v4-allocation-fail-shared-network");
        allocationFailSubnet = registry.statistic("v4-allocation-fail-subnet");
        allocationFailNoPools = registry.statistic("v4-allocation-fail-no-pools");
        allocationFailClasses = registry.statistic("v4-allocation-fail-classes");
        reservationConflicts = registry.statistic("v4-reservation-conflicts");
        declinedAddresses = registry.statistic("declined-addresses");
        cumulativeAssignedAddresses = registry.statistic("cumulative-assigned-addresses");
        reclaimedLeases = registry.statistic("reclaimed-leases");
        reclaimedDeclinedAddresses = registry.statistic("reclaimed-declined-addresses");
    }

    /** The per-type received counter for a DHCP message type (option 53 value), {@code pkt4-unknown-received} else. */
    public Statistic receivedOfType(int messageType) {
        return switch (messageType) {
            case 1 -> discoverReceived;
            case 2 -> offerReceived;
            case 3 -> requestReceived;
            case 4 -> declineReceived;
            case 5 -> ackReceived;
            case 6 -> nakReceived;
            case 7 -> releaseReceived;
            case 8 -> informReceived;
            default -> unknownReceived;
        };
    }
}

package dev.nestor.ha.state;

import java.util.OptionalLong;

/**
 * The requests the state machine makes of its failover partner while it runs. Kea performs them synchronously
 * inside the state handlers (the sync, the backlog flush, ha-reset, ha-maintenance-notify), and so does the state
 * machine: each call returns only when the partner answered or the request failed.
 *
 * <p>The HA service implements this over the peer client (HTTP in production, the in-memory network in the
 * simulation); table tests implement it with a fake partner.
 */
public interface PartnerOperations {

    /**
     * Runs the lease database synchronisation with the partner (ha-protocol.md §10): dhcp-disable, lease pages,
     * ha-sync-complete-notify (or dhcp-enable).
     *
     * @param maxPeriodSeconds the dhcp-disable max-period, empty for none
     */
    Outcome synchronize(OptionalLong maxPeriodSeconds);

    /** Whether the communication-recovery backlog overflowed (more than delayed-updates-limit updates). */
    boolean backlogOverflowed();

    /** Sends the communication-recovery backlog to the partner; success also when the backlog is empty. */
    Outcome sendBacklog();

    /** Drops the communication-recovery backlog (on leaving that state). */
    void clearBacklog();

    /** Sends {@code ha-reset} to the partner. */
    Outcome resetPartner();

    /** Sends {@code ha-maintenance-notify} with the given {@code cancel} flag. */
    MaintenanceReply notifyMaintenance(boolean cancel);

    /** The result of one request to the partner: success, or failure with the reason to log. */
    record Outcome(boolean success, String reason) {
        public static final Outcome OK = new Outcome(true, "");

        public static Outcome failed(String reason) {
            return new Outcome(false, reason);
        }
    }

    /** How the partner answered ha-maintenance-notify. */
    sealed interface MaintenanceReply {
        /** The request did not reach the partner or got no usable answer. */
        record Unreachable(String reason) implements MaintenanceReply { }

        /** The partner answered with this result code and text (0 = accepted, 1001 = state forbids). */
        record Answered(int result, String text) implements MaintenanceReply { }
    }
}

package dev.nestor.ha.log;

/**
 * The catalogue of every log message the HA service emits: Kea's message IDs (ha_messages.mes of Kea 2.2, plus
 * {@code COMMAND_RECEIVED} of Kea's command manager), their severities and message templates with Kea's
 * {@code %1}, {@code %2}... placeholders, and one sentence on when each is logged.
 *
 * <p>Operators grep and alert on these IDs, so an ID is only ever added here with the meaning Kea gives it;
 * HA code logs only through {@link HaLog} with a constant of this enum.
 */
public enum HaLogId {
    COMMAND_RECEIVED(Severity.INFO,
            "Received command '%1'",
            "A control command arrived (Kea's command manager logs it; the standby logs it for every lease4-update from the primary)."),
    HA_BUFFER4_RECEIVE_NOT_FOR_US(Severity.DEBUG,
            "%1: dropping query to be processed by another server",
            "A DHCPv4 query outside the served scopes was dropped."),
    HA_BUFFER6_RECEIVE_NOT_FOR_US(Severity.DEBUG,
            "%1: dropping query to be processed by another server",
            "A DHCPv6 query outside the served scopes was dropped."),
    HA_COMMUNICATION_INTERRUPTED(Severity.WARN,
            "communication with %1 is interrupted",
            "No successful heartbeat for longer than max-response-delay; failover analysis starts."),
    HA_COMMUNICATION_INTERRUPTED_CLIENT4(Severity.INFO,
            "%1: new client attempting to get a lease from the partner",
            "A DHCPv4 client of the unreachable partner was seen, not yet unacked."),
    HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED(Severity.INFO,
            "%1: partner server failed to respond, %2 clients unacked so far, %3 clients left before transitioning to the partner-down state",
            "A DHCPv4 client has waited longer than max-ack-delay for the partner."),
    HA_COMMUNICATION_INTERRUPTED_CLIENT6(Severity.INFO,
            "%1: new client attempting to get a lease from the partner",
            "A DHCPv6 client of the unreachable partner was seen, not yet unacked."),
    HA_COMMUNICATION_INTERRUPTED_CLIENT6_UNACKED(Severity.INFO,
            "%1: partner server failed to respond, %2 clients unacked so far, %3 clients left before transitioning to the partner-down state",
            "A DHCPv6 client has waited longer than max-ack-delay for the partner."),
    HA_CONFIG_LEASE_SYNCING_DISABLED_REMINDER(Severity.INFO,
            "bypassing SYNCING state because lease database synchronization is administratively disabled",
            "sync-leases is false, so waiting goes straight to ready."),
    HA_CONFIG_LEASE_UPDATES_DISABLED_REMINDER(Severity.INFO,
            "lease updates are administratively disabled and will not be generated while in %1 state",
            "send-lease-updates is false; reminded on each transition."),
    HA_CONFIGURATION_SUCCESSFUL(Severity.INFO,
            "HA hook library has been successfully configured",
            "The high-availability configuration was accepted."),
    HA_DEINIT_OK(Severity.INFO,
            "unloading High Availability hooks library successful",
            "The HA service was unloaded (server shutdown or reconfiguration)."),
    HA_INIT_OK(Severity.INFO,
            "loading High Availability hooks library successful",
            "The HA service was loaded."),
    HA_DHCP_DISABLE_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send request to disable DHCP service of %1: %2",
            "dhcp-disable could not be delivered to the partner."),
    HA_DHCP_DISABLE_FAILED(Severity.WARN,
            "failed to disable DHCP service of %1: %2",
            "The partner refused dhcp-disable."),
    HA_DHCP_ENABLE_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send request to enable DHCP service of %1: %2",
            "dhcp-enable could not be delivered to the partner."),
    HA_DHCP_ENABLE_FAILED(Severity.WARN,
            "failed to enable DHCP service of %1: %2",
            "The partner refused dhcp-enable."),
    HA_HEARTBEAT_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send heartbeat to %1: %2",
            "Transport error on a heartbeat; the partner is recorded unavailable."),
    HA_HEARTBEAT_FAILED(Severity.WARN,
            "heartbeat to %1 failed: %2",
            "The partner answered a heartbeat with an error or unusable content."),
    HA_HIGH_CLOCK_SKEW(Severity.WARN,
            "%1, please synchronize clocks!",
            "Clocks of the active servers differ by more than 30 s."),
    HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION(Severity.ERROR,
            "%1, causing HA service to terminate",
            "Clocks differ by more than 60 s; the service terminates."),
    HA_INVALID_PARTNER_STATE_COMMUNICATION_RECOVERY(Severity.WARN,
            "partner is in the communication-recovery state unexpectedly",
            "Partner reports communication-recovery but this server is not load-balancing."),
    HA_INVALID_PARTNER_STATE_HOT_STANDBY(Severity.WARN,
            "partner is in the hot-standby state unexpectedly",
            "Partner reports hot-standby but this server is not in hot-standby mode."),
    HA_INVALID_PARTNER_STATE_LOAD_BALANCING(Severity.WARN,
            "partner is in the load-balancing state unexpectedly",
            "Partner reports load-balancing but this server is not in load-balancing mode."),
    HA_LEASES_BACKLOG_COMMUNICATIONS_FAILED(Severity.ERROR,
            "failed to communicate with %1 while sending lease updates backlog: %2",
            "The communication-recovery backlog could not be delivered."),
    HA_LEASES_BACKLOG_FAILED(Severity.ERROR,
            "failed to send lease updates backlog to %1: %2",
            "The partner refused the backlog."),
    HA_LEASES_BACKLOG_NOTHING_TO_SEND(Severity.INFO,
            "no leases in backlog after communication recovery",
            "Communication recovered with an empty backlog."),
    HA_LEASES_BACKLOG_START(Severity.INFO,
            "starting to send %1 outstanding lease updates to %2",
            "Backlog flush begins."),
    HA_LEASES_BACKLOG_SUCCESS(Severity.INFO,
            "sending lease updates backlog to %1 successful in %2",
            "Backlog flush finished."),
    HA_LEASES_SYNC_COMMUNICATIONS_FAILED(Severity.ERROR,
            "failed to communicate with %1 while syncing leases: %2",
            "A lease page request failed in transport."),
    HA_LEASES_SYNC_FAILED(Severity.ERROR,
            "failed to synchronize leases with %1: %2",
            "A lease page answer was unusable."),
    HA_LEASES_SYNC_LEASE_PAGE_RECEIVED(Severity.INFO,
            "received %1 leases from %2",
            "One page of leases arrived during sync."),
    HA_LEASE_SYNC_FAILED(Severity.WARN,
            "synchronization failed for lease: %1, reason: %2",
            "One lease of a page could not be applied."),
    HA_LEASE_SYNC_STALE_LEASE4_SKIP(Severity.DEBUG,
            "skipping stale lease %1 in subnet %2",
            "The local DHCPv4 lease is newer than the fetched one."),
    HA_LEASE_SYNC_STALE_LEASE6_SKIP(Severity.DEBUG,
            "skipping stale lease %1 in subnet %2",
            "The local DHCPv6 lease is newer than the fetched one."),
    HA_LEASE_UPDATES_DISABLED(Severity.INFO,
            "lease updates will not be sent to the partner while in %1 state",
            "After a transition into a state that sends no updates to the partner."),
    HA_LEASE_UPDATES_ENABLED(Severity.INFO,
            "lease updates will be sent to the partner while in %1 state",
            "After a transition into a state that sends updates to the partner."),
    HA_LEASE_UPDATE_COMMUNICATIONS_FAILED(Severity.WARN,
            "%1: failed to communicate with %2: %3",
            "A lease update could not be delivered; the client's response is dropped."),
    HA_LEASE_UPDATE_CONFLICT(Severity.WARN,
            "%1: lease update to %2 returned conflict status code: %3",
            "The partner rejected a lease update as conflicting; the response is dropped."),
    HA_LEASE_UPDATE_FAILED(Severity.WARN,
            "%1: lease update to %2 failed: %3",
            "The partner answered a lease update with an error; the response is dropped."),
    HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION(Severity.ERROR,
            "too many rejected lease updates cause the HA service to terminate",
            "max-rejected-lease-updates was reached."),
    HA_LOAD_BALANCING_IDENTIFIER_MISSING(Severity.DEBUG,
            "load balancing failed for the DHCPv4 message (transaction id: %1) because HW address and client identifier are missing",
            "A load-balanced DHCPv4 query without any client identity was dropped."),
    HA_LOCAL_DHCP_DISABLE(Severity.INFO,
            "local DHCP service is disabled while the %1 is in the %2 state",
            "HA turned the local DHCP service off on entering a state."),
    HA_LOCAL_DHCP_ENABLE(Severity.INFO,
            "local DHCP service is enabled while the %1 is in the %2 state",
            "HA turned the local DHCP service on on entering a state."),
    HA_MAINTENANCE_NOTIFY_CANCEL_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send ha-maintenance-notify to %1 in attempt to cancel its maintenance: %2",
            "ha-maintenance-notify (cancel) could not be delivered."),
    HA_MAINTENANCE_NOTIFY_CANCEL_FAILED(Severity.WARN,
            "error returned while processing ha-maintenance-notify by %1 in attempt to cancel its maintenance: %2",
            "The partner refused to cancel its maintenance."),
    HA_MAINTENANCE_NOTIFY_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send ha-maintenance-notify to %1: %2",
            "ha-maintenance-notify could not be delivered."),
    HA_MAINTENANCE_NOTIFY_FAILED(Severity.WARN,
            "error returned while processing ha-maintenance-notify by %1: %2",
            "The partner refused to go in-maintenance."),
    HA_MAINTENANCE_SHUTDOWN_SAFE(Severity.INFO,
            "the server can now be shutdown for maintenance as the partner has taken over the DHCP traffic",
            "Entered in-maintenance."),
    HA_MAINTENANCE_STARTED(Severity.INFO,
            "the server is now in the partner-in-maintenance state and the partner is in-maintenance state",
            "ha-maintenance-start succeeded."),
    HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN(Severity.INFO,
            "the server is now in the partner-down mode as a result of requested maintenance",
            "ha-maintenance-start found the partner unreachable."),
    HA_RESET_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send ha-reset command to %1: %2",
            "ha-reset could not be delivered."),
    HA_RESET_FAILED(Severity.WARN,
            "failed to reset HA state machine of %1: %2",
            "The partner refused ha-reset."),
    HA_SERVICE_STARTED(Severity.INFO,
            "started high availability service in %1 mode as %2 server",
            "The HA service started."),
    HA_STATE_MACHINE_CONTINUED(Severity.INFO,
            "state machine is un-paused",
            "ha-continue released a paused state machine."),
    HA_STATE_MACHINE_PAUSED(Severity.INFO,
            "state machine paused in state %1",
            "The state machine paused per its state-machine configuration."),
    HA_STATE_TRANSITION(Severity.INFO,
            "server transitions from %1 to %2 state, partner state is %3",
            "Every transition of an active server."),
    HA_STATE_TRANSITION_PASSIVE_BACKUP(Severity.INFO,
            "server transitions from %1 to %2 state",
            "Every transition in passive-backup mode."),
    HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED(Severity.WARN,
            "failed to send ha-sync-complete-notify to %1: %2",
            "ha-sync-complete-notify could not be delivered."),
    HA_SYNC_COMPLETE_NOTIFY_FAILED(Severity.WARN,
            "error processing ha-sync-complete-notify command on %1: %2",
            "The partner refused ha-sync-complete-notify."),
    HA_SYNC_FAILED(Severity.ERROR,
            "lease database synchronization with %1 failed: %2",
            "The lease database sync failed; it is retried at the next run."),
    HA_SYNC_START(Severity.INFO,
            "starting lease database synchronization with %1",
            "The lease database sync begins."),
    HA_SYNC_SUCCESSFUL(Severity.INFO,
            "lease database synchronization with %1 completed successfully in %2",
            "The lease database sync finished."),
    HA_TERMINATED(Severity.ERROR,
            "HA service terminated due to an unrecoverable condition. Check previous error message(s), address the problem and restart!",
            "Entered terminated."),
    HA_TERMINATED_RESTART_PARTNER(Severity.INFO,
            "waiting for the partner in the TERMINATED state to be restarted",
            "This server waits while its partner is terminated.");

    private final Severity severity;
    private final String template;
    private final String meaning;
    private final int argumentCount;

    HaLogId(Severity severity, String template, String meaning) {
        this.severity = severity;
        this.template = template;
        this.meaning = meaning;
        int highest = 0;
        for (int i = 1; i <= 9; i++) {
            if (template.contains("%" + i)) {
                highest = i;
            }
        }
        this.argumentCount = highest;
    }

    public Severity severity() {
        return severity;
    }

    /** Kea's message text with {@code %1}... placeholders. */
    public String template() {
        return template;
    }

    /** When the message is logged, in one sentence. */
    public String meaning() {
        return meaning;
    }

    /** How many arguments {@link #format} expects. */
    public int argumentCount() {
        return argumentCount;
    }

    /**
     * The message text with the arguments substituted, as Kea prints it after the ID.
     *
     * @throws IllegalArgumentException when the number of arguments does not match the template
     */
    public String format(Object... arguments) {
        if (arguments.length != argumentCount) {
            throw new IllegalArgumentException(name() + " takes " + argumentCount + " arguments, got "
                    + arguments.length);
        }
        String text = template;
        for (int i = arguments.length; i >= 1; i--) {
            text = text.replace("%" + i, String.valueOf(arguments[i - 1]));
        }
        return text;
    }
}

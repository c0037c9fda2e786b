package dev.nestor.server.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The catalogue of every message ID the DHCPv4 engine logs, with its logger, severity and text template.
 *
 * <p>IDs and the meaning of their {@code %1}, {@code %2}... arguments are Kea 2.2's where the meaning matches
 * (operators grep and alert on them); {@link Origin#NESTOR} marks IDs Kea does not have. Loggers are Kea's:
 * {@code kea-dhcp4.<name>}. Debug messages carry Kea's debug level (10 basic, 40 basic data, 45 detail,
 * 50 detail data) for a backend that filters on it. Log only through {@link KeaLog}, which checks the level
 * before building any string.
 */
public enum LogMessage {
    DHCP4_STARTING("dhcp4", Level.INFO, 0, "Kea DHCPv4 server version %1 starting"),
    DHCP4_STARTED("dhcp4", Level.INFO, 0, "Kea DHCPv4 server version %1 started"),
    DHCP4_SHUTDOWN("dhcp4", Level.INFO, 0, "server shutdown"),
    DHCP4_SHUTDOWN_REQUEST("dhcp4", Level.INFO, 0, "shutdown of server requested"),
    DHCP4_SERVER_FAILED("dhcp4", Level.ERROR, 0, "server failed: %1"),
    DHCP4_CONFIG_COMPLETE("dhcp4", Level.INFO, 0, "DHCPv4 server has completed configuration: %1"),
    DHCP4_MULTI_THREADING_INFO("dhcp4", Level.INFO, 0, "enabled: %1, number of threads: %2, queue size: %3"),
    DHCP4_OPEN_SOCKET("dhcp4", Level.INFO, 0, "opening service sockets on port %1"),
    DHCP4_OPEN_SOCKET_FAIL("dhcp4", Level.WARN, 0, "failed to open socket: %1"),
    DHCP4_NO_SOCKETS_OPEN("dhcp4", Level.WARN, 0, "no interface configured to listen to DHCP traffic"),
    DHCP4_BUFFER_RECEIVE_FAIL("packets", Level.ERROR, 0, "error on attempt to receive packet: %1"),
    DHCP4_BUFFER_RECEIVED("packets", Level.DEBUG, 50,
            "received buffer from %1:%2 to %3:%4 over interface %5"),
    DHCP4_PACKET_RECEIVED("packets", Level.DEBUG, 10, "%1: %2 (type %3) received from %4 to %5 on interface %6"),
    DHCP4_PACKET_SEND("packets", Level.DEBUG, 50,
            "%1: trying to send packet %2 (type %3) from %4:%5 to %6:%7 on interface %8"),
    DHCP4_PACKET_SEND_FAIL("packets", Level.ERROR, 0, "%1: failed to send DHCPv4 packet: %2"),
    DHCP4_PACKET_QUEUE_FULL("packets", Level.DEBUG, 10, "multi-threading packet queue is full"),
    DHCP4_PACKET_PROCESS_STD_EXCEPTION("packets", Level.ERROR, 0,
            "exception occurred during packet processing: %1"),
    DHCP4_PACKET_DROP_0001("bad-packets", Level.DEBUG, 10,
            "failed to parse packet from %1 to %2, received over interface %3, reason: %4"),
    DHCP4_PACKET_DROP_0002("bad-packets", Level.DEBUG, 10,
            "%1, from interface %2: no suitable subnet configured for a direct client"),
    DHCP4_PACKET_DROP_0003("bad-packets", Level.DEBUG, 10,
            "%1, from interface %2: it contains a foreign server identifier"),
    DHCP4_PACKET_DROP_0006("bad-packets", Level.DEBUG, 10, "%1: unsupported DHCPv4 message type %2"),
    DHCP4_PACKET_DROP_0007("bad-packets", Level.DEBUG, 10, "%1: failed to process packet: %2"),
    DHCP4_PACKET_DROP_0008("bad-packets", Level.DEBUG, 10, "%1: DHCP service is globally disabled"),
    DHCP4_PACKET_DROP_0009("bad-packets", Level.DEBUG, 10,
            "%1: Option 53 missing (no DHCP message type), is this a BOOTP packet?"),
    DHCP4_HOOK_BUFFER_RCVD_DROP("hooks", Level.DEBUG, 40,
            "received buffer from %1 to %2 over interface %3 was dropped because a callout set the drop flag"),
    DHCP4_HOOK_LEASES4_COMMITTED_DROP("hooks", Level.DEBUG, 40,
            "%1: packet is dropped, because a callout set the next step to DROP"),
    DHCP4_HOOK_LEASES4_COMMITTED_PARK("hooks", Level.DEBUG, 40,
            "%1: packet is parked, because a callout set the next step to PARK"),
    DHCP4_HOOK_LEASES4_PARKING_LOT_FULL("hooks", Level.DEBUG, 10,
            "The parked-packet-limit %1, has been reached, dropping query: %2"),
    DHCP4_SUBNET_SELECTION_FAILED("packets", Level.DEBUG, 10, "%1: failed to select subnet for the client"),
    DHCP4_PACKET_NAK_0001("packets", Level.DEBUG, 10,
            "%1: failed to select a subnet for incoming packet, src %2, type %3"),
    DHCP4_PACKET_NAK_0002("packets", Level.DEBUG, 10, "%1: invalid address %2 requested by INIT-REBOOT"),
    DHCP4_PACKET_NAK_0004("packets", Level.DEBUG, 10,
            "%1: failed to grant a lease, client sent ciaddr %2, requested-ip-address %3"),
    DHCP4_INIT_REBOOT("packets", Level.DEBUG, 10, "%1: client is in INIT-REBOOT state and requests address %2"),
    DHCP4_NO_LEASE_INIT_REBOOT("packets", Level.DEBUG, 10,
            "%1: no lease for address %2 requested by INIT-REBOOT client"),
    DHCP4_UNKNOWN_ADDRESS_REQUESTED("packets", Level.DEBUG, 10,
            "%1: client requested an unknown address, client sent ciaddr %2, requested-ip-address %3"),
    DHCP4_INFORM_DIRECT_REPLY("packets", Level.DEBUG, 10,
            "%1: DHCPACK in reply to the DHCPINFORM will be sent directly to %2 over %3"),
    DHCP4_LEASE_ADVERT("leases", Level.INFO, 0, "%1: lease %2 will be advertised"),
    DHCP4_LEASE_ALLOC("leases", Level.INFO, 0, "%1: lease %2 has been allocated for %3 seconds"),
    DHCP4_LEASE_REUSE("leases", Level.INFO, 0, "%1: lease %2 has been reused for %3 seconds"),
    DHCP4_RELEASE("leases", Level.INFO, 0, "%1: address %2 was released properly."),
    DHCP4_RELEASE_FAIL_NO_LEASE("leases", Level.INFO, 0, "%1: client is trying to release non-existing lease %2"),
    DHCP4_RELEASE_FAIL_WRONG_CLIENT("leases", Level.INFO, 0,
            "%1: client is trying to release the lease %2 which belongs to a different client"),
    DHCP4_RELEASE_FAIL("leases", Level.ERROR, 0, "%1: failed to remove lease for address %2: %3"),
    DHCP4_DECLINE_LEASE("leases", Level.INFO, 0,
            "Received DHCPDECLINE for addr %1 from client %2. The lease will be unavailable for %3 seconds."),
    DHCP4_DECLINE_LEASE_NOT_FOUND("leases", Level.INFO, 0,
            "Received DHCPDECLINE for addr %1 from client %2, but no such lease found."),
    DHCP4_DECLINE_LEASE_MISMATCH("leases", Level.INFO, 0,
            "Received DHCPDECLINE for addr %1 from client %2, but the data doesn't match"),
    DHCP4_DECLINE_FAIL("leases", Level.ERROR, 0, "%1: error on decline lease for address %2: %3"),
    DHCP4_RECLAIM_EXPIRED_LEASES_FAIL("dhcp4", Level.ERROR, 0, "failed to reclaim expired leases: %1"),
    ALLOC_ENGINE_V4_ALLOC_ERROR("alloc-engine", Level.ERROR, 0,
            "%1: error during attempt to allocate an IPv4 address: %2"),
    ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET("alloc-engine", Level.WARN, 0,
            "%1: failed to allocate an IPv4 lease in the subnet %2, subnet-id %3, shared network %4"),
    ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK("alloc-engine", Level.WARN, 0,
            "%1: failed to allocate an IPv4 lease in the shared network %2: tried %3 subnets"),
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_START("alloc-engine", Level.DEBUG, 10,
            "starting reclamation of expired leases (limit = %1 leases or %2 milliseconds)"),
    ALLOC_ENGINE_V4_LEASES_RECLAMATION_COMPLETE("alloc-engine", Level.DEBUG, 10, "reclaimed %1 leases in %2"),
    ALLOC_ENGINE_V4_DECLINED_RECOVERED("alloc-engine", Level.INFO, 0,
            "IPv4 address %1 was recovered after %2 seconds of probation-period"),
    NESTOR_LEASE_NOT_RECORDED(Origin.NESTOR, "leases", Level.ERROR, 0,
            "%1: lease %2 could not be recorded in the lease database, the client gets no answer: %3");

    /** Where an ID comes from. */
    public enum Origin {
        /** Kea 2.2 has this ID with this meaning. */
        KEA,
        /** Nestor's own ID. */
        NESTOR
    }

    private final Origin origin;
    private final String loggerName;
    private final Level level;
    private final int debugLevel;
    private final String template;
    private final Logger logger;

    LogMessage(String loggerSuffix, Level level, int debugLevel, String template) {
        this(Origin.KEA, loggerSuffix, level, debugLevel, template);
    }

    LogMessage(Origin origin, String loggerSuffix, Level level, int debugLevel, String template) {
        this.origin = origin;
        this.loggerName = "kea-dhcp4." + loggerSuffix;
        this.level = level;
        this.debugLevel = debugLevel;
        this.template = template;
        this.logger = LoggerFactory.getLogger(loggerName);
    }

    /** Kea or Nestor. */
    public Origin origin() {
        return origin;
    }

    /** Kea's logger name, e.g. {@code kea-dhcp4.leases}. */
    public String loggerName() {
        return loggerName;
    }

    /** Severity. */
    public Level level() {
        return level;
    }

    /** Kea debug level (0 for non-debug messages). */
    public int debugLevel() {
        return debugLevel;
    }

    /** Text with {@code %1}, {@code %2}... placeholders. */
    public String template() {
        return template;
    }

    /** Number of distinct placeholders in the template. */
    public int argumentCount() {
        int count = 0;
        while (template.contains("%" + (count + 1))) {
            count++;
        }
        return count;
    }

    Logger logger() {
        return logger;
    }
}

package dev.nestor.ha.failure;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLog;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.state.PartnerView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The communication-failure detector of one HA relationship (ha-protocol.md §8): what the last heartbeat said
 * about the partner, whether communication is interrupted (no successful heartbeat for longer than
 * {@code max-response-delay}), and the unacked-clients analysis of the partner's DHCP traffic against
 * {@code max-ack-delay} and {@code max-unacked-clients}.
 *
 * <p>Time comes only from the injected {@link Clock}. Not thread-safe: the HA service calls it from its one
 * event thread (or under its lock).
 */
public final class CommunicationState {

    private static final long SKEW_WARNING_SECONDS = 30;
    private static final long SKEW_WARNING_INTERVAL_MILLIS = 60_000;

    private final HaSettings settings;
    private final Clock clock;
    private final HaLog log;
    private final String partnerName;

    private Optional<HaState> partnerState = Optional.empty();
    private List<String> partnerScopes = List.of();
    private Instant lastSuccessfulHeartbeat;
    private long clockSkewSeconds;
    private Instant lastSkewWarning;
    private long previousUnsentUpdateCount;
    private long currentUnsentUpdateCount;
    private final Map<String, Boolean> clients = new LinkedHashMap<>();
    private int unackedClients;
    private long analyzedPackets;

    /** Starts the detector: the last-contact time is now, so a fresh server is not interrupted at once. */
    public CommunicationState(HaSettings settings, Clock clock, HaLog log) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.partnerName = settings.partnerName().orElse("");
        this.lastSuccessfulHeartbeat = clock.instant();
    }

    /**
     * Records a successful heartbeat answer: the partner's state, its clock, its scopes and its unsent-update
     * count. Refreshes the last-contact time and clears the unacked-clients analysis.
     */
    public void heartbeatSucceeded(HaState state, Instant partnerTime, List<String> scopes,
                                   OptionalLong unsentUpdateCount) {
        Instant now = clock.instant();
        partnerState = Optional.of(state);
        partnerScopes = List.copyOf(scopes);
        lastSuccessfulHeartbeat = now;
        clockSkewSeconds = partnerTime.getEpochSecond() - now.getEpochSecond();
        if (unsentUpdateCount.isPresent()) {
            previousUnsentUpdateCount = currentUnsentUpdateCount;
            currentUnsentUpdateCount = unsentUpdateCount.getAsLong();
        }
        clients.clear();
        unackedClients = 0;
        analyzedPackets = 0;
        if (Math.abs(clockSkewSeconds) > SKEW_WARNING_SECONDS && Math.abs(clockSkewSeconds) <= 2 * SKEW_WARNING_SECONDS
                && (lastSkewWarning == null
                    || Duration.between(lastSkewWarning, now).toMillis() >= SKEW_WARNING_INTERVAL_MILLIS)) {
            lastSkewWarning = now;
            log.log(HaLogId.HA_HIGH_CLOCK_SKEW, describeSkew());
        }
    }

    /**
     * Records a failed heartbeat: the partner becomes {@code unavailable}.
     *
     * @param transport true for an I/O error or timeout ({@code HA_HEARTBEAT_COMMUNICATIONS_FAILED}), false for an
     *                  answer with an error result or unusable content ({@code HA_HEARTBEAT_FAILED})
     */
    public void heartbeatFailed(boolean transport, String reason) {
        partnerState = Optional.of(HaState.UNAVAILABLE);
        log.log(transport ? HaLogId.HA_HEARTBEAT_COMMUNICATIONS_FAILED : HaLogId.HA_HEARTBEAT_FAILED,
                partnerName, reason);
        if (isCommunicationInterrupted()) {
            log.log(HaLogId.HA_COMMUNICATION_INTERRUPTED, partnerName);
        }
    }

    /**
     * Records that a request other than a heartbeat (lease update, sync page, dhcp-disable...) to the partner failed:
     * the partner becomes {@code unavailable}, but the last-contact time is not touched (§8.1).
     */
    public void partnerUnavailable() {
        partnerState = Optional.of(HaState.UNAVAILABLE);
    }

    /** No successful heartbeat for strictly longer than max-response-delay. */
    public boolean isCommunicationInterrupted() {
        return Duration.between(lastSuccessfulHeartbeat, clock.instant()).toMillis()
                > settings.maxResponseDelayMillis();
    }

    /**
     * Feeds one DHCPv4 query addressed to the partner (not in a served scope) to the unacked-clients analysis.
     * Does nothing unless communication is interrupted.
     *
     * @param hardwareAddress the chaddr bytes (hlen of them)
     * @param clientId        the client identifier option payload, empty if absent
     * @param secs            the secs field as received
     */
    public ClientVerdict analyzeQuery4(byte[] hardwareAddress, byte[] clientId, int secs) {
        if (!isCommunicationInterrupted()) {
            return ClientVerdict.NOT_ANALYZED;
        }
        analyzedPackets++;
        int seconds = secs & 0xffff;
        if (seconds > 255 && (seconds & 0xff) == 0) {
            // some clients put secs in little-endian order; Kea swaps such values back
            seconds = seconds >>> 8;
        }
        boolean unacked = seconds * 1000L > settings.maxAckDelayMillis();
        String key = "4/" + HexFormat.ofDelimiter(":").formatHex(hardwareAddress) + "/"
                + HexFormat.ofDelimiter(":").formatHex(clientId);
        String label = "[hwtype=1 " + HexFormat.ofDelimiter(":").formatHex(hardwareAddress) + "]"
                + (clientId.length == 0 ? "" : ", cid=[" + HexFormat.ofDelimiter(":").formatHex(clientId) + "]");
        return record(key, label, unacked, HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT4,
                HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED);
    }

    /**
     * Feeds one DHCPv6 query addressed to the partner to the analysis.
     *
     * @param duid                 client identifier option payload, empty if absent (then counted, not recorded)
     * @param elapsedHundredths    Elapsed Time option value (1/100 s), empty if absent
     */
    public ClientVerdict analyzeQuery6(byte[] duid, OptionalInt elapsedHundredths) {
        if (!isCommunicationInterrupted()) {
            return ClientVerdict.NOT_ANALYZED;
        }
        analyzedPackets++;
        if (duid.length == 0) {
            return ClientVerdict.NOT_RECORDED;
        }
        boolean unacked = elapsedHundredths.isPresent()
                && elapsedHundredths.getAsInt() * 10L > settings.maxAckDelayMillis();
        String hex = HexFormat.ofDelimiter(":").formatHex(duid);
        return record("6/" + hex, "duid=[" + hex + "]", unacked, HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT6,
                HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT6_UNACKED);
    }

    private ClientVerdict record(String key, String label, boolean unacked, HaLogId newClient, HaLogId unackedId) {
        Boolean known = clients.get(key);
        if (Boolean.TRUE.equals(known)) {
            return ClientVerdict.ALREADY_UNACKED;
        }
        if (!unacked) {
            if (known == null) {
                clients.put(key, false);
                log.log(newClient, label);
                return ClientVerdict.NEW_CLIENT;
            }
            return ClientVerdict.STILL_WAITING;
        }
        clients.put(key, true);
        unackedClients++;
        // as Kea's "clients left": none once the threshold is passed, never negative
        log.log(unackedId, label, unackedClients, Math.max(0, settings.maxUnackedClients() - unackedClients + 1));
        return ClientVerdict.BECAME_UNACKED;
    }

    /** Kea's failureDetected(): max-unacked-clients is 0, or more clients than it are unacked. */
    public boolean failureDetected() {
        return settings.maxUnackedClients() == 0 || unackedClients > settings.maxUnackedClients();
    }

    /** The input of one state-machine run. */
    public PartnerView view() {
        return new PartnerView(partnerState, isCommunicationInterrupted(), failureDetected(),
                currentUnsentUpdateCount != previousUnsentUpdateCount && currentUnsentUpdateCount > 0,
                clockSkewSeconds);
    }

    public Optional<HaState> partnerState() {
        return partnerState;
    }

    public List<String> partnerScopes() {
        return partnerScopes;
    }

    /** Partner clock minus local clock at the last successful heartbeat, whole seconds. */
    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /** Kea's text for clock-skew messages. */
    public String describeSkew() {
        return "partner's clock is " + Math.abs(clockSkewSeconds) + "s "
                + (clockSkewSeconds >= 0 ? "ahead of" : "behind") + " this server's clock";
    }

    /** status-get {@code connecting-clients}: distinct clients recorded. */
    public int connectingClients() {
        return clients.size();
    }

    /** status-get {@code unacked-clients}. */
    public int unackedClients() {
        return unackedClients;
    }

    /** status-get {@code unacked-clients-left}: (interrupted and max >= unacked) ? max - unacked + 1 : 0. */
    public long unackedClientsLeft() {
        long max = settings.maxUnackedClients();
        return isCommunicationInterrupted() && max >= unackedClients ? max - unackedClients + 1 : 0;
    }

    /** status-get {@code analyzed-packets}. */
    public long analyzedPackets() {
        return analyzedPackets;
    }

    /** status-get {@code in-touch}: a partner state was ever recorded (a failed heartbeat records unavailable). */
    public boolean inTouch() {
        return partnerState.isPresent();
    }

    /** status-get {@code age}: whole seconds since the last successful heartbeat (or since start); 0 if not in touch. */
    public long ageSeconds() {
        return inTouch() ? Duration.between(lastSuccessfulHeartbeat, clock.instant()).toSeconds() : 0;
    }

    /** The time of the last successful heartbeat (service start if none). */
    public Instant lastSuccessfulHeartbeat() {
        return lastSuccessfulHeartbeat;
    }
}

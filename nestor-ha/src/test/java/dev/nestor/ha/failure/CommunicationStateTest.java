package dev.nestor.ha.failure;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.testing.ManualClock;
import dev.nestor.ha.testing.RecordingHaLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class CommunicationStateTest {

    private static final Instant START = Instant.parse("2026-11-26T00:00:00Z");
    private static final byte[] NO_CLIENT_ID = new byte[0];

    private final ManualClock clock = new ManualClock(START);
    private final RecordingHaLog log = new RecordingHaLog();

    /** Standby of a hot-standby pair with Kea's default timers (60 s / 10 s), max-unacked-clients as given. */
    private CommunicationState standby(long maxUnacked) {
        return new CommunicationState(HaSettings.hotStandby("server2", "server1", "server2")
                .withMaxUnackedClients(maxUnacked), clock, log);
    }

    private static byte[] mac(int last) {
        return new byte[] {0, 0x0c, 1, 2, 3, (byte) last};
    }

    private void interrupt(CommunicationState state) {
        clock.advanceMillis(60_001);
        assertThat(state.isCommunicationInterrupted()).isTrue();
    }

    @Test
    void interruptedOnlyStrictlyAfterMaxResponseDelaySinceStartOrLastHeartbeat() {
        CommunicationState state = standby(10);
        assertThat(state.isCommunicationInterrupted()).isFalse();
        clock.advanceMillis(60_000);
        assertThat(state.isCommunicationInterrupted()).isFalse();
        clock.advanceMillis(1);
        assertThat(state.isCommunicationInterrupted()).isTrue();
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant(), List.of("server1"), OptionalLong.of(0));
        assertThat(state.isCommunicationInterrupted()).isFalse();
        assertThat(state.partnerState()).contains(HaState.HOT_STANDBY);
        assertThat(state.partnerScopes()).containsExactly("server1");
    }

    @Test
    void failedRequestsMakeThePartnerUnavailableButOnlyHeartbeatsRefreshContact() {
        CommunicationState state = standby(10);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant(), List.of(), OptionalLong.empty());
        clock.advanceMillis(30_000);
        state.partnerUnavailable();
        assertThat(state.view().partnerState()).contains(HaState.UNAVAILABLE);
        assertThat(state.lastSuccessfulHeartbeat()).isEqualTo(START);
        state.heartbeatFailed(true, "Connection refused");
        assertThat(log.texts(HaLogId.HA_HEARTBEAT_COMMUNICATIONS_FAILED))
                .containsExactly("failed to send heartbeat to server1: Connection refused");
        assertThat(log.ids()).doesNotContain(HaLogId.HA_COMMUNICATION_INTERRUPTED);
        clock.advanceMillis(30_001);
        state.heartbeatFailed(false, "invalid state");
        assertThat(log.texts(HaLogId.HA_HEARTBEAT_FAILED)).containsExactly("heartbeat to server1 failed: invalid state");
        assertThat(log.texts(HaLogId.HA_COMMUNICATION_INTERRUPTED))
                .containsExactly("communication with server1 is interrupted");
    }

    @Test
    void queriesAreAnalysedOnlyWhileInterrupted() {
        CommunicationState state = standby(10);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 30)).isEqualTo(ClientVerdict.NOT_ANALYZED);
        assertThat(state.analyzedPackets()).isZero();
        interrupt(state);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 30)).isEqualTo(ClientVerdict.BECAME_UNACKED);
        assertThat(state.analyzedPackets()).isEqualTo(1);
    }

    @Test
    void secsAboveMaxAckDelayMakesAClientUnackedOnceAndForAll() {
        CommunicationState state = standby(10);
        interrupt(state);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 10)).isEqualTo(ClientVerdict.NEW_CLIENT);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 10)).isEqualTo(ClientVerdict.STILL_WAITING);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 11)).isEqualTo(ClientVerdict.BECAME_UNACKED);
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 0)).isEqualTo(ClientVerdict.ALREADY_UNACKED);
        assertThat(state.connectingClients()).isEqualTo(1);
        assertThat(state.unackedClients()).isEqualTo(1);
        assertThat(state.unackedClientsLeft()).isEqualTo(10);
        assertThat(log.texts(HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT4))
                .containsExactly("[hwtype=1 00:0c:01:02:03:01]: new client attempting to get a lease from the partner");
        assertThat(log.texts(HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED)).containsExactly(
                "[hwtype=1 00:0c:01:02:03:01]: partner server failed to respond, 1 clients unacked so far, 10 clients"
                        + " left before transitioning to the partner-down state");
    }

    @Test
    void littleEndianSecsAreSwappedBack() {
        CommunicationState state = standby(10);
        interrupt(state);
        // 0x0a00 = 2560 as sent, 10 s meant: not above the 10 s max-ack-delay
        assertThat(state.analyzeQuery4(mac(1), NO_CLIENT_ID, 0x0a00)).isEqualTo(ClientVerdict.NEW_CLIENT);
        // 0x0b00 = 11 s meant
        assertThat(state.analyzeQuery4(mac(2), NO_CLIENT_ID, 0x0b00)).isEqualTo(ClientVerdict.BECAME_UNACKED);
        // 0x0a01 has a non-zero low byte: taken as is, 2561 s
        assertThat(state.analyzeQuery4(mac(3), NO_CLIENT_ID, 0x0a01)).isEqualTo(ClientVerdict.BECAME_UNACKED);
    }

    @Test
    void clientIdentityIsHardwareAddressAndClientId() {
        CommunicationState state = standby(10);
        interrupt(state);
        state.analyzeQuery4(mac(1), NO_CLIENT_ID, 20);
        state.analyzeQuery4(mac(1), HexFormat.of().parseHex("01000c01020301"), 20);
        assertThat(state.unackedClients()).isEqualTo(2);
    }

    @Test
    void failureDetectedWhenUnackedClientsExceedTheMaximum() {
        CommunicationState state = standby(2);
        interrupt(state);
        state.analyzeQuery4(mac(1), NO_CLIENT_ID, 20);
        state.analyzeQuery4(mac(2), NO_CLIENT_ID, 20);
        assertThat(state.failureDetected()).isFalse();
        assertThat(state.unackedClientsLeft()).isEqualTo(1);
        state.analyzeQuery4(mac(3), NO_CLIENT_ID, 20);
        assertThat(state.failureDetected()).isTrue();
        assertThat(state.view().failureDetected()).isTrue();
        assertThat(state.unackedClientsLeft()).isZero();
    }

    @Test
    void zeroMaxUnackedClientsMeansFailureAtOnce() {
        CommunicationState state = standby(0);
        assertThat(state.failureDetected()).isTrue();
    }

    @Test
    void successfulHeartbeatClearsTheAnalysis() {
        CommunicationState state = standby(10);
        interrupt(state);
        state.analyzeQuery4(mac(1), NO_CLIENT_ID, 20);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant(), List.of(), OptionalLong.empty());
        assertThat(state.unackedClients()).isZero();
        assertThat(state.connectingClients()).isZero();
        assertThat(state.analyzedPackets()).isZero();
    }

    @Test
    void dhcpv6UsesElapsedTimeInHundredthsAndNeedsADuid() {
        CommunicationState state = standby(10);
        interrupt(state);
        assertThat(state.analyzeQuery6(new byte[0], OptionalInt.of(5000))).isEqualTo(ClientVerdict.NOT_RECORDED);
        byte[] duid = HexFormat.of().parseHex("00010001aabbccddeeff");
        assertThat(state.analyzeQuery6(duid, OptionalInt.of(1000))).isEqualTo(ClientVerdict.NEW_CLIENT);
        assertThat(state.analyzeQuery6(duid, OptionalInt.empty())).isEqualTo(ClientVerdict.STILL_WAITING);
        assertThat(state.analyzeQuery6(duid, OptionalInt.of(1001))).isEqualTo(ClientVerdict.BECAME_UNACKED);
        assertThat(state.analyzedPackets()).isEqualTo(4);
        assertThat(log.ids()).contains(HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT6,
                HaLogId.HA_COMMUNICATION_INTERRUPTED_CLIENT6_UNACKED);
    }

    @Test
    void newUnsentUpdatesMeansTheCountChangedBetweenTheLastTwoHeartbeatsAndIsPositive() {
        CommunicationState state = standby(10);
        state.heartbeatSucceeded(HaState.READY, clock.instant(), List.of(), OptionalLong.of(0));
        assertThat(state.view().partnerHasNewUnsentUpdates()).isFalse();
        state.heartbeatSucceeded(HaState.READY, clock.instant(), List.of(), OptionalLong.of(3));
        assertThat(state.view().partnerHasNewUnsentUpdates()).isTrue();
        state.heartbeatSucceeded(HaState.READY, clock.instant(), List.of(), OptionalLong.of(3));
        assertThat(state.view().partnerHasNewUnsentUpdates()).isFalse();
    }

    @Test
    void clockSkewIsMeasuredAndWarnedAboveThirtySecondsAtMostOncePerMinute() {
        CommunicationState state = standby(10);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant().plusSeconds(30), List.of(), OptionalLong.empty());
        assertThat(log.ids()).doesNotContain(HaLogId.HA_HIGH_CLOCK_SKEW);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant().minusSeconds(31), List.of(), OptionalLong.empty());
        assertThat(state.clockSkewSeconds()).isEqualTo(-31);
        assertThat(state.view().clockSkewSeconds()).isEqualTo(-31);
        clock.advanceMillis(10_000);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant().minusSeconds(31), List.of(), OptionalLong.empty());
        assertThat(log.texts(HaLogId.HA_HIGH_CLOCK_SKEW))
                .containsExactly("partner's clock is 31s behind this server's clock, please synchronize clocks!");
        clock.advanceMillis(60_000);
        state.heartbeatSucceeded(HaState.HOT_STANDBY, clock.instant().plusSeconds(45), List.of(), OptionalLong.empty());
        assertThat(log.texts(HaLogId.HA_HIGH_CLOCK_SKEW)).hasSize(2);
    }

    @Test
    void statusCountersFollowKea() {
        CommunicationState state = standby(10);
        assertThat(state.inTouch()).isFalse();
        assertThat(state.ageSeconds()).isZero();
        clock.advanceMillis(12_500);
        state.heartbeatFailed(true, "timeout");
        assertThat(state.inTouch()).isTrue();
        assertThat(state.partnerState()).contains(HaState.UNAVAILABLE);
        assertThat(state.ageSeconds()).isEqualTo(12);
        assertThat(state.unackedClientsLeft()).isZero();
    }
}

package dev.nestor.ha.state;

import java.util.Objects;
import java.util.Optional;

/**
 * What this server knows about its failover partner when the state machine runs: the input the transition
 * table reads besides this server's own state.
 *
 * @param partnerState               the state the partner reported in its last heartbeat, {@link HaState#UNAVAILABLE}
 *                                   after a failed heartbeat or request, empty if never contacted
 * @param communicationInterrupted   no successful heartbeat for longer than max-response-delay
 * @param failureDetected            the unacked-clients analysis concluded (or max-unacked-clients is 0)
 * @param partnerHasNewUnsentUpdates the partner's unsent-update-count changed between the last two heartbeats and
 *                                   is above 0 (it served clients without telling us)
 * @param clockSkewSeconds           partner clock minus local clock at the last heartbeat, whole seconds
 */
public record PartnerView(Optional<HaState> partnerState, boolean communicationInterrupted, boolean failureDetected,
                          boolean partnerHasNewUnsentUpdates, long clockSkewSeconds) {

    public PartnerView {
        Objects.requireNonNull(partnerState, "partnerState");
    }

    /** A partner seen in the given state, in touch, with no skew and nothing unusual. */
    public static PartnerView seen(HaState state) {
        return new PartnerView(Optional.of(state), false, false, false, 0);
    }

    /** A partner never contacted yet. */
    public static PartnerView neverContacted() {
        return new PartnerView(Optional.empty(), false, false, false, 0);
    }

    public PartnerView interrupted(boolean failureDetected) {
        return new PartnerView(partnerState, true, failureDetected, partnerHasNewUnsentUpdates, clockSkewSeconds);
    }

    public PartnerView withNewUnsentUpdates() {
        return new PartnerView(partnerState, communicationInterrupted, failureDetected, true, clockSkewSeconds);
    }

    public PartnerView withClockSkew(long seconds) {
        return new PartnerView(partnerState, communicationInterrupted, failureDetected, partnerHasNewUnsentUpdates,
                seconds);
    }

    /** The state name as {@code HA_STATE_TRANSITION} prints it ({@code UNDEFINED} before any contact). */
    public String logName() {
        return partnerState.map(HaState::logName).orElse("UNDEFINED");
    }
}

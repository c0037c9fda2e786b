package dev.nestor.server.hooks;

/** What a {@link PacketAdmission} decided for a received packet. */
public enum Admission {
    /** Process the packet normally. */
    ANSWER,
    /** Drop it silently (HA: not in this server's scope); it is not counted as a receive drop. */
    DROP
}

package dev.nestor.control.engine;

import java.util.OptionalLong;

/**
 * The engine's "may I answer DHCP now" switch, driven by {@code dhcp-disable}/{@code dhcp-enable}.
 * Kea keeps one disabled marker per origin; service runs only when none is set. A {@code max-period}
 * arms a one-shot timer for that origin that re-enables it; a later disable with a period replaces
 * the timer, a disable without one or an enable leaves a pending timer armed (Kea 2.2 behaviour).
 */
public interface DhcpServiceSwitch {

    /** Who asked; Kea's {@code origin} strings. */
    enum Origin {
        USER("user"),
        HA_PARTNER("ha-partner");

        private final String text;

        Origin(String text) {
            this.text = text;
        }

        /** Kea's spelling. */
        public String text() {
            return text;
        }

        /** The origin for Kea's spelling, or null. */
        public static Origin of(String text) {
            for (Origin origin : values()) {
                if (origin.text.equals(text)) {
                    return origin;
                }
            }
            return null;
        }
    }

    /** Sets the origin's marker; with a period, re-enables that origin after so many seconds. */
    void disable(Origin origin, OptionalLong maxPeriodSeconds);

    /** Clears the origin's marker. */
    void enable(Origin origin);

    /** Whether DHCP service is running (no marker set). */
    boolean enabled();
}

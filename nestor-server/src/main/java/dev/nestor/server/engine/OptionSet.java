package dev.nestor.server.engine;

import java.util.Arrays;

/**
 * Configured DHCPv4 options (space {@code dhcp4}) of one scope, already encoded, indexed by code for the response
 * builder: one array read per requested code.
 *
 * <p>Immutable once built. {@link #under} layers a more specific scope over a less specific one, which is how the
 * engine resolves Kea's inheritance (pool, subnet, shared network, classes, global) once at configuration time.
 */
public final class OptionSet {
    /** The set with no options. */
    public static final OptionSet EMPTY = new OptionSet(new byte[256][], new boolean[256]);

    private final byte[][] payloads;
    private final boolean[] alwaysSend;
    private final int[] alwaysSendCodes;

    private OptionSet(byte[][] payloads, boolean[] alwaysSend) {
        this.payloads = payloads;
        this.alwaysSend = alwaysSend;
        int count = 0;
        for (boolean flag : alwaysSend) {
            count += flag ? 1 : 0;
        }
        int[] codes = new int[count];
        for (int code = 0, i = 0; code < 256; code++) {
            if (alwaysSend[code]) {
                codes[i++] = code;
            }
        }
        alwaysSendCodes = codes;
    }

    /** A builder for one scope's options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The payload of {@code code}, or null when this set has none. The array must not be modified. */
    public byte[] payload(int code) {
        return payloads[code & 0xFF];
    }

    /** Whether {@code code} is sent even when not requested (flag set at any merged level). */
    public boolean alwaysSend(int code) {
        return alwaysSend[code & 0xFF];
    }

    /** Codes flagged always-send, ascending. The array must not be modified. */
    public int[] alwaysSendCodes() {
        return alwaysSendCodes;
    }

    /** Whether the set has no options. */
    public boolean isEmpty() {
        for (byte[] payload : payloads) {
            if (payload != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * This set layered over {@code lower}: codes present here win, the rest come from {@code lower}; always-send is
     * the union (Kea: the flag at any level forces the code, the value comes from the highest level).
     */
    public OptionSet over(OptionSet lower) {
        byte[][] merged = lower.payloads.clone();
        boolean[] flags = lower.alwaysSend.clone();
        for (int code = 0; code < 256; code++) {
            if (payloads[code] != null) {
                merged[code] = payloads[code];
            }
            flags[code] |= alwaysSend[code];
        }
        return new OptionSet(merged, flags);
    }

    /** Collects options of one scope; the first value of a code wins, as Kea keeps the first definition. */
    public static final class Builder {
        private final byte[][] payloads = new byte[256][];
        private final boolean[] alwaysSend = new boolean[256];

        private Builder() {
        }

        /** Adds option {@code code} with {@code payload} (copied). */
        public Builder add(int code, byte[] payload, boolean alwaysSendFlag) {
            if (code <= 0 || code >= 255) {
                throw new IllegalArgumentException("option code " + code + " cannot be configured");
            }
            if (payloads[code] == null) {
                payloads[code] = Arrays.copyOf(payload, payload.length);
            }
            alwaysSend[code] |= alwaysSendFlag;
            return this;
        }

        /** The set. */
        public OptionSet build() {
            return new OptionSet(payloads.clone(), alwaysSend.clone());
        }
    }
}

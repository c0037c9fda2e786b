package dev.nestor.server.engine;

/**
 * The lease-shaping parameters of one subnet after inheritance (subnet, then shared network, then global, then
 * Kea's built-in default).
 *
 * @param validMin          {@code min-valid-lifetime}
 * @param validDefault      {@code valid-lifetime}
 * @param validMax          {@code max-valid-lifetime}
 * @param renewTimer        {@code renew-timer}, -1 when not configured anywhere in scope
 * @param rebindTimer       {@code rebind-timer}, -1 when not configured
 * @param calculateTeeTimes {@code calculate-tee-times}
 * @param t1Percent         {@code t1-percent}
 * @param t2Percent         {@code t2-percent}
 * @param cacheThreshold    {@code cache-threshold}, NaN when not configured
 * @param cacheMaxAge       {@code cache-max-age}, -1 when not configured
 * @param matchClientId     {@code match-client-id}
 * @param authoritative     {@code authoritative}
 */
public record LeaseParameters(long validMin, long validDefault, long validMax, long renewTimer, long rebindTimer,
                              boolean calculateTeeTimes, double t1Percent, double t2Percent, double cacheThreshold,
                              long cacheMaxAge, boolean matchClientId, boolean authoritative) {
    /** Kea's defaults: 7200 s, no timers, no caching, match-client-id on, not authoritative. */
    public static LeaseParameters defaults() {
        return new LeaseParameters(7200, 7200, 7200, -1, -1, false, 0.5, 0.875, Double.NaN, -1, true, false);
    }

    /** The lifetime for a client that asked for {@code requested} seconds (0 = did not ask). */
    public long lifetimeFor(long requested) {
        if (requested <= 0) {
            return validDefault;
        }
        return Math.max(validMin, Math.min(validMax, requested));
    }

    /** Option 59 value for lifetime {@code lifetime}, or 0 when not sent (dhcp4-behaviour.md §9). */
    public long rebindFor(long lifetime) {
        long t2 = rebindTimer >= 0 ? rebindTimer : calculateTeeTimes ? Math.round(t2Percent * lifetime) : 0;
        return t2 > 0 && t2 < lifetime ? t2 : 0;
    }

    /** Option 58 value for lifetime {@code lifetime}, or 0 when not sent. */
    public long renewFor(long lifetime) {
        long t2 = rebindFor(lifetime);
        long ceiling = t2 > 0 ? t2 : lifetime;
        long t1 = renewTimer >= 0 ? renewTimer : calculateTeeTimes ? Math.round(t1Percent * lifetime) : 0;
        return t1 > 0 && t1 < ceiling ? t1 : 0;
    }
}

package dev.nestor.config;

/**
 * {@code multi-threading} (Kea 2.2 defaults: disabled, pool size 0 = auto, queue 64).
 *
 * @param enabled          {@code enable-multi-threading}
 * @param threadPoolSize   {@code thread-pool-size}; 0 = number of CPUs
 * @param packetQueueSize  {@code packet-queue-size}; 0 = unlimited
 */
public record MultiThreading(boolean enabled, int threadPoolSize, int packetQueueSize) {
    /** Kea 2.2's defaults. */
    public static MultiThreading defaults() {
        return new MultiThreading(false, 0, 64);
    }
}

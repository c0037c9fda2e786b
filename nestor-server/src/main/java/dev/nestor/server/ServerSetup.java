package dev.nestor.server;

import dev.nestor.server.engine.EnginePlan;
import java.util.List;

/**
 * What a {@link Dhcp4Server} runs with, apart from the lease store: the engine plan and the runtime knobs of the
 * configuration ({@code interfaces-config}, {@code multi-threading}, {@code parked-packet-limit}).
 *
 * @param plan              subnets, pools, options, lifetimes
 * @param interfaces        {@code interfaces-config.interfaces} entries ({@code eth0}, {@code eth0/10.0.0.1},
 *                          {@code *})
 * @param multiThreading    {@code enable-multi-threading}: false processes packets on the receive thread as Kea's
 *                          single-threaded mode does
 * @param threadPoolSize    workers when multi-threaded, 0 = number of CPUs
 * @param packetQueueSize   bound of each worker's queue, oldest dropped when full; 0 = Kea's unlimited, taken
 *                          here as 65536
 * @param parkedPacketLimit responses held for the committed hook at most, 0 = unlimited
 */
public record ServerSetup(EnginePlan plan, List<String> interfaces, boolean multiThreading, int threadPoolSize,
                          int packetQueueSize, int parkedPacketLimit) {
    public ServerSetup {
        interfaces = List.copyOf(interfaces);
    }

    /** Number of worker threads this setup asks for (0 when single-threaded). */
    public int workers() {
        if (!multiThreading) {
            return 0;
        }
        return threadPoolSize > 0 ? threadPoolSize : Runtime.getRuntime().availableProcessors();
    }

    /** The queue bound actually used. */
    public int queueCapacity() {
        return packetQueueSize > 0 ? packetQueueSize : 65536;
    }
}

package dev.nestor.control.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The engine's part of {@code status-get}.
 *
 * @param pid                  process id
 * @param uptimeSeconds        seconds since start
 * @param reloadSeconds        seconds since the last successful configuration commit
 * @param multiThreading       whether packet processing is multi-threaded
 * @param threadPoolSize       worker threads (reported only with multi-threading)
 * @param packetQueueSize      queue capacity (reported only with multi-threading)
 * @param queueStatistics      average queue length over the last 10, 100, 1000 packets (multi-threading only;
 *                             empty when not measured, and then not reported)
 * @param socketStatus         {@code ready}, {@code retrying} or {@code failed}
 * @param socketErrors         errors when not ready
 */
public record ServerStatus(long pid, long uptimeSeconds, long reloadSeconds, boolean multiThreading,
                           OptionalInt threadPoolSize, OptionalInt packetQueueSize, List<Double> queueStatistics,
                           String socketStatus, List<String> socketErrors) {

    public ServerStatus {
        Objects.requireNonNull(threadPoolSize, "threadPoolSize");
        Objects.requireNonNull(packetQueueSize, "packetQueueSize");
        queueStatistics = List.copyOf(queueStatistics);
        Objects.requireNonNull(socketStatus, "socketStatus");
        socketErrors = List.copyOf(socketErrors);
    }
}

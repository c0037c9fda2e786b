package dev.nestor.control.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep a control listener alive under hostile or broken clients. Kea has no size or
 * connection limit; Nestor adds them so one client cannot exhaust memory or threads.
 *
 * <ul>
 *   <li>{@code maxRequestBytes}: largest command document (unix) or HTTP body accepted; a larger one
 *       is answered with an error (unix: result 1; HTTP: 413) and the connection is closed.
 *   <li>{@code requestTimeout}: unix socket: time allowed since the last received bytes, as Kea's
 *       fixed 10 s; HTTP: time allowed for a whole request (headers and body) once its first byte
 *       arrived. Expiry: unix answers Kea's "timed out" error, HTTP answers 408; both then close.
 *   <li>{@code idleTimeout}: HTTP only, how long a keep-alive connection may wait for its next
 *       request (Kea: 30 s); then it is closed silently.
 *   <li>{@code maxConnections}: connections served at once per listener; further ones are accepted
 *       and closed at once, so the backlog never fills and the listener never blocks.
 *   <li>{@code maxHeaderBytes}: HTTP request line plus headers; beyond it, 400 and close.
 * </ul>
 */
public record ControlLimits(
        int maxRequestBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnections,
        int maxHeaderBytes) {

    /** 16 MiB documents, 10 s request timeout, 30 s idle, 64 connections, 16 KiB of headers. */
    public static final ControlLimits DEFAULTS =
            new ControlLimits(16 << 20, Duration.ofSeconds(10), Duration.ofSeconds(30), 64, 16 << 10);

    public ControlLimits {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxRequestBytes <= 0 || maxConnections <= 0 || maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public ControlLimits withMaxRequestBytes(int value) {
        return new ControlLimits(value, requestTimeout, idleTimeout, maxConnections, maxHeaderBytes);
    }

    public ControlLimits withRequestTimeout(Duration value) {
        return new ControlLimits(maxRequestBytes, value, idleTimeout, maxConnections, maxHeaderBytes);
    }

    public ControlLimits withIdleTimeout(Duration value) {
        return new ControlLimits(maxRequestBytes, requestTimeout, value, maxConnections, maxHeaderBytes);
    }

    public ControlLimits withMaxConnections(int value) {
        return new ControlLimits(maxRequestBytes, requestTimeout, idleTimeout, value, maxHeaderBytes);
    }
}

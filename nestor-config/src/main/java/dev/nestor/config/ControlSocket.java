package dev.nestor.config;

import dev.nestor.json.JsonObject;

/**
 * A control channel listener from {@code control-socket} (Kea 2.2) or one entry of {@code control-sockets} (newer).
 *
 * @param socketType    {@code unix} (Kea 2.2 runs only this), {@code http} or {@code https}
 * @param socketName    unix socket path (unix only, else empty)
 * @param socketAddress HTTP listen address (http only, default 127.0.0.1, else empty)
 * @param socketPort    HTTP port (http only, default 8000, else 0)
 * @param userContext   user context or {@code null}
 */
public record ControlSocket(String socketType, String socketName, String socketAddress, int socketPort,
                            JsonObject userContext) {
}

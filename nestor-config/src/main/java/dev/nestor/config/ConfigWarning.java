package dev.nestor.config;

import dev.nestor.json.Position;

/**
 * Something accepted that the operator should hear about: a Kea syntax warning (trailing comma), or a setting
 * Kea accepts silently although it hurts (HA timers that cannot work, peers' URLs that cannot both be right, ...).
 *
 * @param id       a stable message ID (Kea's where it has one, e.g. {@code DHCP4_CONFIG_SYNTAX_WARNING})
 * @param position where, or {@code null}
 * @param keyPath  the key path, or empty
 * @param message  the text
 */
public record ConfigWarning(String id, Position position, String keyPath, String message) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(id).append(' ').append(message);
        if (position != null && !message.contains(position.dotted())) b.append(" (").append(position).append(')');
        if (!keyPath.isEmpty()) b.append(" [").append(keyPath).append(']');
        return b.toString();
    }
}

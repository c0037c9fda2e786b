package dev.nestor.config;

import dev.nestor.json.JsonObject;

/**
 * One {@code hooks-libraries} entry that Nestor provides natively (recognised by file name in any directory).
 *
 * @param library    the path as written
 * @param kind       which built-in feature it stands for
 * @param parameters the {@code parameters} map, or {@link JsonObject#EMPTY}
 */
public record HookLibrary(String library, Kind kind, JsonObject parameters) {
    /** The hook libraries Nestor implements itself. */
    public enum Kind {
        /** {@code libdhcp_ha.so}: High Availability. */
        HIGH_AVAILABILITY("libdhcp_ha.so"),
        /** {@code libdhcp_lease_cmds.so}: lease commands on the control channel. */
        LEASE_COMMANDS("libdhcp_lease_cmds.so");

        private final String fileName;

        Kind(String fileName) {
            this.fileName = fileName;
        }

        /** Kea's library file name. */
        public String fileName() { return fileName; }

        /** The kind whose file name ends {@code path} (any directory), or {@code null}. */
        public static Kind ofPath(String path) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            for (Kind k : values()) {
                if (k.fileName.equals(name)) return k;
            }
            return null;
        }
    }
}

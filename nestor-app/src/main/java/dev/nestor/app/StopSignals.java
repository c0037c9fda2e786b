package dev.nestor.app;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop, so that the server closes its sockets, its lease file and its HA
 * partner connections in order and exits 0, as Kea's daemons do (the JVM's default would exit 143/130).
 */
final class StopSignals {
    private StopSignals() {
    }

    /** Installs {@code stop} for TERM and INT; false where the platform refuses (the shutdown hook then serves). */
    static boolean install(Runnable stop) {
        try {
            Signal.handle(new Signal("TERM"), signal -> stop.run());
            Signal.handle(new Signal("INT"), signal -> stop.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }
}

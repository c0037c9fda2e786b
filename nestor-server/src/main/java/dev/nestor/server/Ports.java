package dev.nestor.server;

/**
 * UDP ports from the command line ({@code -p}, {@code -P}).
 *
 * @param serverPort port to listen on (67 by default; 0 picks a free port, for tests)
 * @param clientPort port every reply goes to; 0 = Kea's rules (68 to clients, 67 to relays)
 */
public record Ports(int serverPort, int clientPort) {
    /** Kea's defaults: listen on 67, answer by the rules. */
    public static Ports standard() {
        return new Ports(67, 0);
    }
}

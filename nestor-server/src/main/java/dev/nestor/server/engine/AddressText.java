package dev.nestor.server.engine;

/**
 * An IPv4 address (int) whose dotted-quad text is built only when {@link #toString()} is called: log arguments
 * cost nothing while the message's level is off.
 */
public record AddressText(int address) {
    @Override
    public String toString() {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}

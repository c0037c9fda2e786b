package dev.nestor.server.net;

/** An {@code interfaces-config} entry names an interface or address this host does not have. */
public final class InterfaceSelectionException extends Exception {
    public InterfaceSelectionException(String message) {
        super(message);
    }
}

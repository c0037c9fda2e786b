package dev.nestor.tools.lab;

/** The lab could not set up its pair (a file it cannot write, a server that does not start): exit code 2. */
public final class LabStartException extends Exception {
    public LabStartException(String message) {
        super(message);
    }
}

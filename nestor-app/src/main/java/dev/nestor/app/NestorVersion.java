package dev.nestor.app;

import picocli.CommandLine.IVersionProvider;

/** Version text, as {@code -v} prints it (Kea prints the bare version). */
public final class NestorVersion implements IVersionProvider {
    public static String version() {
        String v = NestorVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {version()};
    }
}

package dev.nestor.control.commands;

import java.util.Objects;

/**
 * What {@code version-get} and {@code build-report} tell: {@code version} is the text of
 * {@code version-get} (Nestor reports the Kea version it is compatible with, so tools that parse it
 * keep working), {@code extended} its {@code arguments.extended}, {@code buildReport} the text of
 * {@code build-report}.
 */
public record ServerIdentity(String version, String extended, String buildReport) {

    public ServerIdentity {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(extended, "extended");
        Objects.requireNonNull(buildReport, "buildReport");
    }

    /** Nestor's identity for a given Nestor version string. */
    public static ServerIdentity nestor(String nestorVersion) {
        String javaVersion = System.getProperty("java.version", "unknown");
        String extended = "2.2.0\nNestor " + nestorVersion + " (Kea 2.2 compatible)\nlinked with:\nJava "
                + javaVersion + "\ndatabase:\nMemfile backend 2.1";
        String report = "Nestor " + nestorVersion + "\nCompatible with ISC Kea 2.2.0\nJava runtime: " + javaVersion
                + "\nLease backends: memfile";
        return new ServerIdentity("2.2.0", extended, report);
    }
}

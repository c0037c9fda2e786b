package dev.nestor.ha.log;

/** Kea's log severities, as printed in its log lines. */
public enum Severity {
    DEBUG, INFO, WARN, ERROR
}

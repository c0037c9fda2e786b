package dev.nestor.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code nestor dhcp4 -t FILE} / {@code nestor dhcp6 -t FILE} does: load and validate the file, print warnings
 * as log lines on {@code out}, print the error the way {@code kea-dhcp4 -t} does (syntax problems as
 * {@code Syntax check failed with: file:line.col: ...}, semantic ones as {@code Error encountered: ... (file:line:col)},
 * both followed by the key path) on {@code err}, and return the exit code (0 valid, 1 not).
 *
 * <p>Like Kea, nothing is printed for a valid file except warnings. Unlike Kea, the interfaces named in
 * {@code interfaces-config} need not exist on this machine: they are checked when the server starts.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** Checks {@code file} for {@code family}; returns the process exit code. */
    public static int run(Family family, Path file, PrintStream out, PrintStream err) {
        try {
            LoadedConfig<?> loaded = family == Family.V4 ? ConfigLoader.loadDhcp4(file) : ConfigLoader.loadDhcp6(file);
            printWarnings(loaded.warnings(), out);
            return 0;
        } catch (ConfigException e) {
            err.println(format(family, e));
            if (!e.syntaxPhase()) {
                out.println("ERROR " + family.logPrefix() + "_PARSER_FAIL failed to create or run parser for"
                        + " configuration element " + element(e.keyPath()) + ": " + e.getMessage());
            }
            return 1;
        } catch (RuntimeException e) {
            // A bug in Nestor, not in the file: still one clear line and a non-zero exit, never a stack trace.
            err.println("Error encountered: internal error while checking " + file + ": " + e);
            return 1;
        }
    }

    /** Kea's stderr line for {@code e}, with the key path appended. */
    public static String format(Family family, ConfigException e) {
        String path = e.keyPath().isEmpty() ? "" : " [key " + e.keyPath() + "]";
        return (e.syntaxPhase() ? "Syntax check failed with: " : "Error encountered: ") + e.getMessage() + path;
    }

    /** Prints warnings as {@code WARN  <ID> <text>} lines. */
    public static void printWarnings(List<ConfigWarning> warnings, PrintStream out) {
        for (ConfigWarning w : warnings) {
            out.println("WARN  " + w);
        }
    }

    private static String element(String keyPath) {
        int dot = keyPath.indexOf('.');
        if (dot < 0) return keyPath;
        String rest = keyPath.substring(dot + 1);
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.' || c == '[') {
                end = i;
                break;
            }
        }
        return rest.substring(0, end);
    }
}

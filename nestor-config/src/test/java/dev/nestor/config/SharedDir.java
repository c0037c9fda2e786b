package dev.nestor.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the team's shared directory: a {@code shared/} sibling of the repository, or {@code /work/shared}. */
final class SharedDir {
    private SharedDir() {
    }

    static Path get() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("kea-examples"))) return candidate;
            Path inside = p.resolve("shared");
            if (Files.isDirectory(inside.resolve("kea-examples"))) return inside;
        }
        Path fallback = Path.of("/work/shared");
        if (Files.isDirectory(fallback)) return fallback;
        throw new IllegalStateException("shared directory not found from " + dir);
    }
}

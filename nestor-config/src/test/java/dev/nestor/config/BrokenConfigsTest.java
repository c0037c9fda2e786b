package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under {@code src/test/resources/broken/} (Dhcp4) and {@code broken6/} (Dhcp6) holds one mistake. Its header says what the refusal must contain
 * ({@code // expect:}), which key path it must name ({@code // key:}), and whether stock Kea refuses it with the same
 * words ({@code // kea: same}). The expected line is the one marked {@code <-- mistake} (or {@code // expect-line:}).
 */
class BrokenConfigsTest {

    record Case(Path file, Family family, String fragment, String key, int line, boolean keaSame) {
        @Override
        public String toString() {
            return file.getParent().getFileName() + "/" + file.getFileName();
        }
    }

    static Path directory(String name) throws URISyntaxException {
        return Path.of(BrokenConfigsTest.class.getResource("/" + name).toURI());
    }

    static Stream<Case> cases() throws IOException, URISyntaxException {
        List<Case> out = new java.util.ArrayList<>();
        for (Family family : Family.values()) {
            try (Stream<Path> files = Files.list(directory(family == Family.V4 ? "broken" : "broken6"))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> read(p, family)).forEach(out::add);
            }
        }
        return out.stream();
    }

    private static Case read(Path file, Family family) {
        try {
            List<String> lines = Files.readAllLines(file);
            String fragment = null;
            String key = "";
            int line = -1;
            boolean keaSame = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("// expect: ")) fragment = l.substring("// expect: ".length());
                if (l.startsWith("// key: ")) key = l.substring("// key: ".length()).strip();
                if (l.startsWith("// kea: same")) keaSame = true;
                if (l.startsWith("// expect-line: ")) line = Integer.parseInt(l.substring("// expect-line: ".length()).strip());
                if (l.contains("<-- mistake") && line < 0) line = i + 1;
            }
            if (fragment == null || line < 0) throw new IllegalStateException(file + " lacks its expect header or marker");
            return new Case(file, family, fragment, key, line, keaSame);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thereAreAtLeastThirtyBrokenConfigs() throws Exception {
        assertThat(cases().filter(c -> c.family() == Family.V4).count()).isGreaterThanOrEqualTo(30);
        assertThat(cases().filter(c -> c.family() == Family.V6).count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithFileLineAndKey(Case c) {
        assertThatThrownBy(() -> {
            if (c.family() == Family.V4) ConfigLoader.loadDhcp4(c.file());
            else ConfigLoader.loadDhcp6(c.file());
        })
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).contains(c.fragment());
                    assertThat(e.position()).as("position of " + e.getMessage()).isNotNull();
                    assertThat(e.position().line()).as(e.getMessage()).isEqualTo(c.line());
                    assertThat(e.position().file()).endsWith(c.file().getFileName().toString());
                    if (!c.key().isEmpty()) assertThat(e.keyPath()).contains(c.key());
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configCheckPrintsItAndExitsNonZero(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConfigCheck.run(c.family(), c.file(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).isEqualTo(1);
        assertThat(stderr).contains(c.fragment());
        assertThat(stderr).containsPattern(java.util.regex.Pattern.quote(c.file().toString()) + ":" + c.line() + "[.:]");
        assertThat(stderr).startsWith(stderr.startsWith("Syntax") ? "Syntax check failed with: " : "Error encountered: ");
        assertThat(stderr.lines().count()).isEqualTo(1);
    }

    /** Stock kea-dhcp4/kea-dhcp6 refuses the same files with the same words (skipped when Kea is not installed). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stockKeaAgrees(Case c, @TempDir Path runDir) throws Exception {
        assumeTrue(c.keaSame(), "Kea refuses this file for another reason or accepts it (Nestor is stricter)");
        String binary = c.family() == Family.V4 ? "kea-dhcp4" : "kea-dhcp6";
        Path kea = Stream.of("/usr/sbin/", "/usr/bin/", "/usr/local/sbin/")
                .map(dir -> Path.of(dir + binary)).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kea != null, "stock " + binary + " is not installed");
        ProcessBuilder pb = new ProcessBuilder(kea.toString(), "-t", c.file().toString()).redirectErrorStream(true);
        pb.environment().put("KEA_PIDFILE_DIR", runDir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", runDir.toString());
        pb.directory(runDir.toFile());
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(new String(output, StandardCharsets.UTF_8)).contains(c.fragment());
    }
}

package dev.nestor.server.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The message catalogue is complete, used, and its Kea IDs are Kea's. */
class LogCatalogueTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern ID_LITERAL = Pattern.compile("\"((?:DHCP4|ALLOC_ENGINE|NESTOR)_[A-Z0-9_]+)\"");
    private static final Pattern ID_USE = Pattern.compile("LogMessage\\.([A-Z0-9_]+)");

    private static List<String> mainSources() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.getFileName().toString().equals("LogMessage.java")) {
                    texts.add(Files.readString(file));
                }
            }
        }
        return texts;
    }

    @Test
    void everyLoggedIdIsInTheCatalogueAndEveryCatalogueIdIsLogged() throws IOException {
        Set<String> catalogue = new HashSet<>();
        for (LogMessage message : LogMessage.values()) {
            catalogue.add(message.name());
        }
        Set<String> used = new HashSet<>();
        for (String text : mainSources()) {
            Matcher literal = ID_LITERAL.matcher(text);
            while (literal.find()) {
                assertThat(catalogue).as("message id written as a string instead of the catalogue")
                        .contains(literal.group(1));
                used.add(literal.group(1));
            }
            Matcher use = ID_USE.matcher(text);
            while (use.find()) {
                used.add(use.group(1));
            }
        }
        assertThat(used).as("catalogue entries nobody logs").containsAll(catalogue);
    }

    @Test
    void templatesNumberTheirArgumentsFromOne() {
        for (LogMessage message : LogMessage.values()) {
            Matcher placeholder = Pattern.compile("%(\\d)").matcher(message.template());
            while (placeholder.find()) {
                int index = Integer.parseInt(placeholder.group(1));
                assertThat(index).as(message.name()).isBetween(1, message.argumentCount());
            }
            assertThat(message.loggerName()).startsWith("kea-dhcp4.");
        }
    }

    @Test
    void keaIdsExistInStockKea() throws IOException {
        Path binary = Path.of("/usr/sbin/kea-dhcp4");
        Path dhcpsrv = findLibrary("libkea-dhcpsrv.so");
        assumeTrue(Files.isReadable(binary) && dhcpsrv != null, "stock kea-dhcp4 not installed");
        String strings = new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1)
                + new String(Files.readAllBytes(dhcpsrv), StandardCharsets.ISO_8859_1);
        for (LogMessage message : LogMessage.values()) {
            if (message.origin() == LogMessage.Origin.KEA) {
                assertThat(strings).as("Kea 2.2 has " + message.name()).contains(message.name() + "\0");
            }
        }
    }

    private static Path findLibrary(String prefix) throws IOException {
        Path directory = Path.of("/usr/lib/x86_64-linux-gnu");
        if (!Files.isDirectory(directory)) {
            return null;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f))
                    .findFirst().orElse(null);
        }
    }
}

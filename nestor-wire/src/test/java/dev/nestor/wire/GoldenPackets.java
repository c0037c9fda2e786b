package dev.nestor.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Loads the captured golden packets (hex files with '#' provenance headers) from test resources. */
public final class GoldenPackets {
    private GoldenPackets() {
    }

    /** One golden packet: its resource name and bytes. */
    public record Golden(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Bytes of {@code golden/<name>.hex}. */
    public static byte[] load(String name) {
        String resource = "/golden/" + name + ".hex";
        try (InputStream in = GoldenPackets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.strip());
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All golden packets whose names start with {@code prefix} ("v4" or "v6"), numbered 01 upwards. */
    public static List<Golden> all(String prefix) {
        List<Golden> result = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            String name = String.format("%s-%02d", prefix, i);
            if (GoldenPackets.class.getResource("/golden/" + name + ".hex") == null) {
                break;
            }
            result.add(new Golden(name, load(name)));
        }
        return result;
    }
}

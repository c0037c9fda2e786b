package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNull;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded loops (the seed and case number appear in every failure, so it can be replayed). Mutated configurations (text-level and tree-level, seeded from the shared seed and corpus files) are either
 * accepted or refused with a {@link ConfigException} that has a message; never any other exception.
 */
class ConfigFuzzTest {
    private static final List<String> SEEDS = List.of("examples/seed-primary.json",
            "kea-examples/2.2.0/kea4/all-options.json", "kea-examples/2.2.0/kea4/advanced.json",
            "kea-examples/2.2.0/kea4/shared-network.json", "kea-examples/2.2.0/kea4/reservations.json",
            "kea-examples/3.3.0/kea4/ha-load-balancing-server1-mt-with-tls.json",
            "kea-examples/2.2.0/kea6/advanced.json", "kea-examples/2.2.0/kea6/ha-hot-standby.json",
            "kea-examples/2.2.0/kea6/softwire46.json", "kea-examples/2.2.0/kea6/several-subnets.json");
    private static final List<JsonValue> REPLACEMENTS = List.of(JsonNumber.of(0), JsonNumber.of(-1),
            JsonNumber.of(70000), JsonNumber.of(Long.MAX_VALUE), JsonNumber.of(0.5), JsonNumber.of(2.5),
            JsonString.of(""), JsonString.of("x"), JsonString.of("192.0.2.300"), JsonString.of("10.0.0.0/8"),
            JsonString.of("2001:db8::/200"), JsonString.of("1.2.3.4 - 1.2.3.1"), JsonString.of("http://[::1"),
            JsonString.of("'q'"), JsonString.of("0x"), JsonString.of("a,b,,"), JsonBoolean.TRUE, JsonBoolean.FALSE,
            JsonNull.INSTANCE, JsonArray.EMPTY, JsonObject.EMPTY, JsonArray.of(JsonString.of("*"), JsonString.of("*")));

    private static String seedText(int index) throws Exception {
        return Files.readString(SharedDir.get().resolve(SEEDS.get(Math.floorMod(index, SEEDS.size()))));
    }

    private static boolean v6(int index) {
        return SEEDS.get(Math.floorMod(index, SEEDS.size())).contains("kea6");
    }

    private static final long SEED = 0xC0F1_6L;

    private static void load(String text, boolean v6, String description) {
        try {
            if (v6) ConfigLoader.parseDhcp6(text, "fuzz.json", Path.of("/nonexistent"));
            else ConfigLoader.parseDhcp4(text, "fuzz.json", Path.of("/nonexistent"));
        } catch (ConfigException e) {
            assertThat(e.getMessage()).as(description).isNotBlank();
        } catch (RuntimeException bug) {
            throw new AssertionError(description + ": " + bug, bug);
        }
    }

    private static void load(JsonValue document, boolean v6, String description) {
        try {
            if (v6) ConfigLoader.fromJsonDhcp6(document);
            else ConfigLoader.fromJsonDhcp4(document);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).as(description).isNotBlank();
        } catch (RuntimeException bug) {
            throw new AssertionError(description + ": " + bug, bug);
        }
    }

    @Test
    void textMutationsGiveOnlyConfigExceptions() throws Exception {
        Random cases = new Random(SEED);
        for (int c = 0; c < 2000; c++) {
            textCase(c % SEEDS.size(), cases.nextLong(), "seed " + SEED + " case " + c);
        }
    }

    @Test
    void treeMutationsGiveOnlyConfigExceptions() throws Exception {
        Random cases = new Random(SEED + 1);
        for (int c = 0; c < 2000; c++) {
            treeCase(c % SEEDS.size(), cases.nextLong(), "seed " + (SEED + 1) + " case " + c);
        }
    }

    private static void textCase(int seedIndex, long randomSeed, String description) throws Exception {
        String text = seedText(seedIndex);
        Random random = new Random(randomSeed);
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !b.isEmpty(); i++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, "{}[],:\"0-./a".charAt(random.nextInt(12)));
                case 2 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
                default -> b.delete(at, Math.min(b.length(), at + random.nextInt(40)));
            }
        }
        load(b.toString(), v6(seedIndex), description);
    }

    private static void treeCase(int seedIndex, long randomSeed, String description) throws Exception {
        JsonValue document = JsonParser.parseKea(seedText(seedIndex), "seed", Path.of("")).value();
        Random random = new Random(randomSeed);
        JsonValue mutated = document;
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            mutated = mutate(mutated, random, 0);
        }
        load(mutated, v6(seedIndex), description);
    }

    /** Replaces one randomly chosen node (at any depth) by a hostile value, or removes one member. */
    private static JsonValue mutate(JsonValue value, Random random, int depth) {
        boolean here = random.nextInt(6) == 0 || depth > 12;
        switch (value) {
            case JsonObject o when !o.isEmpty() && !here -> {
                List<String> keys = new ArrayList<>(o.keys());
                String key = keys.get(random.nextInt(keys.size()));
                if (random.nextInt(10) == 0 && depth > 0) return o.without(key);
                Map<String, JsonValue> copy = new LinkedHashMap<>(o.members());
                copy.put(key, mutate(o.get(key), random, depth + 1));
                return JsonObject.of(copy, Map.of(), o.position());
            }
            case JsonArray a when !a.isEmpty() && !here -> {
                List<JsonValue> copy = new ArrayList<>(a.elements());
                int index = random.nextInt(copy.size());
                if (random.nextInt(8) == 0) {
                    copy.add(copy.get(index));
                } else {
                    copy.set(index, mutate(copy.get(index), random, depth + 1));
                }
                return new JsonArray(copy, a.position());
            }
            default -> {
                return depth == 0 ? value : REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()));
            }
        }
    }
}

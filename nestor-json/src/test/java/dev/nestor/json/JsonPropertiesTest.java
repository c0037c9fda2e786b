package dev.nestor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests as seeded loops: every case derives from a printed seed, so a failure names the seed that replays it.
 * Write -> parse round-trips random values; random and mutated text gives only {@link JsonParseException}s.
 */
class JsonPropertiesTest {
    private static final long SEED = 0x5EED_2026L;
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ":", ",", "\"", "\\", "\"a\"", "1", "-", ".", "e",
        "1e", "0.5", "true", "True", "null", "#", "//", "/*", "*/", "\n", " ", "<?include", "\"x\"?>", "\\u12", "\u0001",
        "9999999999999999999999", "tru", "ü", "\uD800"};

    static JsonValue randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth == 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> JsonString.of(randomString(random, 12));
            case 1 -> JsonNumber.of(random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(-1000, 1000));
            case 2 -> {
                double d = switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble();
                    case 1 -> Double.longBitsToDouble(random.nextLong());
                    case 2 -> -random.nextDouble() * 1e300;
                    default -> random.nextInt(1000) / 8.0;
                };
                yield Double.isFinite(d) ? JsonNumber.of(d) : JsonNumber.of(0.25);
            }
            case 3 -> switch (random.nextInt(3)) {
                case 0 -> JsonBoolean.TRUE;
                case 1 -> JsonBoolean.FALSE;
                default -> JsonNull.INSTANCE;
            };
            case 4 -> {
                List<JsonValue> elements = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) elements.add(randomValue(random, depth - 1));
                yield new JsonArray(elements, null);
            }
            default -> {
                JsonObject.Builder b = JsonObject.builder();
                for (int i = random.nextInt(5); i > 0; i--) b.put(randomString(random, 6), randomValue(random, depth - 1));
                yield b.build();
            }
        };
    }

    private static String randomString(SplittableRandom random, int maxLength) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            b.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) random.nextInt(0x20, 0x7f);
                case 2 -> "\"\\/".charAt(random.nextInt(3));
                case 3 -> (char) random.nextInt(0x80, 0xd7ff);
                default -> (char) random.nextInt('a', 'z' + 1);
            });
        }
        return b.toString();
    }

    @Test
    void compactRoundTrips() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            JsonValue value = randomValue(random, 3);
            assertThat(JsonParser.parseStrict(value.toJson())).as("seed %d case %d", SEED, i).isEqualTo(value);
        }
    }

    @Test
    void prettyRoundTripsThroughKeaParser() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 10_000; i++) {
            JsonValue value = randomValue(random, 3);
            assertThat(JsonParser.parseKea(JsonWriter.pretty(value), "p", Path.of("")).value())
                    .as("seed %d case %d", SEED + 1, i).isEqualTo(value);
        }
    }

    @Test
    void randomTextGivesOnlyTypedErrors() {
        SplittableRandom random = new SplittableRandom(SEED + 2);
        for (int i = 0; i < 50_000; i++) {
            String text;
            if (random.nextBoolean()) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(30); n > 0; n--) b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                text = b.toString();
            } else {
                text = randomString(random, 40);
            }
            parseBothWays(text, "seed " + (SEED + 2) + " case " + i);
        }
    }

    @Test
    void mutatedValidJsonGivesOnlyTypedErrors() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder mutated = new StringBuilder(JsonWriter.pretty(randomValue(random, 3)));
            for (int edit = 0; edit < 3 && !mutated.isEmpty(); edit++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, "{}[]:,\"#/*x1".charAt(random.nextInt(12)));
                    default -> mutated.setCharAt(at, (char) random.nextInt(128));
                }
            }
            parseBothWays(mutated.toString(), "seed " + (SEED + 3) + " case " + i);
        }
    }

    private static void parseBothWays(String text, String description) {
        for (boolean strict : new boolean[] {true, false}) {
            try {
                if (strict) JsonParser.parseStrict(text);
                else JsonParser.parseKea(text, "fuzz", Path.of("/nonexistent-dir"));
            } catch (JsonParseException expected) {
                assertThat(expected.getMessage()).as(description).isNotBlank();
            } catch (RuntimeException | StackOverflowError bug) {
                throw new AssertionError(description + ": " + bug + " on " + text, bug);
            }
        }
    }
}

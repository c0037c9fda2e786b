package dev.nestor.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonPropertiesTest {

    @Provide
    Arbitrary<JsonValue> values() {
        return value(3);
    }

    private Arbitrary<JsonValue> value(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(JsonString::of),
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.doubles().filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).map(JsonNumber::of),
                Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE));
        if (depth == 0) return leaf;
        Arbitrary<JsonValue> array = value(depth - 1).list().ofMaxSize(4).map(l -> new JsonArray(l, null));
        Arbitrary<JsonValue> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), value(depth - 1))
                .ofMaxSize(4).map(m -> {
                    JsonObject.Builder b = JsonObject.builder();
                    m.forEach(b::put);
                    return b.build();
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
    }

    @Property
    void compactRoundTrips(@ForAll("values") JsonValue value) throws Exception {
        assertThat(JsonParser.parseStrict(value.toJson())).isEqualTo(value);
    }

    @Property
    void prettyRoundTripsThroughKeaParser(@ForAll("values") JsonValue value) throws Exception {
        assertThat(JsonParser.parseKea(JsonWriter.pretty(value), "p", Path.of("")).value()).isEqualTo(value);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> fragments = Arbitraries.of(
                "{", "}", "[", "]", ":", ",", "\"", "\\", "\"a\"", "1", "-", ".", "e", "1e", "0.5", "true", "True",
                "null", "#", "//", "/*", "*/", "\n", " ", "<?include", "\"x\"?>", "\\u12", "\u0001", "9999999999999999999999",
                "tru", "ü", "\uD800");
        return Arbitraries.oneOf(
                fragments.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 3000)
    void randomTextGivesOnlyTypedErrors(@ForAll("noise") String text) {
        for (boolean strict : List.of(true, false)) {
            try {
                if (strict) JsonParser.parseStrict(text);
                else JsonParser.parseKea(text, "fuzz", Path.of("/nonexistent-dir"));
            } catch (JsonParseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 2000)
    void mutatedValidJsonGivesOnlyTypedErrors(@ForAll("values") JsonValue value,
                                              @ForAll int seed) {
        String text = JsonWriter.pretty(value);
        if (text.isEmpty()) return;
        java.util.Random random = new java.util.Random(seed);
        StringBuilder mutated = new StringBuilder(text);
        for (int i = 0; i < 3; i++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, "{}[]:,\"#/*x1".charAt(random.nextInt(12)));
                default -> mutated.setCharAt(at, (char) random.nextInt(128));
            }
            if (mutated.isEmpty()) return;
        }
        try {
            JsonParser.parseKea(mutated.toString(), "m", Path.of(""));
        } catch (JsonParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}

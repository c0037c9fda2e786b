package dev.nestor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonParserTest {

    private static JsonValue kea(String text) throws JsonParseException {
        return JsonParser.parseKea(text, "f.json", Path.of("")).value();
    }

    @Test
    void parsesAllValueKindsWithPositions() throws Exception {
        JsonObject o = (JsonObject) kea("{\n  \"a\": 1,\n  \"b\": [true, false, null, \"x\\n\\u0041\"],\n  \"c\": -2.5e3\n}");
        assertThat(o.keys()).containsExactly("a", "b", "c");
        assertThat(o.position()).isEqualTo(new Position("f.json", 1, 1));
        assertThat(o.keyPosition("b")).isEqualTo(new Position("f.json", 3, 3));
        JsonNumber a = (JsonNumber) o.get("a");
        assertThat(a.isIntegral()).isTrue();
        assertThat(a.longValue()).isEqualTo(1);
        assertThat(a.position()).isEqualTo(new Position("f.json", 2, 8));
        JsonArray b = (JsonArray) o.get("b");
        assertThat(b.elements()).containsExactly(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE,
                JsonString.of("x\nA"));
        JsonNumber c = (JsonNumber) o.get("c");
        assertThat(c.isIntegral()).isFalse();
        assertThat(c.doubleValue()).isEqualTo(-2500.0);
        assertThat(c.text()).isEqualTo("-2.5e3");
        assertThat(c.typeName()).isEqualTo("real");
    }

    @Test
    void skipsAllThreeCommentStyles() throws Exception {
        JsonObject o = (JsonObject) kea("# hash\n{ // slashes\n /* block\n spanning */ \"a\": /* inline */ 1 }\n# end");
        assertThat(o.get("a")).isEqualTo(JsonNumber.of(1));
        assertThat(o.keyPosition("a")).isEqualTo(new Position("f.json", 4, 14));
    }

    @Test
    void unclosedCommentIsFatal() {
        assertThatThrownBy(() -> kea("{ /* never\n closed"))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Comment not closed. (/* in line 1");
    }

    @Test
    void trailingCommasAreWarnings() throws Exception {
        KeaJsonDocument doc = JsonParser.parseKea("{ \"a\": [1, 2,],\n \"b\": 3, }", "f.json", Path.of(""));
        assertThat(doc.warnings()).hasSize(2);
        assertThat(doc.warnings().get(0).toString())
                .isEqualTo("f.json:1.13: Extraneous comma. A piece of configuration may have been omitted.");
        assertThat(doc.warnings().get(1).position()).isEqualTo(new Position("f.json", 2, 8));
        assertThatThrownBy(() -> JsonParser.parseStrict("[1,]")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void duplicateKeyNamesBothPositionsAndContext() {
        assertThatThrownBy(() -> kea("{ \"Dhcp4\": {\n    \"renew-timer\": 1,\n    \"renew-timer\": 2 } }"))
                .isInstanceOf(JsonParseException.class)
                .hasMessage("f.json:3:5: duplicate renew-timer entries in Dhcp4 map (previous at f.json:2:20)");
    }

    @Test
    void upperCaseLiteralsAreRefusedLikeKea() {
        assertThatThrownBy(() -> kea("{\"a\": True}"))
                .hasMessage("f.json:1.7-10: JSON true reserved keyword is lower case only");
        assertThatThrownBy(() -> kea("{\"a\": NULL}"))
                .hasMessage("f.json:1.7-10: JSON null reserved keyword is lower case only");
    }

    @Test
    void missingCommaNamesTheUnexpectedToken() {
        assertThatThrownBy(() -> kea("{\"a\": 1\n \"b\": 2}"))
                .hasMessage("f.json:2.2-4: syntax error, unexpected constant string, expecting \",\" or }");
    }

    @Test
    void integersAre64BitInKeaMode() throws Exception {
        assertThat(((JsonNumber) kea("9223372036854775807")).longValue()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> kea("9223372036854775808"))
                .hasMessageContaining("Failed to convert 9223372036854775808 to an integer.");
        JsonNumber big = (JsonNumber) JsonParser.parseStrict("9223372036854775808");
        assertThat(big.isIntegral()).isFalse();
        assertThat(big.toJson()).isEqualTo("9223372036854775808");
    }

    @Test
    void keaAcceptsRealsWithoutLeadingDigit() throws Exception {
        assertThat(((JsonNumber) kea(".5")).doubleValue()).isEqualTo(0.5);
        assertThat(kea("-.25").toJson()).isEqualTo("-0.25");
        assertThatThrownBy(() -> JsonParser.parseStrict(".5")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void strictModeRefusesComments() {
        assertThatThrownBy(() -> JsonParser.parseStrict("{ # no\n }")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> JsonParser.parseStrict("// x\n1")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void emptyInputAndGarbageAfterValue() {
        assertThatThrownBy(() -> kea("  \n")).hasMessageContaining("unexpected end of file");
        assertThatThrownBy(() -> kea("{} {}")).hasMessageContaining("expecting end of file");
    }

    @Test
    void includesAreSplicedWithTheirOwnPositions(@TempDir Path dir) throws Exception {
        Path inner = dir.resolve("inner.json");
        Files.writeString(inner, "\n  [1, 2]");
        String text = "{ \"a\": <?include \"" + inner + "\"?>, \"b\": 3 }";
        JsonObject o = (JsonObject) JsonParser.parseKea(text, "main.json", Path.of("")).value();
        assertThat(o.get("a")).isEqualTo(JsonArray.of(JsonNumber.of(1), JsonNumber.of(2)));
        assertThat(o.get("a").position()).isEqualTo(new Position(inner.toString(), 2, 3));
        assertThat(o.get("b").position()).isEqualTo(new Position("main.json", 1, text.lastIndexOf('3') + 1));
    }

    @Test
    void relativeIncludesResolveAgainstTheBase(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.json"), "42");
        assertThat(JsonParser.parseKea("<?include \"x.json\"?>", "m", dir).value()).isEqualTo(JsonNumber.of(42));
    }

    @Test
    void missingIncludeAndIncludeLoops(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> JsonParser.parseKea("<?include \"nope.json\"?>", "m", dir))
                .hasMessage("m:1.1: Can't open include file nope.json");
        Path self = dir.resolve("self.json");
        Files.writeString(self, "<?include \"" + self + "\"?>");
        assertThatThrownBy(() -> JsonParser.parseKeaFile(self)).hasMessageContaining("Too many nested include.");
    }

    @Test
    void unreadableFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> JsonParser.parseKeaFile(missing)).hasMessage("Unable to open file " + missing);
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> JsonParser.parseStrict(deep)).hasMessageContaining("nesting deeper than");
    }

    @Test
    void unterminatedStringAndBadEscape() {
        assertThatThrownBy(() -> kea("\"abc")).hasMessageContaining("Unterminated string");
        assertThatThrownBy(() -> kea("\"a\\qb\"")).hasMessageContaining("Bad escape");
        assertThatThrownBy(() -> kea("\"a\\u12\"")).hasMessageContaining("Bad \\u escape");
    }
}

package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class JsonDocumentScannerTest {

    private static JsonDocumentScanner.Status scan(JsonDocumentScanner scanner, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return scanner.feed(bytes, 0, bytes.length);
    }

    @Test
    void completesWhenBracketsBalance() {
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        assertThat(scan(scanner, "  {\"command\": \"x\", \"a\": [1, {\"b\": 2}]")).isEqualTo(JsonDocumentScanner.Status.INCOMPLETE);
        assertThat(scan(scanner, "}trailing")).isEqualTo(JsonDocumentScanner.Status.COMPLETE);
        assertThat(scanner.documentLength()).isEqualTo("  {\"command\": \"x\", \"a\": [1, {\"b\": 2}]}".length());
    }

    @Test
    void ignoresBracketsInStringsAndComments() {
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        String text = "{\"a\": \"}]\\\"}\", # } comment\n // ]]\n /* } */ \"b\": 1}";
        assertThat(scan(scanner, text)).isEqualTo(JsonDocumentScanner.Status.COMPLETE);
        assertThat(scanner.documentLength()).isEqualTo(text.length());
    }

    @Test
    void rejectsAnInvalidFirstCharacterWithKeasText() {
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        assertThat(scan(scanner, " \n hello")).isEqualTo(JsonDocumentScanner.Status.INVALID);
        assertThat(scanner.error()).isEqualTo("invalid first character h");
    }

    @Test
    void acceptsAListDocument() {
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        assertThat(scan(scanner, "[1, [2], \"]\"]")).isEqualTo(JsonDocumentScanner.Status.COMPLETE);
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]\"\\#/* abc\n").ofMaxLength(8).map(JsonDocumentScannerTest::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "null", "/* ]} */ 1", "# }\n 2"));
        return Arbitraries.recursive(() -> leaf, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                inner.list().ofMaxSize(4).map(items -> {
                    StringBuilder out = new StringBuilder("{");
                    for (int i = 0; i < items.size(); i++) {
                        out.append(i > 0 ? "," : "").append("\"k").append(i).append("\":").append(items.get(i));
                    }
                    return out.append('}').toString();
                })), 0, 4).filter(text -> text.startsWith("[") || text.startsWith("{"));
    }

    private static String quote(String raw) {
        return "\"" + raw.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Property
    void findsTheEndOfAnyDocumentWhateverTheChunking(@ForAll("documents") String document,
            @ForAll @IntRange(min = 1, max = 7) int chunk) {
        byte[] bytes = (document + " {\"next\": 1}").getBytes(StandardCharsets.UTF_8);
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        JsonDocumentScanner.Status status = JsonDocumentScanner.Status.INCOMPLETE;
        for (int offset = 0; offset < bytes.length && status == JsonDocumentScanner.Status.INCOMPLETE; offset += chunk) {
            status = scanner.feed(bytes, offset, Math.min(chunk, bytes.length - offset));
        }
        assertThat(status).isEqualTo(JsonDocumentScanner.Status.COMPLETE);
        assertThat(scanner.documentLength()).isEqualTo(document.getBytes(StandardCharsets.UTF_8).length);
    }
}

package dev.nestor.control.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
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

    /** A random document: nested maps and lists whose strings and comments hold brackets, quotes and escapes. */
    private static String document(Random random, int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(5)) {
                case 0 -> quote(random, 8);
                case 1 -> String.valueOf(random.nextInt());
                case 2 -> "true";
                case 3 -> "/* ]} */ 1";
                default -> "# }\n 2";
            };
        }
        StringBuilder out = new StringBuilder();
        boolean map = random.nextBoolean();
        out.append(map ? '{' : '[');
        for (int i = random.nextInt(4); i > 0; i--) {
            if (out.length() > 1) {
                out.append(',');
            }
            if (map) {
                out.append(quote(random, 4)).append(':');
            }
            out.append(document(random, depth - 1));
        }
        return out.append(map ? '}' : ']').toString();
    }

    private static String quote(Random random, int max) {
        StringBuilder raw = new StringBuilder();
        String alphabet = "{}[]\"\\#/* abc\n";
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return "\"" + raw.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Test
    void findsTheEndOfAnyDocumentWhateverTheChunking() {
        Random random = new Random(20261126L);
        for (int round = 0; round < 3000; round++) {
            String document = document(random, 4);
            if (!document.startsWith("{") && !document.startsWith("[")) {
                continue;
            }
            int chunk = 1 + random.nextInt(7);
            byte[] bytes = (document + " {\"next\": 1}").getBytes(StandardCharsets.UTF_8);
            JsonDocumentScanner scanner = new JsonDocumentScanner();
            JsonDocumentScanner.Status status = JsonDocumentScanner.Status.INCOMPLETE;
            for (int offset = 0; offset < bytes.length && status == JsonDocumentScanner.Status.INCOMPLETE; offset += chunk) {
                status = scanner.feed(bytes, offset, Math.min(chunk, bytes.length - offset));
            }
            assertThat(status).as(document).isEqualTo(JsonDocumentScanner.Status.COMPLETE);
            assertThat(scanner.documentLength()).as(document).isEqualTo(document.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}

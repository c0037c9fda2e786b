package dev.nestor.control.transport;

/** Builds the few answers a transport writes on its own (timeouts, limits), without a JSON library. */
final class AnswerText {

    private AnswerText() {
    }

    /** {@code { "result": <code>, "text": "<text>" }}, the shape of Kea's error answers. */
    static String error(int result, String text) {
        return "{ \"result\": " + result + ", \"text\": " + quote(text) + " }";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

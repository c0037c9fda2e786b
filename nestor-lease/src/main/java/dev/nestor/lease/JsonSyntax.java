package dev.nestor.lease;

/**
 * Checks that a {@code user_context} column holds one JSON map, as Kea requires when loading a lease file. Only the
 * syntax is checked; the text is kept as written. (The shared JSON values of nestor-json take over once callers need
 * the parsed map.)
 */
final class JsonSyntax {

    private final String text;
    private int position;

    private JsonSyntax(String text) {
        this.text = text;
    }

    /** Null when {@code text} is exactly one JSON object (surrounding white space allowed), else the reason. */
    static String checkMap(String text) {
        JsonSyntax parser = new JsonSyntax(text);
        try {
            parser.skipSpace();
            if (parser.peek() != '{') {
                return "user context is not a JSON map";
            }
            parser.value(0);
            parser.skipSpace();
            if (parser.position != text.length()) {
                return "trailing characters after JSON map at offset " + parser.position;
            }
            return null;
        } catch (IllegalStateException error) {
            return error.getMessage();
        }
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpace() {
        while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
    }

    private IllegalStateException error(String what) {
        return new IllegalStateException("invalid JSON in user context: " + what + " at offset " + position);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private void value(int depth) {
        if (depth > 256) {
            throw error("nesting too deep");
        }
        skipSpace();
        char c = peek();
        switch (c) {
            case '{' -> {
                position++;
                skipSpace();
                if (peek() == '}') {
                    position++;
                    return;
                }
                while (true) {
                    skipSpace();
                    string();
                    skipSpace();
                    expect(':');
                    value(depth + 1);
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                        continue;
                    }
                    expect('}');
                    return;
                }
            }
            case '[' -> {
                position++;
                skipSpace();
                if (peek() == ']') {
                    position++;
                    return;
                }
                while (true) {
                    value(depth + 1);
                    skipSpace();
                    if (peek() == ',') {
                        position++;
                        continue;
                    }
                    expect(']');
                    return;
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, position)) {
            throw error("unexpected token");
        }
        position += word.length();
    }

    private void string() {
        expect('"');
        while (true) {
            if (position >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                if (position >= text.length()) {
                    throw error("unterminated escape");
                }
                char escaped = text.charAt(position++);
                if (escaped == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (position >= text.length() || Character.digit(text.charAt(position++), 16) < 0) {
                            throw error("bad \\u escape");
                        }
                    }
                } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    throw error("bad escape");
                }
            } else if (c < 0x20) {
                throw error("control character in string");
            }
        }
    }

    private void number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        int digits = position;
        while (Character.isDigit(peek())) {
            position++;
        }
        if (position == digits) {
            position = start;
            throw error("unexpected character");
        }
        if (peek() == '.') {
            position++;
            int fraction = position;
            while (Character.isDigit(peek())) {
                position++;
            }
            if (position == fraction) {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            int exponent = position;
            while (Character.isDigit(peek())) {
                position++;
            }
            if (position == exponent) {
                throw error("bad number");
            }
        }
    }
}

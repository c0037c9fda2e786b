package dev.nestor.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON text into {@link JsonValue}s with source positions.
 *
 * <p>Two dialects:
 * <ul>
 *   <li><b>Kea's extended JSON</b> ({@link #parseKeaFile}, {@link #parseKea}), for configuration files:
 *   {@code #} and {@code //} comments to end of line, {@code /* ... *}{@code /} comments, {@code <?include "path"?>}
 *   anywhere a token may appear (a relative path is resolved against the include base, which for
 *   {@link #parseKeaFile} is the process working directory as in Kea; at most {@value #MAX_INCLUDE_DEPTH} nested
 *   includes), trailing commas accepted with a {@link JsonWarning}, reals written {@code .5}.</li>
 *   <li><b>Strict JSON</b> ({@link #parseStrict}), for the control channel and HA messages: RFC 8259 only.</li>
 * </ul>
 * Both reject duplicate keys (reporting both positions), literals not in lower case, integers beyond 64 bits in
 * Kea mode, and nesting deeper than {@value #MAX_NESTING}. Every failure is a {@link JsonParseException}; no other
 * exception escapes for any input text.
 */
public final class JsonParser {
    /** Kea's limit of nested {@code <?include?>} directives. */
    public static final int MAX_INCLUDE_DEPTH = 10;
    /** Maximum nesting of objects and arrays (guards the stack against hostile input). */
    public static final int MAX_NESTING = 512;

    private static final String EXTRANEOUS_COMMA = "Extraneous comma. A piece of configuration may have been omitted.";

    private final boolean kea;
    private final Path includeBase;
    private final List<JsonWarning> warnings = new ArrayList<>();
    private final ArrayDeque<Source> sources = new ArrayDeque<>();
    private Token current;

    private JsonParser(boolean kea, Path includeBase) {
        this.kea = kea;
        this.includeBase = includeBase;
    }

    /**
     * Parses a Kea configuration file; relative includes are resolved against the working directory.
     *
     * @throws JsonParseException with {@code Unable to open file <path>} if the file cannot be read, or any syntax error
     */
    public static KeaJsonDocument parseKeaFile(Path file) throws JsonParseException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new JsonParseException(null, 0, "Unable to open file " + file, false);
        }
        return parseKea(text, file.toString(), Path.of(""));
    }

    /**
     * Parses Kea extended JSON text.
     *
     * @param text        the text
     * @param sourceName  name used in positions (usually the file name as given on the command line)
     * @param includeBase directory against which relative include paths are resolved
     */
    public static KeaJsonDocument parseKea(String text, String sourceName, Path includeBase) throws JsonParseException {
        JsonParser parser = new JsonParser(true, includeBase);
        JsonValue value = parser.parseDocument(text, sourceName);
        return new KeaJsonDocument(value, parser.warnings);
    }

    /** Parses strict JSON text; positions name the source {@code <input>}. */
    public static JsonValue parseStrict(String text) throws JsonParseException {
        return parseStrict(text, "<input>");
    }

    /** Parses strict JSON text; positions name {@code sourceName}. */
    public static JsonValue parseStrict(String text, String sourceName) throws JsonParseException {
        return new JsonParser(false, Path.of("")).parseDocument(text, sourceName);
    }

    /** Parses strict JSON from UTF-8 bytes (malformed UTF-8 is replaced, then parsed). */
    public static JsonValue parseStrict(byte[] utf8, String sourceName) throws JsonParseException {
        return parseStrict(new String(utf8, StandardCharsets.UTF_8), sourceName);
    }

    private JsonValue parseDocument(String text, String sourceName) throws JsonParseException {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        sources.push(new Source(sourceName, text));
        advance();
        if (current.type == Type.EOF) {
            throw syntax(current, "syntax error, unexpected end of file");
        }
        JsonValue value = parseValue("toplevel", 0);
        if (current.type != Type.EOF) {
            throw syntax(current, "syntax error, unexpected " + describe(current) + ", expecting end of file");
        }
        return value;
    }

    private JsonValue parseValue(String context, int depth) throws JsonParseException {
        Token t = current;
        switch (t.type) {
            case LBRACE -> {
                return parseObject(context, depth + 1);
            }
            case LBRACKET -> {
                return parseArray(context, depth + 1);
            }
            case STRING -> {
                advance();
                return new JsonString(t.text, t.position);
            }
            case NUMBER -> {
                advance();
                return JsonNumber.parse(t.text, t.position);
            }
            case TRUE, FALSE -> {
                advance();
                return new JsonBoolean(t.type == Type.TRUE, t.position);
            }
            case NULL -> {
                advance();
                return new JsonNull(t.position);
            }
            default -> throw syntax(t, "syntax error, unexpected " + describe(t) + ", expecting a value");
        }
    }

    private JsonObject parseObject(String context, int depth) throws JsonParseException {
        Token open = current;
        if (depth > MAX_NESTING) throw syntax(open, "nesting deeper than " + MAX_NESTING + " levels");
        advance();
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        HashMap<String, Position> keyPositions = new HashMap<>();
        if (current.type == Type.RBRACE) {
            advance();
            return JsonObject.of(members, keyPositions, open.position);
        }
        while (true) {
            Token key = current;
            if (key.type != Type.STRING) {
                throw syntax(key, "syntax error, unexpected " + describe(key) + ", expecting constant string");
            }
            advance();
            if (current.type != Type.COLON) {
                throw syntax(current, "syntax error, unexpected " + describe(current) + ", expecting :");
            }
            advance();
            JsonValue value = parseValue(key.text, depth);
            JsonValue previous = members.get(key.text);
            if (previous != null) {
                Position previousAt = previous.position() != null ? previous.position() : keyPositions.get(key.text);
                throw new JsonParseException(key.position, 0, "duplicate " + key.text + " entries in " + context
                        + " map (previous at " + previousAt + ")", true);
            }
            members.put(key.text, value);
            keyPositions.put(key.text, key.position);
            if (current.type == Type.RBRACE) {
                advance();
                return JsonObject.of(members, keyPositions, open.position);
            }
            if (current.type != Type.COMMA) {
                throw syntax(current, "syntax error, unexpected " + describe(current) + ", expecting \",\" or }");
            }
            Token comma = current;
            advance();
            if (current.type == Type.RBRACE) {
                trailingComma(comma);
                advance();
                return JsonObject.of(members, keyPositions, open.position);
            }
        }
    }

    private JsonArray parseArray(String context, int depth) throws JsonParseException {
        Token open = current;
        if (depth > MAX_NESTING) throw syntax(open, "nesting deeper than " + MAX_NESTING + " levels");
        advance();
        List<JsonValue> elements = new ArrayList<>();
        if (current.type == Type.RBRACKET) {
            advance();
            return new JsonArray(elements, open.position);
        }
        while (true) {
            elements.add(parseValue(context, depth));
            if (current.type == Type.RBRACKET) {
                advance();
                return new JsonArray(elements, open.position);
            }
            if (current.type != Type.COMMA) {
                throw syntax(current, "syntax error, unexpected " + describe(current) + ", expecting \",\" or ]");
            }
            Token comma = current;
            advance();
            if (current.type == Type.RBRACKET) {
                trailingComma(comma);
                advance();
                return new JsonArray(elements, open.position);
            }
        }
    }

    private void trailingComma(Token comma) throws JsonParseException {
        if (!kea) {
            throw syntax(current, "syntax error, unexpected " + describe(current) + " after \",\"");
        }
        warnings.add(new JsonWarning(comma.position, EXTRANEOUS_COMMA));
    }

    private static String describe(Token t) {
        return switch (t.type) {
            case STRING -> "constant string";
            case NUMBER -> t.text.indexOf('.') >= 0 || t.text.indexOf('e') >= 0 || t.text.indexOf('E') >= 0
                    ? "floating point" : "integer";
            case TRUE, FALSE -> "boolean";
            case NULL -> "null";
            case LBRACE -> "{";
            case RBRACE -> "}";
            case LBRACKET -> "[";
            case RBRACKET -> "]";
            case COLON -> ":";
            case COMMA -> "\",\"";
            case EOF -> "end of file";
        };
    }

    private static JsonParseException syntax(Token t, String detail) {
        return new JsonParseException(t.position, t.endColumn, detail, false);
    }

    private static JsonParseException lexical(Source s, int line, int column, String detail) {
        return new JsonParseException(new Position(s.name, line, column), 0, detail, false);
    }

    // ---------------------------------------------------------------- lexer

    private enum Type { LBRACE, RBRACE, LBRACKET, RBRACKET, COLON, COMMA, STRING, NUMBER, TRUE, FALSE, NULL, EOF }

    private record Token(Type type, String text, Position position, int endColumn) {
    }

    /** One file or string being read, with its cursor. */
    private static final class Source {
        final String name;
        final String text;
        int index;
        int line = 1;
        int column = 1;

        Source(String name, String text) {
            this.name = name;
            this.text = text;
        }

        boolean atEnd() { return index >= text.length(); }

        char peek() { return text.charAt(index); }

        char peek(int ahead) { return index + ahead < text.length() ? text.charAt(index + ahead) : '\0'; }

        void step() {
            char c = text.charAt(index++);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private void advance() throws JsonParseException {
        current = nextToken();
    }

    private Token nextToken() throws JsonParseException {
        while (true) {
            Source s = sources.peek();
            skipBlanks(s);
            if (s.atEnd()) {
                if (sources.size() > 1) {
                    sources.pop();
                    continue;
                }
                return new Token(Type.EOF, "", new Position(s.name, s.line, s.column), 0);
            }
            char c = s.peek();
            if (kea && c == '<' && s.text.startsWith("<?include", s.index)) {
                include(s);
                continue;
            }
            Position at = new Position(s.name, s.line, s.column);
            switch (c) {
                case '{' -> { s.step(); return new Token(Type.LBRACE, "{", at, 0); }
                case '}' -> { s.step(); return new Token(Type.RBRACE, "}", at, 0); }
                case '[' -> { s.step(); return new Token(Type.LBRACKET, "[", at, 0); }
                case ']' -> { s.step(); return new Token(Type.RBRACKET, "]", at, 0); }
                case ':' -> { s.step(); return new Token(Type.COLON, ":", at, 0); }
                case ',' -> { s.step(); return new Token(Type.COMMA, ",", at, 0); }
                case '"' -> { return string(s, at); }
                default -> {
                    if (c == '-' || c == '.' || (c >= '0' && c <= '9')) return number(s, at);
                    if (Character.isLetter(c)) return word(s, at);
                    throw lexical(s, s.line, s.column, "Invalid character: " + printable(c));
                }
            }
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    private void skipBlanks(Source s) throws JsonParseException {
        while (!s.atEnd()) {
            char c = s.peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                s.step();
            } else if (kea && (c == '#' || (c == '/' && s.peek(1) == '/'))) {
                while (!s.atEnd() && s.peek() != '\n') s.step();
            } else if (kea && c == '/' && s.peek(1) == '*') {
                int startLine = s.line;
                s.step();
                s.step();
                while (true) {
                    if (s.atEnd()) {
                        throw lexical(s, s.line, s.column, "Comment not closed. (/* in line " + startLine);
                    }
                    if (s.peek() == '*' && s.peek(1) == '/') {
                        s.step();
                        s.step();
                        break;
                    }
                    s.step();
                }
            } else {
                return;
            }
        }
    }

    private void include(Source s) throws JsonParseException {
        int line = s.line;
        int column = s.column;
        for (int i = 0; i < "<?include".length(); i++) s.step();
        while (!s.atEnd() && (s.peek() == ' ' || s.peek() == '\t')) s.step();
        if (s.atEnd() || s.peek() != '"') {
            throw lexical(s, line, column, "Invalid include directive: expecting <?include \"path\"?>");
        }
        s.step();
        StringBuilder path = new StringBuilder();
        while (!s.atEnd() && s.peek() != '"' && s.peek() != '\n') {
            path.append(s.peek());
            s.step();
        }
        if (s.atEnd() || s.peek() != '"') {
            throw lexical(s, line, column, "Invalid include directive: expecting <?include \"path\"?>");
        }
        s.step();
        while (!s.atEnd() && (s.peek() == ' ' || s.peek() == '\t')) s.step();
        if (s.atEnd() || s.peek() != '?' || s.peek(1) != '>') {
            throw lexical(s, line, column, "Invalid include directive: expecting <?include \"path\"?>");
        }
        s.step();
        s.step();
        if (sources.size() > MAX_INCLUDE_DEPTH) {
            throw lexical(s, line, column, "Too many nested include.");
        }
        String name = path.toString();
        String text;
        try {
            Path p = Path.of(name);
            if (!p.isAbsolute()) p = includeBase.resolve(p);
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw lexical(s, line, column, "Can't open include file " + name);
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        sources.push(new Source(name, text));
    }

    private Token string(Source s, Position at) throws JsonParseException {
        int line = s.line;
        s.step();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (s.atEnd() || s.peek() == '\n') {
                throw lexical(s, line, at.column(), "Unterminated string");
            }
            char c = s.peek();
            if (c == '"') {
                s.step();
                break;
            }
            if (c < 0x20) {
                throw lexical(s, s.line, s.column, "Invalid control character in string: " + printable(c));
            }
            if (c == '\\') {
                s.step();
                if (s.atEnd()) throw lexical(s, line, at.column(), "Unterminated string");
                char e = s.peek();
                s.step();
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = s.atEnd() ? -1 : Character.digit(s.peek(), 16);
                            if (digit < 0) {
                                throw lexical(s, s.line, s.column, "Bad \\u escape in string: expecting 4 hex digits");
                            }
                            code = code * 16 + digit;
                            s.step();
                        }
                        out.append((char) code);
                    }
                    default -> throw lexical(s, s.line, s.column - 2, "Bad escape in string: \\" + printable(e));
                }
                continue;
            }
            out.append(c);
            s.step();
        }
        int end = s.line == line ? s.column - 1 : 0;
        return new Token(Type.STRING, out.toString(), at, end);
    }

    private Token number(Source s, Position at) throws JsonParseException {
        int start = s.index;
        while (!s.atEnd()) {
            char c = s.peek();
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                s.step();
            } else {
                break;
            }
        }
        String raw = s.text.substring(start, s.index);
        String text = raw;
        if (kea) {
            // Kea's lexer accepts reals without a leading digit (".5", "-.5"); store them as valid JSON.
            if (text.startsWith(".")) text = "0" + text;
            else if (text.startsWith("-.")) text = "-0" + text.substring(1);
        }
        int end = at.column() + raw.length() - 1;
        if (!JsonNumber.isJsonNumber(text)) {
            throw new JsonParseException(at, end, "Invalid number: " + raw, false);
        }
        if (kea && text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            try {
                Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                throw new JsonParseException(at, end, "Failed to convert " + raw + " to an integer.", false);
            }
        }
        return new Token(Type.NUMBER, text, at, end);
    }

    private Token word(Source s, Position at) throws JsonParseException {
        int start = s.index;
        while (!s.atEnd() && Character.isLetterOrDigit(s.peek())) s.step();
        String word = s.text.substring(start, s.index);
        int end = at.column() + word.length() - 1;
        switch (word) {
            case "true" -> { return new Token(Type.TRUE, word, at, end); }
            case "false" -> { return new Token(Type.FALSE, word, at, end); }
            case "null" -> { return new Token(Type.NULL, word, at, end); }
            default -> {
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                if (lower.equals("true") || lower.equals("false") || lower.equals("null")) {
                    throw new JsonParseException(at, end, "JSON " + lower + " reserved keyword is lower case only", false);
                }
                throw new JsonParseException(at, 0, "Invalid character: " + word.charAt(0), false);
            }
        }
    }
}

package dev.nestor.control.transport;

/**
 * Finds where one JSON document ends in a byte stream, without parsing it, the way Kea's control
 * socket does: after optional whitespace (and comments) the document must open with {@code {} or
 * {@code [}; it is complete when the brackets balance again outside strings and comments.
 *
 * <p>Bytes are fed in chunks as they arrive. The scanner keeps only a few counters, so it accepts
 * documents of any size; the caller bounds the size. Not thread-safe: one scanner per connection.
 */
public final class JsonDocumentScanner {

    /** Outcome of feeding bytes. */
    public enum Status {
        /** More bytes are needed. */
        INCOMPLETE,
        /** The document ended; {@link #documentLength()} tells where. */
        COMPLETE,
        /** The first significant character cannot start a document; {@link #error()} says which. */
        INVALID
    }

    private enum State { BEFORE, VALUE, STRING, STRING_ESCAPE, SLASH, LINE_COMMENT, BLOCK_COMMENT, BLOCK_COMMENT_STAR }

    private State state = State.BEFORE;
    // where a comment started, to return there when it ends
    private State commentReturn = State.BEFORE;
    private long depth;
    private long consumed;
    private Status status = Status.INCOMPLETE;
    private String error;

    /**
     * Feeds the next chunk.
     *
     * @return the status after this chunk; once {@code COMPLETE} or {@code INVALID} it stays so and
     *     further bytes are ignored
     */
    public Status feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && status == Status.INCOMPLETE; i++) {
            step(bytes[i]);
            consumed++;
        }
        return status;
    }

    private void step(byte b) {
        int c = b & 0xff;
        switch (state) {
            case BEFORE -> {
                if (c == '{' || c == '[') {
                    depth = 1;
                    state = State.VALUE;
                } else if (c == '#') {
                    enterComment(State.LINE_COMMENT);
                } else if (c == '/') {
                    commentReturn = State.BEFORE;
                    state = State.SLASH;
                } else if (!isWhitespace(c)) {
                    status = Status.INVALID;
                    error = "invalid first character " + (char) c;
                }
            }
            case VALUE -> {
                switch (c) {
                    case '{', '[' -> depth++;
                    case '}', ']' -> {
                        if (--depth == 0) {
                            status = Status.COMPLETE;
                        }
                    }
                    case '"' -> state = State.STRING;
                    case '#' -> enterComment(State.LINE_COMMENT);
                    case '/' -> {
                        commentReturn = State.VALUE;
                        state = State.SLASH;
                    }
                    default -> { }
                }
            }
            case STRING -> {
                if (c == '\\') {
                    state = State.STRING_ESCAPE;
                } else if (c == '"') {
                    state = State.VALUE;
                }
            }
            case STRING_ESCAPE -> state = State.STRING;
            case SLASH -> {
                if (c == '/') {
                    state = State.LINE_COMMENT;
                } else if (c == '*') {
                    state = State.BLOCK_COMMENT;
                } else if (commentReturn == State.BEFORE) {
                    status = Status.INVALID;
                    error = "invalid first character /";
                } else {
                    // a lone slash inside a value is a syntax error the parser will report
                    state = State.VALUE;
                    step(b);
                }
            }
            case LINE_COMMENT -> {
                if (c == '\n') {
                    state = commentReturn;
                }
            }
            case BLOCK_COMMENT -> {
                if (c == '*') {
                    state = State.BLOCK_COMMENT_STAR;
                }
            }
            case BLOCK_COMMENT_STAR -> {
                if (c == '/') {
                    state = commentReturn;
                } else if (c != '*') {
                    state = State.BLOCK_COMMENT;
                }
            }
        }
    }

    private void enterComment(State kind) {
        commentReturn = state;
        state = kind;
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Status so far. */
    public Status status() {
        return status;
    }

    /** Bytes consumed so far; when complete, the length of the document including leading whitespace. */
    public long documentLength() {
        return consumed;
    }

    /** Whether any byte other than leading whitespace was seen. */
    public boolean started() {
        return state != State.BEFORE || consumed > 0;
    }

    /** Kea's text for an invalid start, or null. */
    public String error() {
        return error;
    }
}

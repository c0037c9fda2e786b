package dev.nestor.control;

/**
 * Blanks out {@code #}, {@code //} and {@code /* *}{@code /} comments outside strings, keeping line
 * breaks so parse errors still point at the right line. Kea accepts comments in commands, but not
 * {@code <?include?>} or trailing commas, so commands are stripped and then parsed as strict JSON.
 */
final class CommentStripper {

    private CommentStripper() {
    }

    static String strip(String text) {
        if (text.indexOf('#') < 0 && text.indexOf('/') < 0) {
            return text;
        }
        char[] out = text.toCharArray();
        int i = 0;
        int length = out.length;
        while (i < length) {
            char c = out[i];
            if (c == '"') {
                i++;
                while (i < length && out[i] != '"') {
                    i += out[i] == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '#' || (c == '/' && i + 1 < length && out[i + 1] == '/')) {
                while (i < length && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (c == '/' && i + 1 < length && out[i + 1] == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    // leave an unclosed comment for the parser to reject
                    return new String(out);
                }
                for (; i < end + 2; i++) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                }
            } else {
                i++;
            }
        }
        return new String(out);
    }
}

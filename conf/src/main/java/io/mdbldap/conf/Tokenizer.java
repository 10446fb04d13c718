package io.mdbldap.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a logical line into arguments the way slapd does ({@code strtok_quote} in servers/slapd/config.c): arguments
 * are separated by spaces and tabs; a double quote starts or ends a quoted run, in which separators are kept; the
 * quotes themselves are dropped, wherever they occur in an argument; a backslash takes the next character literally,
 * inside or outside quotes. A quote that is never closed is an error.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    /**
     * Splits a line into its arguments, the directive name first.
     *
     * @param line the logical line
     * @return the arguments, never empty for a non-blank line
     * @throws ConfigException if a quoted string is not terminated
     */
    static List<String> split(Line line) throws ConfigException {
        List<String> tokens = new ArrayList<>();
        String text = line.text();
        int pos = skipSeparators(text, 0);
        while (pos < text.length()) {
            StringBuilder token = new StringBuilder();
            pos = readToken(line, pos, token);
            tokens.add(token.toString());
            pos = skipSeparators(text, pos);
        }
        return tokens;
    }

    /**
     * Tells whether a character separates arguments.
     *
     * @param c the character
     * @return true for a space or a tab
     */
    static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }

    private static int readToken(Line line, int start, StringBuilder token) throws ConfigException {
        String text = line.text();
        boolean quoted = false;
        int pos = start;
        for (; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && pos + 1 < text.length()) {
                token.append(text.charAt(++pos));
            } else if (!quoted && isSeparator(c)) {
                break;
            } else {
                token.append(c);
            }
        }
        if (quoted) {
            throw line.error("unterminated quoted string");
        }
        return pos;
    }

    private static int skipSeparators(String text, int start) {
        int pos = start;
        while (pos < text.length() && isSeparator(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}

package io.mdbldap.conf;

import java.nio.file.Path;

/**
 * One logical line of a configuration file: a directive with its continuation lines already joined.
 *
 * @param file the file the line is in
 * @param number the 1-based number of the line's first physical line
 * @param text the joined text, without line terminators
 */
record Line(Path file, int number, String text) {

    /**
     * Returns the directive name: the first word, as written.
     *
     * @return the first whitespace-delimited word
     */
    String keyword() {
        String stripped = text.stripLeading();
        return stripped.substring(0, wordEnd(stripped));
    }

    /**
     * Returns the raw text after the directive name, with no quote processing. Schema directives are parsed from it,
     * because their single-quoted descriptions may contain characters that slapd.conf quoting would alter.
     *
     * @return the text after the keyword
     */
    String rest() {
        String stripped = text.stripLeading();
        return stripped.substring(wordEnd(stripped));
    }

    /**
     * Creates an error located at this line.
     *
     * @param reason what is wrong
     * @return the exception, for the caller to throw
     */
    ConfigException error(String reason) {
        return new ConfigException(file, number, reason);
    }

    private static int wordEnd(String s) {
        int end = 0;
        while (end < s.length() && !Tokenizer.isSeparator(s.charAt(end))) {
            end++;
        }
        return end;
    }
}

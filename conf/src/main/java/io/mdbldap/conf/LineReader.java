package io.mdbldap.conf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a configuration or schema file into logical lines, following slapd.conf(5) (and {@code fp_getline} in
 * servers/slapd/config.c):
 * <ul>
 *   <li>a line that begins with a space or a tab continues the previous line: its first whitespace character becomes
 *       a single space and it is appended, so a quoted string may span lines;</li>
 *   <li>an empty line ends the logical line before it;</li>
 *   <li>a logical line whose first character is {@code #} is a comment, continuation lines included (slapd.conf(5):
 *       "even if the previous line is a comment"); blank logical lines are skipped;</li>
 *   <li>the file is UTF-8; CRLF line ends are accepted.</li>
 * </ul>
 * A logical line is numbered by its first physical line.
 */
final class LineReader {

    private LineReader() {
    }

    /**
     * Reads a file into its logical lines, comments and blank lines left out.
     *
     * @param file the file to read
     * @return the directives of the file, in order
     * @throws IOException if the file cannot be read
     * @throws ConfigException if a line is not valid UTF-8
     */
    static List<Line> read(Path file) throws IOException, ConfigException {
        List<String> physical = physicalLines(file, Files.readAllBytes(file));
        List<Line> lines = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < physical.size(); i++) {
            String text = physical.get(i);
            if (current != null && !text.isEmpty() && Tokenizer.isSeparator(text.charAt(0))) {
                current.append(' ').append(text, 1, text.length());
                continue;
            }
            addDirective(lines, file, start, current);
            current = new StringBuilder(text);
            start = i + 1;
        }
        addDirective(lines, file, start, current);
        return lines;
    }

    private static void addDirective(List<Line> lines, Path file, int number, StringBuilder text) {
        if (text == null) {
            return;
        }
        String joined = text.toString();
        if (!joined.isBlank() && !joined.stripLeading().startsWith("#")) {
            lines.add(new Line(file, number, joined));
        }
    }

    private static List<String> physicalLines(Path file, byte[] bytes) throws ConfigException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            lines.add(decode(file, lines.size() + 1, ByteBuffer.wrap(bytes, start, textEnd - start)));
            start = end + 1;
        }
        return lines;
    }

    private static String decode(Path file, int number, ByteBuffer bytes) throws ConfigException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, number, "line is not valid UTF-8", e);
        }
    }
}

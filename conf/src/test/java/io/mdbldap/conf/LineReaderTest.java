package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

    @TempDir
    Path dir;

    private List<Line> read(String text) throws Exception {
        return LineReader.read(ConfigFiles.write(dir.resolve("test.conf"), text));
    }

    @Test
    void joinsContinuationLinesWithOneSpaceAndNumbersByFirstLine() throws Exception {
        List<Line> lines = read("suffix\n  \"dc=example,\n\tdc=com\"\nrootdn x\n");
        assertEquals(2, lines.size());
        assertEquals(new Line(dir.resolve("test.conf"), 1, "suffix  \"dc=example, dc=com\""), lines.get(0));
        assertEquals(4, lines.get(1).number());
    }

    @Test
    void skipsCommentsWithTheirContinuationLinesAndBlankLines() throws Exception {
        List<Line> lines = read("# comment\n  still the comment\n\n   \nloglevel none\n#\nsizelimit 5\n");
        assertEquals(List.of("loglevel none", "sizelimit 5"), lines.stream().map(Line::text).toList());
        assertEquals(List.of(5, 7), lines.stream().map(Line::number).toList());
    }

    @Test
    void anEmptyLineEndsTheLogicalLine() throws Exception {
        List<Line> lines = read("index cn\n\n eq\n");
        assertEquals(List.of("index cn", " eq"), lines.stream().map(Line::text).toList());
    }

    @Test
    void acceptsCrLfLineEnds() throws Exception {
        List<Line> lines = read("loglevel none\r\n  stats\r\nsizelimit 1\r\n");
        assertEquals(List.of("loglevel none  stats", "sizelimit 1"), lines.stream().map(Line::text).toList());
    }

    @Test
    void keywordAndRestSplitTheRawText() throws Exception {
        Line line = read("attributetype ( 1.2.3 DESC 'a \"quote' )\n").get(0);
        assertEquals("attributetype", line.keyword());
        assertEquals(" ( 1.2.3 DESC 'a \"quote' )", line.rest());
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLine() throws IOException {
        Path file = dir.resolve("bad.conf");
        Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xC3, '(', '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> LineReader.read(file));
        assertEquals(file + ":2: line is not valid UTF-8", e.getMessage());
    }
}

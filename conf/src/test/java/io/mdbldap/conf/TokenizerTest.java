package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    private static List<String> split(String text) throws ConfigException {
        return Tokenizer.split(new Line(Path.of("t.conf"), 7, text));
    }

    @Test
    void splitsOnSpacesAndTabs() throws ConfigException {
        assertEquals(List.of("index", "cn,sn", "eq"), split("  index\tcn,sn   eq  "));
    }

    @Test
    void quotesKeepSeparatorsAndAreRemovedWhereverTheyAre() throws ConfigException {
        assertEquals(List.of("suffix", "o=Acme Corp,c=US"), split("suffix \"o=Acme Corp,c=US\""));
        assertEquals(List.of("access", "to", "dn.base=", "by"), split("access to dn.base=\"\" by"));
        assertEquals(List.of("a b", "c"), split("a\" \"b c"));
        assertEquals(List.of(""), split("\"\""));
    }

    @Test
    void backslashTakesTheNextCharacterLiterally() throws ConfigException {
        assertEquals(List.of("rootpw", "se\"cr et"), split("rootpw se\\\"cr\\ et"));
        assertEquals(List.of("suffix", "cn=a\\,b"), split("suffix \"cn=a\\\\,b\""));
        assertEquals(List.of("trailing\\"), split("trailing\\"));
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> split("suffix \"dc=example"));
        assertEquals("t.conf:7: unterminated quoted string", e.getMessage());
    }
}

package io.mdbldap.conf;

import static java.util.Map.entry;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Maps slapd's {@code loglevel} (names or numbers, several OR-ed together) to one SLF4J level:
 * {@code any}/-1 and {@code trace} give TRACE; the debugging subsystems ({@code packets}, {@code args},
 * {@code conns}, {@code BER}, {@code filter}, {@code config}, {@code ACL}, {@code shell}, {@code parse}) give DEBUG;
 * {@code stats}, {@code stats2} and {@code sync} give INFO; {@code none} and 0 give WARN.
 */
final class LogLevels {

    private static final int ANY = -1;
    private static final int TRACE = 1;
    private static final int DEBUG_MASK = 2 | 4 | 8 | 16 | 32 | 64 | 128 | 1024 | 2048;
    private static final int INFO_MASK = 256 | 512 | 16384;

    /** slapd.conf(5)'s level names, lower case. */
    private static final Map<String, Integer> NAMES = Map.ofEntries(entry("any", ANY), entry("trace", TRACE),
            entry("packets", 2), entry("args", 4), entry("conns", 8), entry("ber", 16), entry("filter", 32),
            entry("config", 64), entry("acl", 128), entry("stats", 256), entry("stats2", 512), entry("shell", 1024),
            entry("parse", 2048), entry("sync", 16384), entry("none", 32768));

    private LogLevels() {
    }

    /**
     * Parses a {@code loglevel} directive.
     *
     * @param directive the directive
     * @return the SLF4J level it maps to
     * @throws ConfigException if there is no argument or an argument is neither a level name nor a number
     */
    static Level parse(Directive directive) throws ConfigException {
        directive.expectArgs(1, Integer.MAX_VALUE, "loglevel <level> [<level>...]");
        int mask = 0;
        for (String word : directive.args()) {
            mask |= mask(directive, word);
        }
        return toLevel(mask);
    }

    private static int mask(Directive directive, String word) throws ConfigException {
        Integer named = NAMES.get(word.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            return Integer.decode(word);
        } catch (NumberFormatException e) {
            throw directive.error("unknown level \"%s\"", word);
        }
    }

    private static Level toLevel(int mask) {
        if (mask == ANY || (mask & TRACE) != 0) {
            return Level.TRACE;
        }
        if ((mask & DEBUG_MASK) != 0) {
            return Level.DEBUG;
        }
        return (mask & INFO_MASK) != 0 ? Level.INFO : Level.WARN;
    }
}

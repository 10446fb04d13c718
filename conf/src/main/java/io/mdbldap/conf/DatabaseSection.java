package io.mdbldap.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Collects the directives of one {@code database mdb} section and checks the section as a whole when it ends.
 */
final class DatabaseSection {

    /** The directives that are only allowed inside a database section. */
    static final Set<String> KEYWORDS = Set.of("suffix", "rootdn", "rootpw", "directory", "maxsize", "index",
            "readonly", "maxreaders", "dbnosync", "checkpoint");

    private final Directive start;
    private final SchemaManager schema;
    private final AccessParser accessParser;
    private final Indexes indexes;
    private final List<AccessRule> access = new ArrayList<>();
    private Directive suffixLine;
    private Dn suffix;
    private Directive rootDnLine;
    private Dn rootDn;
    private Directive rootPwLine;
    private Path directory;
    private long maxSize = DatabaseConfig.DEFAULT_MAX_SIZE;
    private Limits limits;
    private boolean readOnly;
    private int maxReaders = DatabaseConfig.DEFAULT_MAX_READERS;
    private boolean noSync;
    private DatabaseConfig.Checkpoint checkpoint;

    /**
     * Starts a section.
     *
     * @param start the {@code database mdb} directive
     * @param schema the schema loaded so far
     * @param limits the global limits, which the database starts from, as in slapd
     */
    DatabaseSection(Directive start, SchemaManager schema, Limits limits) {
        this.start = start;
        this.schema = schema;
        this.accessParser = new AccessParser(schema);
        this.indexes = new Indexes(schema);
        this.limits = limits;
    }

    /**
     * Applies a directive if it belongs to a database section.
     *
     * @param d the directive
     * @return false if the directive is not a database directive
     * @throws ConfigException if the directive is malformed
     */
    boolean apply(Directive d) throws ConfigException {
        switch (d.keyword()) {
            case "suffix" -> suffix(d);
            case "rootdn" -> {
                rootDn = Dns.parse(d, schema, d.onlyArg("rootdn <dn>"), "");
                rootDnLine = d;
            }
            case "rootpw" -> {
                d.onlyArg("rootpw <password>");
                rootPwLine = d;
            }
            case "directory" -> directory = d.path("directory <path>");
            case "maxsize" -> maxSize = bytes(d, d.onlyArg("maxsize <bytes>[k|m|g]"));
            case "index" -> indexes.add(d);
            case "sizelimit" -> limits = limits.withSizeLimit(d.limit());
            case "timelimit" -> limits = limits.withTimeLimit(d.limit());
            case "readonly" -> readOnly = onOff(d);
            case "maxreaders" -> maxReaders = d.positiveInt(d.onlyArg("maxreaders <count>"));
            case "dbnosync" -> noSync = flag(d);
            case "checkpoint" -> checkpoint(d);
            case "access" -> access.add(accessParser.parse(d));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends the section: checks that it is complete and consistent with the databases before it.
     *
     * @param earlier the databases defined before this one
     * @return the database configuration
     * @throws ConfigException if the suffix or directory is missing, the root DN is outside the suffix, the root
     *     password has no root DN, or an earlier database already serves the suffix or uses the directory
     */
    DatabaseConfig finish(List<DatabaseConfig> earlier) throws ConfigException {
        if (suffix == null) {
            throw start.error("no suffix specified for this database");
        }
        if (directory == null) {
            throw start.error("no directory specified for this database");
        }
        checkRootDn();
        checkNotShared(earlier);
        return new DatabaseConfig(suffix, Optional.ofNullable(rootDn),
                Optional.ofNullable(rootPwLine).map(d -> d.args().get(0)), directory, maxSize,
                indexes.byAttribute(), limits, readOnly, maxReaders, noSync, Optional.ofNullable(checkpoint), access);
    }

    private void suffix(Directive d) throws ConfigException {
        String value = d.onlyArg("suffix <dn>");
        if (suffix != null) {
            throw d.error("a database has one suffix; this one already has \"%s\"", suffix);
        }
        if (value.isEmpty()) {
            throw d.error("the suffix must not be empty");
        }
        suffix = Dns.parse(d, schema, value, "");
        suffixLine = d;
    }

    private void checkRootDn() throws ConfigException {
        if (rootDn != null && !rootDn.isDescendantOf(suffix)) {
            throw rootDnLine.error("\"%s\" is not within suffix \"%s\"", rootDn, suffix);
        }
        if (rootPwLine != null && rootDn == null) {
            throw rootPwLine.error("needs a rootdn within the suffix, and this database has no rootdn");
        }
    }

    private void checkNotShared(List<DatabaseConfig> earlier) throws ConfigException {
        for (DatabaseConfig other : earlier) {
            if (suffix.isDescendantOf(other.suffix())) {
                throw suffixLine.error("suffix \"%s\" already served by a preceding database (\"%s\")", suffix,
                        other.suffix());
            }
            if (directory.equals(other.directory())) {
                throw start.error("directory \"%s\" is already used by the database of \"%s\"", directory,
                        other.suffix());
            }
        }
    }

    private void checkpoint(Directive d) throws ConfigException {
        d.expectArgs(2, 2, "checkpoint <kbyte> <min>");
        checkpoint = new DatabaseConfig.Checkpoint(d.nonNegativeInt(d.args().get(0)),
                d.nonNegativeInt(d.args().get(1)));
    }

    private static boolean onOff(Directive d) throws ConfigException {
        String value = d.onlyArg(d.keyword() + " on|off").toLowerCase(Locale.ROOT);
        if (!value.equals("on") && !value.equals("off")) {
            throw d.error("expected on or off, got \"%s\"", value);
        }
        return value.equals("on");
    }

    private static boolean flag(Directive d) throws ConfigException {
        d.expectArgs(0, 0, d.keyword());
        return true;
    }

    /** Parses a byte count with an optional k, m or g (binary) suffix, as {@code maxsize} takes it. */
    private static long bytes(Directive d, String value) throws ConfigException {
        String lower = value.toLowerCase(Locale.ROOT);
        int shift = switch (lower.isEmpty() ? ' ' : lower.charAt(lower.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? lower : lower.substring(0, lower.length() - 1);
        try {
            long number = Long.parseLong(digits);
            if (number > 0 && number <= Long.MAX_VALUE >> shift) {
                return number << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw d.error("\"%s\" is not a valid size: a positive number of bytes, optionally followed by k, m or g",
                value);
    }
}

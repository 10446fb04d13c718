package io.mdbldap.conf;

import io.mdbldap.conf.schema.SchemaBuilder;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a slapd.conf-style configuration file, with the files it includes, into a {@link ServerConfig}.
 *
 * <p>The format is slapd.conf(5)'s: comments, continuation lines and quoting as {@link LineReader} and
 * {@link Tokenizer} describe; directive names match without regard to case. The directives:
 * <ul>
 *   <li>anywhere: {@code include <file>} (nested includes allowed), the schema directives {@code objectidentifier},
 *       {@code attributetype} and {@code objectclass} (usually from an included {@code .schema} file, see
 *       {@link SchemaBuilder}), {@code listen <url>...}, {@code loglevel}, {@code pidfile}, {@code argsfile},
 *       {@code modulepath}, {@code moduleload back_mdb}, {@code TLSCertificateFile}, {@code TLSCertificateKeyFile},
 *       {@code TLSCACertificateFile};</li>
 *   <li>before the first {@code database} line they are global, after it they apply to that database:
 *       {@code sizelimit}, {@code timelimit}, {@code access};</li>
 *   <li>{@code database mdb} starts a database section, which takes {@code suffix}, {@code rootdn},
 *       {@code rootpw}, {@code directory}, {@code maxsize}, {@code index}, {@code readonly}, {@code maxreaders},
 *       {@code dbnosync} and {@code checkpoint}.</li>
 * </ul>
 * Every relative path, of {@code include}, {@code directory}, {@code pidfile}, {@code argsfile} and the TLS files, is
 * resolved against the directory of the file that contains it, not against the working directory. Unknown or
 * malformed lines are errors, never skipped; the first one ends the parse.
 *
 * <p>Not thread-safe; each {@link #parse(Path)} call uses its own parser.
 */
public final class ConfigParser {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigParser.class);

    private final SchemaBuilder schema;
    private final SchemaDirectives schemaDirectives;
    private final GlobalSection global;
    private final List<DatabaseConfig> databases = new ArrayList<>();
    private final Deque<Path> including = new ArrayDeque<>();
    private DatabaseSection database;

    private ConfigParser(SchemaBuilder schema) {
        this.schema = schema;
        this.schemaDirectives = new SchemaDirectives(schema);
        this.global = new GlobalSection(schema.schemaManager());
    }

    /**
     * Parses a configuration file. Its schema starts from ApacheDS's enabled built-in schemas, which takes about a
     * second in a cold JVM.
     *
     * @param file the configuration file, for example {@code conf/slapd.conf}
     * @return the configuration
     * @throws ConfigException for the first error, located at its file and line
     */
    public static ServerConfig parse(Path file) throws ConfigException {
        long start = System.nanoTime();
        ConfigParser parser = new ConfigParser(SchemaBuilder.withBuiltInSchemas());
        parser.read(file, null);
        ServerConfig config = parser.finish(file);
        LOG.debug("{}: {} database(s), read in {} ms", file, config.databases().size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return config;
    }

    private void read(Path file, Directive includedBy) throws ConfigException {
        Path identity = file.toAbsolutePath().normalize();
        if (including.contains(identity)) {
            throw includedBy.error("\"%s\" is already being read: includes must not loop", file);
        }
        List<Line> lines = lines(file, includedBy);
        including.push(identity);
        for (Line line : lines) {
            apply(line);
        }
        including.pop();
    }

    private static List<Line> lines(Path file, Directive includedBy) throws ConfigException {
        try {
            return LineReader.read(file);
        } catch (IOException e) {
            String reason = "cannot read \"" + file + "\": " + describe(e);
            throw includedBy != null ? includedBy.error("%s", reason) : new ConfigException(file, 0, reason, e);
        }
    }

    private void apply(Line line) throws ConfigException {
        if (schemaDirectives.apply(line)) {
            return;
        }
        Directive d = Directive.of(line);
        switch (d.keyword()) {
            case "include" -> read(d.relativeToFile(d.onlyArg("include <file>")), d);
            case "database" -> startDatabase(d);
            default -> applySetting(d);
        }
    }

    private void applySetting(Directive d) throws ConfigException {
        if (database != null && database.apply(d) || global.apply(d)) {
            return;
        }
        if (DatabaseSection.KEYWORDS.contains(d.keyword())) {
            throw d.error("only allowed inside a database section (after \"database mdb\")");
        }
        throw d.line().error("unknown directive \"" + d.line().keyword() + "\"");
    }

    private void startDatabase(Directive d) throws ConfigException {
        String type = d.onlyArg("database mdb");
        if (!type.equalsIgnoreCase("mdb")) {
            throw d.error("database type \"%s\" is not supported: only mdb is", type);
        }
        endDatabase();
        database = new DatabaseSection(d, schema.schemaManager(), global.limits());
    }

    private void endDatabase() throws ConfigException {
        if (database != null) {
            databases.add(database.finish(databases));
            database = null;
        }
    }

    private ServerConfig finish(Path file) throws ConfigException {
        endDatabase();
        return global.finish(file, databases, schema.build());
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}

package io.mdbldap.conf;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.slf4j.event.Level;

/**
 * A whole server configuration, as {@link ConfigParser#parse(Path)} reads it from a slapd.conf-style file.
 *
 * <p>The record and its lists are immutable. The schema manager is not: it is the live
 * {@code DefaultSchemaManager} that ApacheDS is meant to take over ({@code DirectoryService.setSchemaManager}).
 *
 * @param file the configuration file that was parsed
 * @param listen the URLs to listen on ({@code ldap://} or {@code ldaps://}), each with a host and a port; by
 *     default {@code ldap://127.0.0.1:1389}
 * @param logLevel the SLF4J level that {@code loglevel} maps to; {@link Level#INFO} by default (slapd's
 *     {@code stats})
 * @param limits the global search limits, the defaults of every database
 * @param connectionLimits the limits on connections and request sizes
 * @param pidFile where to write the process id ({@code pidfile}), absolute
 * @param argsFile where to write the command line ({@code argsfile}), absolute
 * @param tls the TLS files
 * @param security the password hashing scheme and whether simple binds need TLS
 * @param access the global access rules, in order
 * @param databases the {@code database mdb} sections, in order, with distinct suffixes
 * @param schemaManager the schema: ApacheDS's enabled built-in schemas plus every definition the configuration loaded
 */
public record ServerConfig(Path file, List<URI> listen, Level logLevel, Limits limits,
        ConnectionLimits connectionLimits, Optional<Path> pidFile, Optional<Path> argsFile, TlsFiles tls,
        Security security, List<AccessRule> access, List<DatabaseConfig> databases,
        SchemaManager schemaManager) {

    /** The listen URL used when the configuration has no {@code listen} directive. */
    public static final URI DEFAULT_LISTEN = URI.create("ldap://127.0.0.1:1389");

    /**
     * Copies the lists and checks that nothing is null.
     *
     * @throws NullPointerException if a component is null
     */
    public ServerConfig {
        Objects.requireNonNull(file, "file");
        listen = List.copyOf(listen);
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(connectionLimits, "connectionLimits");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(argsFile, "argsFile");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(security, "security");
        access = List.copyOf(access);
        databases = List.copyOf(databases);
        Objects.requireNonNull(schemaManager, "schemaManager");
    }

    /**
     * Returns this configuration listening on other URLs, as {@code serve -h} asks.
     *
     * @param urls the URLs to listen on instead
     * @return the changed configuration
     */
    public ServerConfig withListen(List<URI> urls) {
        return new ServerConfig(file, urls, logLevel, limits, connectionLimits, pidFile, argsFile, tls, security,
                access, databases, schemaManager);
    }
}

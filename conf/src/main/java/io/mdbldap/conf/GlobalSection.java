package io.mdbldap.conf;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Collects the global directives, among them the connection limits ({@link ConnectionLimits}). As in slapd, they may also appear after a {@code database} line, except
 * {@code sizelimit}, {@code timelimit} and {@code access}, which then apply to that database.
 */
final class GlobalSection {

    private static final Logger LOG = LoggerFactory.getLogger(GlobalSection.class);

    private final AccessParser accessParser;
    private final SecurityDirectives security = new SecurityDirectives();
    private final List<URI> listen = new ArrayList<>();
    private final List<AccessRule> access = new ArrayList<>();
    private Directive ldapsListen;
    private Level logLevel = Level.INFO;
    private Limits limits = Limits.DEFAULT;
    private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULT;
    private Path pidFile;
    private Path argsFile;
    private Path certificateFile;
    private Path certificateKeyFile;
    private Path caCertificateFile;

    /**
     * Creates the global section.
     *
     * @param schema the schema, which access rules are checked against
     */
    GlobalSection(SchemaManager schema) {
        this.accessParser = new AccessParser(schema);
    }

    /**
     * Applies a directive if it is a global one.
     *
     * @param d the directive
     * @return false if the directive is not a global directive
     * @throws ConfigException if the directive is malformed
     */
    boolean apply(Directive d) throws ConfigException {
        switch (d.keyword()) {
            case "listen" -> listen(d);
            case "loglevel" -> logLevel = LogLevels.parse(d);
            case "sizelimit" -> limits = limits.withSizeLimit(d.limit());
            case "timelimit" -> limits = limits.withTimeLimit(d.limit());
            case "pidfile" -> pidFile = d.path("pidfile <file>");
            case "argsfile" -> argsFile = d.path("argsfile <file>");
            case "modulepath" -> LOG.debug("{}: ignoring modulepath {}: back_mdb is built in", d.line().file(),
                    d.onlyArg("modulepath <directory>"));
            case "moduleload" -> moduleLoad(d);
            case "tlscertificatefile" -> certificateFile = d.path("TLSCertificateFile <file>");
            case "tlscertificatekeyfile" -> certificateKeyFile = d.path("TLSCertificateKeyFile <file>");
            case "tlscacertificatefile" -> caCertificateFile = d.path("TLSCACertificateFile <file>");
            case "access" -> access.add(accessParser.parse(d));
            case "sockbuf_max_incoming", "sockbuf_max_incoming_auth", "max_filter_depth" ->
                    connectionLimits = connectionLimits.with(d.keyword(),
                    d.positiveInt(d.onlyArg(d.keyword() + " <number>")));
            case "idletimeout", "max_connections" ->
                    connectionLimits = connectionLimits.with(d.keyword(), d.nonNegativeInt(d.onlyArg(d.keyword()
                            + " <number>")));
            default -> {
                return security.apply(d);
            }
        }
        return true;
    }

    /**
     * Returns the global limits, which a new database starts from.
     *
     * @return the limits set so far
     */
    Limits limits() {
        return limits;
    }

    /**
     * Ends the configuration.
     *
     * @param file the top-level configuration file
     * @param databases the databases, in order
     * @param schema the finished schema
     * @return the server configuration
     * @throws ConfigException if an {@code ldaps://} URL is configured without a certificate and key
     */
    ServerConfig finish(Path file, List<DatabaseConfig> databases, SchemaManager schema) throws ConfigException {
        TlsFiles tls = new TlsFiles(Optional.ofNullable(certificateFile), Optional.ofNullable(certificateKeyFile),
                Optional.ofNullable(caCertificateFile));
        if (ldapsListen != null && !tls.hasServerCertificate()) {
            throw ldapsListen.error("ldaps:// needs TLSCertificateFile and TLSCertificateKeyFile");
        }
        return new ServerConfig(file, listen.isEmpty() ? List.of(ServerConfig.DEFAULT_LISTEN) : listen, logLevel,
                limits, connectionLimits, Optional.ofNullable(pidFile), Optional.ofNullable(argsFile), tls,
                security.security(), access, databases, schema);
    }

    private void listen(Directive d) throws ConfigException {
        d.expectArgs(1, Integer.MAX_VALUE, "listen <url> [<url>...]");
        for (String value : d.args()) {
            URI url = ListenUrls.parse(d, value);
            if (url.getScheme().equals("ldaps") && ldapsListen == null) {
                ldapsListen = d;
            }
            listen.add(url);
        }
    }

    private static void moduleLoad(Directive d) throws ConfigException {
        String module = d.onlyArg("moduleload <module>");
        if (!module.matches("back_mdb(\\.la|\\.so)?")) {
            throw d.error("module \"%s\" is not available: only back_mdb is supported, and it is built in", module);
        }
        LOG.debug("{}: ignoring moduleload {}: back_mdb is built in", d.line().file(), module);
    }
}

package io.mdbldap.conf;

import io.mdbldap.conf.schema.SchemaBuilder;
import io.mdbldap.conf.schema.SchemaSource;
import java.util.Locale;
import org.apache.directory.api.ldap.model.exception.LdapSchemaException;

/**
 * Feeds the schema directives ({@code objectidentifier}, {@code attributetype}, {@code objectclass}) to a
 * {@link SchemaBuilder}, whether they are in slapd.conf itself or in an included {@code .schema} file, and turns its
 * errors into errors at the directive's line.
 *
 * <p>Definitions join the ApacheDS schema named after their file: {@code nis.schema} feeds schema "nis",
 * {@code slapd.conf} feeds schema "slapd". Like slapd, any directive whose name starts with {@code attribute} (but
 * is not {@code attributeoptions}) defines an attribute type, which is how OpenLDAP's dsee.schema, with its
 * {@code attributeype} typo, loads.
 */
final class SchemaDirectives {

    private final SchemaBuilder builder;

    /**
     * Creates the handler.
     *
     * @param builder the schema being built
     */
    SchemaDirectives(SchemaBuilder builder) {
        this.builder = builder;
    }

    /**
     * Applies a line if it is a schema directive. The definitions are read from the raw line, not from slapd.conf
     * arguments, as slapd does, so quotes in descriptions need no escaping.
     *
     * @param line the line
     * @return false if the line is not a schema directive
     * @throws ConfigException if the definition is malformed or does not fit the schema
     */
    boolean apply(Line line) throws ConfigException {
        String keyword = line.keyword().toLowerCase(Locale.ROOT);
        try {
            if (keyword.equals("objectidentifier")) {
                objectIdentifier(Directive.of(line));
            } else if (keyword.startsWith("attribute") && !keyword.equals("attributeoptions")) {
                builder.attributeType(line.rest(), source(line));
            } else if (keyword.equals("objectclass")) {
                builder.objectClass(line.rest(), source(line));
            } else {
                return false;
            }
        } catch (LdapSchemaException e) {
            throw line.error(line.keyword() + ": " + e.getMessage());
        }
        return true;
    }

    private void objectIdentifier(Directive d) throws ConfigException, LdapSchemaException {
        d.expectArgs(2, 2, "objectidentifier <name> <oid>");
        builder.objectIdentifier(d.args().get(0), d.args().get(1));
    }

    private static SchemaSource source(Line line) {
        String fileName = line.file().getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String schemaName = dot > 0 ? fileName.substring(0, dot) : fileName;
        return new SchemaSource(schemaName, line.file() + ":" + line.number());
    }
}

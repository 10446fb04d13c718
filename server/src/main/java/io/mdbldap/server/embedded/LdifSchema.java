package io.mdbldap.server.embedded;

import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;

/**
 * Turns a schema in LDIF into the OpenLDAP {@code .schema} form the configuration reader takes:
 * a subschema entry ({@code attributeTypes}, {@code objectClasses}, as {@code cn=schema} shows
 * and UnboundID's and ApacheDS's tools write) or OpenLDAP's {@code cn=config} form ({@code
 * olcObjectIdentifier}, {@code olcAttributeTypes}, {@code olcObjectClasses}, with or without
 * their {@code {n}} order prefixes). Other attributes are ignored.
 */
final class LdifSchema {
  /** Attribute (lower case) to the slapd.conf directive its values become; in this order. */
  private static final Map<String, String> DIRECTIVES = Map.of(
      "olcobjectidentifier", "objectidentifier",
      "attributetypes", "attributetype",
      "olcattributetypes", "attributetype",
      "objectclasses", "objectclass",
      "olcobjectclasses", "objectclass");
  private static final String[] ORDER = {
      "olcobjectidentifier", "attributetypes", "olcattributetypes", "objectclasses", "olcobjectclasses"};
  private static final Pattern ORDER_PREFIX = Pattern.compile("^\\{\\d+}");

  private LdifSchema() {}

  static String toSchemaFile(FileSource source, String ldif) throws StartupException {
    StringBuilder schema = new StringBuilder("# from ").append(source.name()).append('\n');
    try (LdifReader reader = new LdifReader()) {
      for (LdifEntry entry : reader.parseLdif(ldif)) {
        append(schema, entry);
      }
    } catch (LdapException | IOException e) {
      throw new StartupException("cannot read the LDIF schema " + source.name(), e);
    }
    return schema.toString();
  }

  private static void append(StringBuilder schema, LdifEntry entry) {
    for (String name : ORDER) {
      for (Attribute attribute : entry.getEntry()) {
        if (attribute.getUpId().toLowerCase(Locale.ROOT).equals(name)) {
          for (Value value : attribute) {
            String definition = ORDER_PREFIX.matcher(value.getString().strip()).replaceFirst("");
            // One line per definition: LDIF may have folded it, a .schema line must not break it.
            schema.append(DIRECTIVES.get(name)).append(' ').append(definition.replaceAll("\\s+", " ")).append('\n');
          }
        }
      }
    }
  }
}

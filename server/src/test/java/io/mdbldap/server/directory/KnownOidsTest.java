package io.mdbldap.server.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdbldap.conf.ConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.normalizers.ObjectIdentifierNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** objectClass values normalize as before once {@link KnownOids} remembers the answers. */
class KnownOidsTest {
  private static final Path SCHEMA = Path.of("..", "conf", "schema").toAbsolutePath().normalize();

  @TempDir
  static Path directory;
  private static SchemaManager schema;
  private static AttributeType objectClass;

  @BeforeAll
  static void installOnLoadedSchema() throws Exception {
    Path file = directory.resolve("slapd.conf");
    Files.writeString(file, "include " + SCHEMA.resolve("core.schema") + "\ninclude " + SCHEMA.resolve("cosine.schema")
        + "\ninclude " + SCHEMA.resolve("inetorgperson.schema") + "\n");
    schema = ConfigParser.parse(file).schemaManager();
    KnownOids.install(schema);
    KnownOids.install(schema);
    objectClass = schema.lookupAttributeTypeRegistry("objectClass");
  }

  /** The same answers as the API's normalizer, asked twice (the second time from memory), failures included. */
  @Test
  void answersAsTheApisNormalizer() throws Exception {
    KnownOids normalizer = assertInstanceOf(KnownOids.class, objectClass.getEquality().getNormalizer());
    ObjectIdentifierNormalizer api = new ObjectIdentifierNormalizer();
    api.setSchemaManager(schema);
    for (int i = 0; i < 2; i++) {
      for (String value : List.of("person", "PERSON", "inetOrgPerson", "referral", "cn", "2.5.6.6", "1.2.3.4",
          "noSuchClass")) {
        assertEquals(api.normalize(value), normalizer.normalize(value), value);
      }
      assertEquals("2.16.840.1.113730.3.2.2", new Value(objectClass, "inetOrgPerson").getNormalized());
      assertThrows(LdapException.class, () -> api.normalize("1x"));
      assertThrows(LdapException.class, () -> normalizer.normalize("1x"));
    }
  }
}

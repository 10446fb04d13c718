package io.mdbldap.store.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attributes built from stored values are the attributes the public API builds from the same
 * values: same names, type, values in order, hash code, equal both ways, and they behave the same
 * in an entry.
 */
class StoredAttributesTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = new DefaultSchemaManager();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "cn|Barbara Jensen;Babs Jensen",
      "CommonName|Åsa Öberg",
      "uid|bjensen",
      "mail|a@example.com;b@example.com;c@example.com",
      "telephoneNumber|+1 555 0001",
      "objectClass|top;person;organizationalPerson;inetOrgPerson",
      "userPassword|secret;other",
      "description|",
  })
  void attributesEqualThoseThePublicApiBuilds(String description, String joined) throws Exception {
    AttributeType type = schema.getAttributeType(description);
    List<Value> values = new ArrayList<>();
    for (String v : joined == null ? new String[0] : joined.split(";")) {
      values.add(type.getSyntax().isHumanReadable() ? new Value(type, v) : new Value(type, v.getBytes("UTF-8")));
    }
    Attribute empty = new DefaultAttribute(description, type);
    Attribute expected = empty.clone();
    expected.add(values.toArray(new Value[0]));
    Attribute built = StoredAttributes.of(empty, values.toArray(new Value[0]));

    assertEquals(expected.getUpId(), built.getUpId());
    assertEquals(expected.getId(), built.getId());
    assertEquals(expected.getAttributeType(), built.getAttributeType());
    assertEquals(expected.isHumanReadable(), built.isHumanReadable());
    assertEquals(List.copyOf(valuesOf(expected)), List.copyOf(valuesOf(built)), "values, in order");
    assertEquals(expected.hashCode(), built.hashCode());
    assertTrue(expected.equals(built) && built.equals(expected), "equal both ways");
    assertEquals(expected.toString(), built.toString());
    assertEquals(0, empty.size(), "the model is left empty");

    Entry withExpected = new DefaultEntry(schema, "cn=x,dc=example,dc=com");
    withExpected.put(expected);
    Entry withBuilt = new DefaultEntry(schema, "cn=x,dc=example,dc=com");
    withBuilt.put(built);
    assertEquals(withExpected, withBuilt);
    assertTrue(values.isEmpty() || withBuilt.contains(description, values.get(0)));
  }

  private static List<Value> valuesOf(Attribute attribute) {
    List<Value> list = new ArrayList<>();
    attribute.forEach(list::add);
    return list;
  }
}

package io.mdbldap.server.access.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdbldap.server.access.acl.EntryMatcher.Truth;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three-valued filter evaluation with hidden attributes: userPassword may not be searched, so every term over it is
 * Undefined, and the filter matches only if it would whatever the password is.
 */
class EntryMatcherTest {
  private static SchemaManager schema;
  private static Entry jdoe;

  @BeforeAll
  static void entry() throws Exception {
    schema = new DefaultSchemaManager();
    jdoe = new DefaultEntry(schema, "uid=jdoe,ou=People,dc=example,dc=com",
        "objectClass: inetOrgPerson", "objectClass: organizationalPerson", "objectClass: person",
        "objectClass: top", "uid: jdoe", "cn: John Doe", "sn: Doe", "mail: jdoe@example.com",
        "createTimestamp: 20240101000000Z", "userPassword: secret");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = ';', value = {
      "(userPassword=secret);UNDEFINED",
      "(userPassword=*);UNDEFINED",
      "(!(userPassword=guess));UNDEFINED",
      "(|(userPassword=secret)(uid=nobody));UNDEFINED",
      "(|(userPassword=secret)(uid=JDOE));TRUE",
      "(&(userPassword=secret)(uid=jdoe));UNDEFINED",
      "(&(userPassword=secret)(uid=nobody));FALSE",
      "(cn=  john   DOE );TRUE",
      "(name=doe);TRUE",
      "(cn=J*n*e);TRUE",
      "(cn=*smith);FALSE",
      "(mail=*);TRUE",
      "(telephoneNumber=*);FALSE",
      "(createTimestamp>=20230101000000Z);TRUE",
      "(createTimestamp<=20230101000000Z);FALSE",
      "(!(objectClass=person));FALSE",
      "(cn:caseExactMatch:=John Doe);UNDEFINED"})
  void termsOverHiddenAttributesAreUndefined(String filter, Truth expected) throws Exception {
    AttributeType hidden = schema.lookupAttributeTypeRegistry("userPassword");
    assertEquals(expected, EntryMatcher.evaluate(FilterParser.parse(schema, filter), jdoe,
        type -> !type.equals(hidden)));
  }
}

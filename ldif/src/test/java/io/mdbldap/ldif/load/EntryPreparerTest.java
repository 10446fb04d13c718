package io.mdbldap.ldif.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Schemas;
import io.mdbldap.ldif.read.EntryReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema check and the operational attributes, through {@link EntryPreparer}. */
class EntryPreparerTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:34:56.789Z"), ZoneOffset.UTC);
  private static SchemaManager schema;
  private static EntryPreparer checked;
  private static EntryPreparer quick;

  @BeforeAll
  static void setUp() throws Exception {
    schema = Schemas.get();
    Dn suffix = new Dn(schema, "dc=example,dc=com");
    Dn creator = new Dn(schema, "cn=admin,dc=example,dc=com");
    checked = new EntryPreparer(schema, suffix, creator, true, CLOCK);
    quick = new EntryPreparer(schema, suffix, creator, false, CLOCK);
  }

  /** An entry as the reader builds it (the API's own entry constructor drops values it dislikes). */
  private static Entry entry(String dn, String... lines) throws Exception {
    String ldif = "dn: " + dn + "\n" + String.join("\n", lines) + "\n";
    try (EntryReader r = EntryReader.of(new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)), "t", schema)) {
      return r.next().entry();
    }
  }

  private static String violation(Entry e) {
    return assertThrows(LdapException.class, () -> checked.prepare(e)).getMessage();
  }

  @Test
  void acceptsAValidEntryAndAddsTheOperationalAttributes() throws Exception {
    Entry e = entry("uid=jdoe,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: jdoe", "cn: John", "sn: Doe");
    checked.prepare(e);
    assertEquals("20240601123456Z", e.get("createTimestamp").getString());
    assertEquals("20240601123456Z", e.get("modifyTimestamp").getString());
    assertEquals("cn=admin,dc=example,dc=com", e.get("creatorsName").getString());
    assertEquals("cn=admin,dc=example,dc=com", e.get("modifiersName").getString());
    assertTrue(e.get("entryCSN").getString().matches("\\d{14}\\.\\d{6}Z#[0-9a-f]{6}#000#000000"), e.get("entryCSN").getString());
    assertTrue(e.get("entryUUID").getString().matches("[0-9a-f-]{36}"));
    assertNull(e.get("structuralObjectClass"), "ApacheDS does not store it, so it is not generated");
  }

  @Test
  void namesTheGeneratedAttributesAsTheEntryApiWould() throws Exception {
    Entry e = entry("uid=jdoe,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: jdoe", "cn: John", "sn: Doe");
    quick.prepare(e);
    for (String name : List.of("entryUUID", "entryCSN", "createTimestamp", "modifyTimestamp", "creatorsName",
        "modifiersName")) {
      Attribute generated = e.get(name);
      Entry reference = new DefaultEntry(schema, e.getDn());
      reference.add(generated.getAttributeType(), generated.getString());
      Attribute expected = reference.get(name);
      assertEquals(expected.getUpId(), generated.getUpId(), name);
      assertEquals(expected.get().getNormalized(), generated.get().getNormalized(), name);
      assertEquals(expected, generated, name);
    }
  }

  @Test
  void keepsTheOperationalAttributesAnExportCarries() throws Exception {
    Entry e = entry("uid=jdoe,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: jdoe", "cn: John", "sn: Doe",
        "structuralObjectClass: inetOrgPerson", "entryUUID: 5f0c7b2e-2bb6-103e-8b7a-5b3b2f1c9a01",
        "entryCSN: 20230101000000.000000Z#000000#000#000000", "createTimestamp: 20230101000000Z",
        "creatorsName: cn=someone,dc=example,dc=com", "modifyTimestamp: 20230102000000Z",
        "modifiersName: cn=someone,dc=example,dc=com", "entryDN: uid=jdoe,dc=example,dc=com");
    checked.prepare(e);
    assertEquals("5f0c7b2e-2bb6-103e-8b7a-5b3b2f1c9a01", e.get("entryUUID").getString());
    assertEquals("20230101000000.000000Z#000000#000#000000", e.get("entryCSN").getString());
    assertEquals("20230101000000Z", e.get("createTimestamp").getString());
    assertEquals("cn=someone,dc=example,dc=com", e.get("creatorsName").getString());
    assertEquals("inetOrgPerson", e.get("structuralObjectClass").getString());
    assertFalse(e.containsAttribute("entryDN"), "derived on reading: never stored");
  }

  @Test
  void checksTheObjectClassRules() throws Exception {
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "cn: x"))
        .contains("attribute \"sn\" is required by object class \"person\""));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "cn: x", "sn: y", "mail: a@b"))
        .contains("attribute \"mail\" is not allowed"));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: top", "cn: x"))
        .contains("no structural object class"));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "objectClass: organizationalUnit",
        "cn: x", "sn: y", "ou: z")).contains("are not one chain"));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "objectClass: noSuchClass",
        "cn: x", "sn: y")).contains("unknown object class \"noSuchClass\""));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "cn: y", "sn: y"))
        .contains("the RDN value cn=x is not among the entry's values"));
    assertTrue(violation(entry("uid=x,dc=example,dc=com", "objectClass: account", "objectClass: posixAccount",
        "uid: x", "cn: x", "uidNumber: 1", "uidNumber: 2", "gidNumber: 1", "homeDirectory: /h"))
        .contains("attribute \"uidNumber\" is single-valued but has 2 values"));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "objectClass: person", "cn: x", "sn: y",
        "structuralObjectClass: organizationalUnit")).contains("is not the entry's structural object class \"person\""));
    assertTrue(violation(entry("cn=x,dc=example,dc=com", "cn: x")).contains("no objectClass attribute"));
  }

  @Test
  void allowsWhatTheRulesAllow() throws Exception {
    checked.prepare(entry("cn=x,dc=example,dc=com", "objectClass: person", "objectClass: extensibleObject",
        "cn: x", "sn: y", "mail: a@b", "uidNumber: 7"));
    // ou comes from organizationalPerson's MAY
    checked.prepare(entry("cn=x,dc=example,dc=com", "objectClass: organizationalPerson", "cn: x", "sn: y", "ou: z"));
    // the superclasses need not be listed
    checked.prepare(entry("cn=x,dc=example,dc=com", "objectClass: inetOrgPerson", "cn: x", "sn: y"));
  }

  @Test
  void quickSkipsTheRulesButNotTheSuffix() throws Exception {
    quick.prepare(entry("cn=x,dc=example,dc=com", "objectClass: person", "cn: x"));
    String outside = assertThrows(LdapException.class,
        () -> quick.prepare(entry("cn=x,dc=other,dc=com", "objectClass: person", "cn: x", "sn: y"))).getMessage();
    assertTrue(outside.contains("not within the database's suffix \"dc=example,dc=com\""), outside);
  }
}

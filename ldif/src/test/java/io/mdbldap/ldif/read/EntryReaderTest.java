package io.mdbldap.ldif.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Schemas;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryReaderTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = Schemas.get();
  }

  private static EntryReader reader(String ldif) {
    return reader(ldif.getBytes(StandardCharsets.UTF_8));
  }

  private static EntryReader reader(byte[] ldif) {
    return EntryReader.of(new ByteArrayInputStream(ldif), "test.ldif", schema);
  }

  private static List<EntryRecord> readAll(String ldif) throws Exception {
    List<EntryRecord> all = new ArrayList<>();
    try (EntryReader r = reader(ldif)) {
      for (EntryRecord e = r.next(); e != null; e = r.next()) {
        all.add(e);
      }
    }
    return all;
  }

  private static LdifException failure(String ldif) {
    return assertThrows(LdifException.class, () -> readAll(ldif));
  }

  private static final String PERSON = "objectClass: person\ncn: x\nsn: y\n";

  @Test
  void readsRecordsWithTheLineTheyStartOn() throws Exception {
    List<EntryRecord> all = readAll("version: 1\n\n# comment\n\ndn: cn=x,dc=example,dc=com\n" + PERSON
        + "\n\n\ndn: cn=y,dc=example,dc=com\nobjectClass: person\ncn: y\nsn: y\n");
    assertEquals(2, all.size());
    assertEquals(5, all.get(0).line());
    assertEquals(12, all.get(1).line());
    assertEquals("cn=y,dc=example,dc=com", all.get(1).entry().getDn().getName());
  }

  @Test
  void quickReadingKeepsWhatTheSyntaxRejectsButNotWhatTheNormalizerRejects() throws Exception {
    String badMail = "dn: cn=x,dc=example,dc=com\n" + PERSON + "mail: d\u00e9@example.com\n";
    assertTrue(failure(badMail).getMessage().contains("attribute \"mail\": invalid value"));
    try (EntryReader r = reader(badMail + "\ndn: cn=y,dc=example,dc=com\n" + PERSON + "seeAlso: not a DN\n")) {
      r.skipSyntaxChecks();
      Entry e = r.next().entry();
      assertEquals("d\u00e9@example.com", e.get("mail").getString());
      assertEquals(" d\u00e9@example.com ", e.get("mail").get().getNormalized(), "normalized all the same");
      LdifException refused = assertThrows(LdifException.class, r::next);
      assertTrue(refused.getMessage().startsWith("test.ldif:11: entry \"cn=y,dc=example,dc=com\": attribute \"seeAlso\""),
          refused.getMessage());
    }
  }

  @Test
  void recordsMayNameTheirAttributesInAnyOrderAndForm() throws Exception {
    List<EntryRecord> all = readAll("dn: cn=a,dc=example,dc=com\nobjectClass: person\ncn: a\nsn: s\n\n"
        + "dn: cn=b,dc=example,dc=com\nobjectClass: person\nsn: s\ncn: b\n\n"
        + "dn: cn=c,dc=example,dc=com\nobjectClass: person\nCN: c\nsn;x-tag: s\n\n"
        + "dn: cn=d,dc=example,dc=com\nobjectClass: person\ncn: d\nsurname: s\n");
    assertEquals(List.of("cn", "cn", "CN", "cn"), all.stream().map(r -> r.entry().get("cn").getUpId()).toList());
    assertEquals(List.of("sn", "sn", "sn;x-tag", "surname"),
        all.stream().map(r -> r.entry().get("sn").getUpId()).toList());
    List<String> values = new ArrayList<>();
    for (EntryRecord r : all) {
      values.add(r.entry().get("cn").getString());
    }
    assertEquals(List.of("a", "b", "c", "d"), values);
  }

  @Test
  void versionMayBeFollowedDirectlyByTheFirstRecord() throws Exception {
    assertEquals(1, readAll("version: 1\ndn: cn=x,dc=example,dc=com\n" + PERSON).size());
  }

  @Test
  void unfoldsContinuationLinesAnywhere() throws Exception {
    Entry e = readAll("dn: cn=x,dc=ex\n ample,dc=com\nobjectClass: person\ncn: x\nsn: y\ndescr\n iption: one\n  two\n")
        .get(0).entry();
    assertEquals("cn=x,dc=example,dc=com", e.getDn().getName());
    assertEquals("one two", e.get("description").getString());
  }

  @Test
  void skipsFoldedComments() throws Exception {
    Entry e = readAll("dn: cn=x,dc=example,dc=com\n# a comment\n continued: not an attribute\n" + PERSON).get(0).entry();
    assertEquals(3, e.size());
  }

  @Test
  void acceptsCrLfLineEnds() throws Exception {
    Entry e = readAll("dn: cn=x,dc=example,dc=com\r\nobjectClass: person\r\ncn: x\r\nsn: y\r\n\r\n").get(0).entry();
    assertEquals("y", e.get("sn").getString());
  }

  @Test
  void decodesBase64AndKeepsBinaryValuesAsBytes() throws Exception {
    Entry e = readAll("dn:: Y249eCxkYz1leGFtcGxlLGRjPWNvbQ==\n" + PERSON
        + "description:: IGxlYWRpbmcgc3BhY2U=\nuserPassword:: AP8=\n").get(0).entry();
    assertEquals("cn=x,dc=example,dc=com", e.getDn().getName());
    assertEquals(" leading space", e.get("description").getString());
    assertArrayEquals(new byte[] {0, (byte) 0xFF}, e.get("userPassword").getBytes());
  }

  @Test
  void readsUnicodePlainValues() throws Exception {
    Entry e = readAll("dn: cn=José,dc=example,dc=com\nobjectClass: person\ncn: José\nsn: 日本\n").get(0).entry();
    assertEquals("日本", e.get("sn").getString());
  }

  @Test
  void binaryOptionGivesBytesAndKeepsTheDescription() throws Exception {
    Attribute cert = readAll("dn: cn=x,dc=example,dc=com\nobjectClass: inetOrgPerson\ncn: x\nsn: y\n"
        + "userCertificate;binary:: AQID\n").get(0).entry().get("userCertificate");
    assertEquals("userCertificate;binary", cert.getUpId());
    assertArrayEquals(new byte[] {1, 2, 3}, cert.getBytes());
  }

  @Test
  void knowsTheSizeOfAFileButNotOfAStream(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("in.ldif");
    Files.writeString(file, "dn: cn=x,dc=example,dc=com\n" + PERSON);
    try (EntryReader r = EntryReader.open(file, schema); EntryReader s = reader("dn: cn=x,dc=example,dc=com\n")) {
      assertEquals(Files.size(file), r.size());
      assertEquals(0, s.size());
    }
  }

  @Test
  void readsFileUrls(@TempDir Path dir) throws Exception {
    Path photo = dir.resolve("photo.bin");
    Files.write(photo, new byte[] {9, 8, 7});
    Entry e = readAll("dn: cn=x,dc=example,dc=com\n" + PERSON + "userPassword:< " + photo.toUri() + "\n").get(0).entry();
    assertArrayEquals(new byte[] {9, 8, 7}, e.get("userPassword").getBytes());
  }

  @Test
  void attributeNamedByOidOrInAnotherCaseIsTheSameAttribute() throws Exception {
    Entry e = readAll("dn: cn=x,dc=example,dc=com\n" + PERSON + "description: a\n2.5.4.13: b\nDESCRIPTION: c\n")
        .get(0).entry();
    assertEquals(3, e.get("description").size());
    assertEquals("description", e.get("description").getUpId());
  }

  @Test
  void refusesChangeRecordsWithTheirLine() {
    LdifException e = failure("dn: cn=x,dc=example,dc=com\n" + PERSON + "\n"
        + "dn: cn=x,dc=example,dc=com\nchangetype: modify\nreplace: sn\nsn: z\n-\nadd: description\ndescription: d\n-\n");
    assertEquals(7, e.line());
    assertEquals("cn=x,dc=example,dc=com", e.dn());
    assertTrue(e.getMessage().startsWith("test.ldif:7: entry \"cn=x,dc=example,dc=com\": change records"), e.getMessage());
  }

  @Test
  void reportsEachErrorAtItsLineAndGoesOnWithTheNextRecord() throws Exception {
    String ldif = "dn: cn=a,dc=example,dc=com\n" + PERSON + "description:: not*base64\n\n"
        + "dn: cn=b,,dc=example,dc=com\n" + PERSON + "\n"
        + "dn: cn=c,dc=example,dc=com\n" + PERSON + "noSuchAttribute: v\n\n"
        + "dn: cn=d,dc=example,dc=com\n" + PERSON + "uidNumber: twelve\n\n"
        + "dn: cn=e,dc=example,dc=com\n" + PERSON + "truncated line without colon\n\n"
        + "dn: cn=f,dc=example,dc=com\n" + PERSON + "sn: y\n\n"
        + "objectClass: person\n\n"
        + " stray continuation\n\n"
        + "dn: cn=ok,dc=example,dc=com\n" + PERSON;
    List<String> messages = new ArrayList<>();
    String last = null;
    try (EntryReader r = reader(ldif)) {
      while (true) {
        try {
          EntryRecord e = r.next();
          if (e == null) {
            break;
          }
          last = e.entry().getDn().getName();
        } catch (LdifException problem) {
          messages.add(problem.getMessage());
        }
      }
    }
    assertEquals("cn=ok,dc=example,dc=com", last);
    assertEquals(8, messages.size(), String.join("\n", messages));
    assertTrue(messages.get(0).startsWith("test.ldif:5: entry \"cn=a,dc=example,dc=com\": attribute \"description\": invalid base64"), messages.get(0));
    assertTrue(messages.get(1).startsWith("test.ldif:7: invalid DN \"cn=b,,dc=example,dc=com\""), messages.get(1));
    assertTrue(messages.get(2).startsWith("test.ldif:16: entry \"cn=c,dc=example,dc=com\": attribute type \"noSuchAttribute\" is not in the schema"), messages.get(2));
    assertTrue(messages.get(3).startsWith("test.ldif:22: entry \"cn=d,dc=example,dc=com\": attribute \"uidNumber\": invalid value \"twelve\""), messages.get(3));
    assertTrue(messages.get(4).startsWith("test.ldif:28: entry \"cn=e,dc=example,dc=com\": expected \"attribute: value\""), messages.get(4));
    assertTrue(messages.get(5).startsWith("test.ldif:34: entry \"cn=f,dc=example,dc=com\": duplicate value \"y\""), messages.get(5));
    assertTrue(messages.get(6).startsWith("test.ldif:36: expected \"dn:\""), messages.get(6));
    assertTrue(messages.get(7).startsWith("test.ldif:38: continuation line"), messages.get(7));
  }

  @Test
  void namesAnUnknownAttributeTypeInTheDn() {
    LdifException e = failure("dn: foo=x,dc=example,dc=com\n" + PERSON);
    assertTrue(e.getMessage().contains("attribute type \"foo\" is not in the schema"), e.getMessage());
  }

  @Test
  void refusesTheSameAttributeWithOtherOptions() {
    LdifException e = failure("dn: cn=x,dc=example,dc=com\n" + PERSON + "description: a\ndescription;lang-en: b\n");
    assertEquals(6, e.line());
    assertTrue(e.getMessage().contains("also appears as \"description\""), e.getMessage());
  }

  @Test
  void refusesTheRootDseAndASecondDnLine() {
    assertTrue(failure("dn:\n" + PERSON).getMessage().contains("root DSE"));
    assertTrue(failure("dn: cn=x,dc=example,dc=com\ndn: cn=y,dc=example,dc=com\n" + PERSON).getMessage()
        .contains("blank line between two entries missing"));
  }

  @Test
  void reportsInvalidUtf8AtItsLineAndReadsOn() throws Exception {
    byte[] head = "dn: cn=a,dc=example,dc=com\nobjectClass: person\ncn: a\nsn: ".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\n\ndn: cn=b,dc=example,dc=com\nobjectClass: person\ncn: b\nsn: b\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xC3;
    all[head.length + 1] = (byte) 0x28;
    System.arraycopy(tail, 0, all, head.length + 2, tail.length);
    try (EntryReader r = reader(all)) {
      LdifException e = assertThrows(LdifException.class, r::next);
      assertEquals(4, e.line());
      assertTrue(e.reason().contains("not valid UTF-8"));
      assertEquals("cn=b,dc=example,dc=com", r.next().entry().getDn().getName());
      assertNull(r.next());
    }
  }

  /** A limitation of the Apache LDAP API's string preparation, which the server shares: reported, not loaded. */
  @Test
  void refusesCharactersOutsideTheBasicPlaneWithAClearMessage() {
    LdifException e = failure("dn: cn=x,dc=example,dc=com\n" + PERSON + "description: party \uD83C\uDF89\n");
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains("attribute \"description\": ") && e.getMessage().contains("can't be normalized"),
        e.getMessage());
  }

  @Test
  void reportsAnUnsupportedVersion() {
    LdifException e = failure("version: 2\n\ndn: cn=x,dc=example,dc=com\n" + PERSON);
    assertEquals(1, e.line());
  }
}

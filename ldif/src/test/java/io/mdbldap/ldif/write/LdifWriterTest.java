package io.mdbldap.ldif.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Schemas;
import io.mdbldap.ldif.read.EntryReader;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LdifWriterTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = Schemas.get();
  }

  /** An entry as the reader builds it: attribute names as written. */
  private static Entry entry(String ldif) throws Exception {
    try (EntryReader r = EntryReader.of(new ByteArrayInputStream(ldif.getBytes(StandardCharsets.UTF_8)), "t", schema)) {
      return r.next().entry();
    }
  }

  private static String write(Entry e) throws Exception {
    StringWriter out = new StringWriter();
    LdifWriter w = new LdifWriter(out);
    w.write(e);
    w.flush();
    return out.toString();
  }

  @Test
  void safeStringsAreTheOnlyPlainValues() {
    assertTrue(LdifWriter.isSafe("plain text, with: colons < and # signs"));
    assertTrue(LdifWriter.isSafe(""));
    assertFalse(LdifWriter.isSafe(" leading space"));
    assertFalse(LdifWriter.isSafe(":leading colon"));
    assertFalse(LdifWriter.isSafe("<leading less-than"));
    assertFalse(LdifWriter.isSafe("trailing space "));
    assertFalse(LdifWriter.isSafe("new\nline"));
    assertFalse(LdifWriter.isSafe("carriage\rreturn"));
    assertFalse(LdifWriter.isSafe("nul\0"));
    assertFalse(LdifWriter.isSafe("José"));
  }

  @Test
  void writesObjectClassFirstAndOperationalAttributesLast() throws Exception {
    Entry e = entry("dn: cn=x,dc=example,dc=com\nentryUUID: 5f0c7b2e-2bb6-103e-8b7a-5b3b2f1c9a01\n"
        + "sn: y\nobjectClass: person\ncn: x\n");
    String ldif = write(e);
    assertTrue(ldif.startsWith("dn: cn=x,dc=example,dc=com\nobjectClass: person\n"), ldif);
    assertTrue(ldif.endsWith("entryUUID: 5f0c7b2e-2bb6-103e-8b7a-5b3b2f1c9a01\n\n"), ldif);
  }

  @Test
  void foldsAt76ColumnsAndEncodesWhatIsNotSafe() throws Exception {
    String longValue = "x".repeat(200);
    Entry e = entry("dn: cn=José,dc=example,dc=com\nobjectClass: person\ncn: José\nsn: " + longValue
        + "\nuserPassword: secret\n");
    String ldif = write(e);
    for (String line : ldif.split("\n")) {
      assertTrue(line.length() <= LdifWriter.WIDTH, line);
    }
    assertTrue(ldif.startsWith("dn:: Y249Sm9zw6ksZGM9ZXhhbXBsZSxkYz1jb20=\n"), ldif);
    assertTrue(ldif.contains("cn:: Sm9zw6k=\n"), ldif);
    assertTrue(ldif.contains("userPassword:: c2VjcmV0\n"), "binary syntaxes always in base64: " + ldif);
    assertTrue(ldif.contains("sn: " + "x".repeat(72) + "\n " + "x".repeat(75) + "\n " + "x".repeat(53) + "\n"), ldif);
    assertFalse(ldif.startsWith("version"), "slapadd refuses a version line");
  }
}

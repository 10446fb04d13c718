package io.mdbldap.ldif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LDIF comparisons for tests, through the UnboundID SDK's parser: an implementation independent of
 * ours, so a round trip is not checked by the code under test.
 */
public final class Ldif {
  /** What an import generates when the input has none: present in the export, absent from the input. */
  public static final Set<String> GENERATED = Set.of("entryuuid", "entrycsn", "createtimestamp", "modifytimestamp",
      "creatorsname", "modifiersname");

  private Ldif() {}

  /** The entries of an LDIF text, by normalized DN, in file order. */
  public static Map<String, Entry> parse(String ldif) {
    return parse(ldif.getBytes(StandardCharsets.UTF_8));
  }

  public static Map<String, Entry> parse(Path file) throws IOException {
    return parse(Files.readAllBytes(file));
  }

  private static Map<String, Entry> parse(byte[] ldif) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    try (LDIFReader reader = new LDIFReader(new ByteArrayInputStream(ldif))) {
      for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
        if (entries.put(normalized(e), e) != null) {
          fail("duplicate DN in LDIF: " + e.getDN());
        }
      }
    } catch (IOException | LDIFException | LDAPException e) {
      throw new AssertionError("not valid LDIF: " + e.getMessage(), e);
    }
    return entries;
  }

  private static String normalized(Entry e) throws LDAPException {
    return e.getParsedDN().toNormalizedString();
  }

  /**
   * Asserts that {@code actual} holds exactly the entries of {@code expected}: the same DNs, and in
   * each entry the same attributes (names compared without regard to case) with the same values
   * (byte for byte); {@code actual} may also have attributes named in {@code extra}.
   */
  public static void assertSameEntries(Map<String, Entry> expected, Map<String, Entry> actual, Set<String> extra) {
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "the DNs differ");
    expected.forEach((dn, e) -> assertSameEntry(e, actual.get(dn), extra));
  }

  public static void assertSameEntry(Entry expected, Entry actual, Set<String> extra) {
    assertNotNull(actual, "missing: " + expected.getDN());
    Map<String, Attribute> want = byName(expected);
    Map<String, Attribute> got = byName(actual);
    for (Map.Entry<String, Attribute> a : want.entrySet()) {
      Attribute g = got.get(a.getKey());
      assertNotNull(g, expected.getDN() + ": attribute " + a.getKey() + " missing in " + actual.toLDIFString());
      assertEquals(values(a.getValue()), values(g), expected.getDN() + ": values of " + a.getKey());
    }
    for (String name : got.keySet()) {
      assertTrue(want.containsKey(name) || extra.contains(name),
          expected.getDN() + ": unexpected attribute " + name + " in " + actual.toLDIFString());
    }
  }

  private static Map<String, Attribute> byName(Entry e) {
    Map<String, Attribute> m = new LinkedHashMap<>();
    for (Attribute a : e.getAttributes()) {
      m.put(a.getName().toLowerCase(Locale.ROOT), a);
    }
    return m;
  }

  /** Values as comparable strings of their bytes. */
  private static Set<String> values(Attribute a) {
    Set<String> values = new HashSet<>();
    for (byte[] v : a.getValueByteArrays()) {
      values.add(Arrays.toString(v));
    }
    return values;
  }

  /** Writes {@code text} to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** The lines of {@code text}, for assertions about messages. */
  public static List<String> lines(String text) {
    return text.lines().toList();
  }
}

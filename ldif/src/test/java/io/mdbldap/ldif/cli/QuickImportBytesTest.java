package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.TestDatabase;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * A quick import ({@code add -q}) writes the very bytes a checked one writes, in every sub-database,
 * for the inputs that trip loaders up. The operational attributes are given in the input, so
 * nothing random or timed is generated and the two databases can be compared byte for byte.
 */
class QuickImportBytesTest {
  /** More tricky records: names in upper case, aliases, OIDs as names, DN-valued attributes, an integer. */
  private static final String MORE = """
      dn: UID=Upper,OU=People,DC=Example,DC=COM
      OBJECTCLASS: inetOrgPerson
      UID: Upper
      CN: Upper Case
      SURNAME: Case
      2.5.4.20: +1 555 0199
      manager: cn=Smith\\, John+uid=jsmith,ou=people,dc=example,dc=com

      dn: cn=Many   Spaces+sn=Both,ou=people,dc=example,dc=com
      objectClass: person
      cn: Many   Spaces
      commonName: Other Name
      sn: Both

      dn: uid=posix,ou=people,dc=example,dc=com
      objectClass: account
      objectClass: posixAccount
      uid: posix
      cn: Posix User
      uidNumber: 42
      gidNumber: 7
      homeDirectory: /home/posix
      seeAlso: CN = Spaced\\2C Name , DC=Example,dc=com

      dn: cn=Members,ou=people,dc=example,dc=com
      objectClass: groupOfNames
      cn: Members
      member: UID=Upper,OU=People,DC=Example,DC=COM
      member: cn=Many   Spaces+sn=Both,ou=people,dc=example,dc=com
      member: uid=posix, ou=people, dc=example, dc=com
      member: cn=\\C3\\89t\\C3\\A9,ou=people,dc=example,dc=com

      dn: uid=late,ou=later,dc=example,dc=com
      objectClass: account
      uid: late

      dn: ou=later,dc=example,dc=com
      objectClass: organizationalUnit
      ou: later
      """;

  @TempDir Path dir;

  @Test
  void quickAndCheckedImportsWriteTheSameBytes() throws Exception {
    Path ldif = Ldif.write(dir, "tricky.ldif", withOperationalAttributes(tricky() + "\n" + MORE));
    TestDatabase checked = TestDatabase.in(dir.resolve("checked"));
    TestDatabase quick = TestDatabase.in(dir.resolve("quick"));
    TestDatabase.Result c = checked.run("add", "-l", ldif.toString());
    TestDatabase.Result q = quick.run("add", "-q", "-l", ldif.toString());
    assertEquals(0, c.exit(), c.err());
    assertEquals(0, q.exit(), q.err());

    Map<String, List<String>> expected = dump(checked.directory());
    assertTrue(expected.keySet().containsAll(List.of("ad2i", "id2entry", "dn2id", "index.cn", "index.member")),
        expected.keySet().toString());
    assertEquals(18, expected.get("id2entry").size(), "every entry stored");
    assertEquals(expected, dump(quick.directory()));
  }

  private static String tricky() throws Exception {
    try (InputStream in = QuickImportBytesTest.class.getResourceAsStream("/tricky.ldif")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Gives each record the operational attributes an import would otherwise generate. */
  private static String withOperationalAttributes(String ldif) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (String record : ldif.split("\n\n+")) {
      if (!record.contains("\ndn:") && !record.startsWith("dn:")) {
        out.append(record).append("\n\n");
        continue;
      }
      n++;
      out.append(record.strip()).append('\n')
          .append(String.format("entryUUID: 00000000-0000-4000-8000-%012d%n", n))
          .append(String.format("entryCSN: 20240101000000.000000Z#%06x#000#000000%n", n))
          .append("createTimestamp: 20240101000000Z\nmodifyTimestamp: 20240102000000Z\n")
          .append("creatorsName: cn=admin,dc=example,dc=com\nmodifiersName: cn=Admin,DC=example,DC=com\n\n");
    }
    return out.toString();
  }

  /** Every record of every named sub-database, in hex, by sub-database. */
  private static Map<String, List<String>> dump(Path directory) {
    Map<String, List<String>> all = new TreeMap<>();
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(256).open(directory.toFile(), EnvFlags.MDB_RDONLY_ENV,
        EnvFlags.MDB_NOTLS)) {
      for (byte[] name : env.getDbiNames()) {
        Dbi<ByteBuffer> db = env.openDbi(name);
        all.put(new String(name, StandardCharsets.UTF_8), records(env, db));
      }
    }
    return all;
  }

  private static List<String> records(Env<ByteBuffer> env, Dbi<ByteBuffer> db) {
    List<String> records = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    try (Txn<ByteBuffer> txn = env.txnRead(); CursorIterable<ByteBuffer> it = db.iterate(txn)) {
      for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
        records.add(hex.formatHex(bytes(kv.key())) + " " + hex.formatHex(bytes(kv.val())));
      }
    }
    return records;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }
}

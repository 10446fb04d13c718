package io.mdbldap.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.env.MdbEnv;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk load's packed keys are the keys an update computes for the same entry. */
class IndicesTest {
  private static SchemaManager schema;
  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() {
    schema = new DefaultSchemaManager();
  }

  @Test
  void packedKeysAreTheKeysOfTheEntry() throws Exception {
    IndexConfig config = IndexConfig.builder().add("objectClass", "eq,pres").add("cn,sn,mail", "eq,sub")
        .add("uid", "eq").add("member", "eq").add("description", "approx,sub").add("userCertificate", "eq").add("name", "eq").build();
    Entry entry = new DefaultEntry(schema, "cn=Smith\\, John+uid=jsmith,ou=people,dc=example,dc=com");
    entry.add("objectClass", "inetOrgPerson", "top");
    entry.add("cn", "Smith, John", "J\u00fcrgen \u00c4rger \u65e5\u672c\u8a9e", "long ".repeat(40),
        "\u00e9t\u00e9 ".repeat(30), "ab");
    entry.add("uid", "jsmith");
    entry.add("SURNAME", "  Many    Spaces  ", "x");
    entry.add("mail", "J.Smith@Example.COM");
    entry.add("description", "Quick brown fox");
    entry.add("member", "CN=Other,DC=example,DC=com");
    entry.add("userCertificate", new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0x80});
    try (MdbEnv env = MdbEnv.open(dir, 1 << 20, 1 << 24, 4, false, false)) {
      Indices indices = new Indices(env, schema, config, null);
      assertTrue(indices.keys(entry).values().stream().mapToInt(Set::size).sum() > 100);
      assertPackedKeys(indices, entry);
      // The packer is reused: a smaller entry after a larger one keeps none of its keys, and the
      // keys handed out before stay as they were.
      EntryKeys first = indices.packedKeys(entry);
      Entry small = new DefaultEntry(schema, "uid=x,dc=example,dc=com");
      small.add("objectClass", "account");
      small.add("uid", "X");
      assertPackedKeys(indices, small);
      assertPackedKeys(indices, entry);
      assertEquals(indices.keys(entry), unpacked(first));
    }
  }

  private static void assertPackedKeys(Indices indices, Entry entry) throws Exception {
    assertEquals(indices.keys(entry), unpacked(indices.packedKeys(entry)));
  }

  private static Map<AttributeIndex, Set<ByteBuffer>> unpacked(EntryKeys packed) {
    Map<AttributeIndex, Set<ByteBuffer>> keys = new HashMap<>();
    for (int i = 0; i < packed.size(); i++) {
      byte[] key = Arrays.copyOfRange(packed.data(), packed.start(i), packed.end(i));
      assertEquals(EntryKeys.hash(key, 0, key.length), packed.hash(i));
      keys.computeIfAbsent(packed.index(i), x -> new HashSet<>()).add(ByteBuffer.wrap(key));
    }
    return keys;
  }
}

package io.mdbldap.ldif.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
  @Test
  void makesDistinctVersion4Uuids() {
    Uuids uuids = new Uuids();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String text = uuids.next();
      UUID uuid = UUID.fromString(text);
      assertEquals(4, uuid.version(), text);
      assertEquals(2, uuid.variant(), text);
      assertEquals(uuid.toString(), text, "lower case, as randomUUID writes them");
      assertTrue(seen.add(text), "repeated: " + text);
    }
  }

  @Test
  void eachImportStartsFromItsOwnSeed() {
    assertNotEquals(new Uuids().next(), new Uuids().next());
  }
}

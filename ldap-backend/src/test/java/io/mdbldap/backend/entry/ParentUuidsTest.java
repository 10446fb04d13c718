package io.mdbldap.backend.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;
import org.apache.directory.api.ldap.model.entry.Value;
import org.junit.jupiter.api.Test;

/** The shared memory of parents' entryUUIDs never keeps an answer an update may have changed. */
class ParentUuidsTest {
  private static final String PEOPLE = "2.5.4.11=people,0.9.2342.19200300.100.1.25=example";
  private static final Optional<Value> UUID = Optional.of(new Value("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));

  @Test
  void remembersWhatALookupWithoutUpdatesFound() {
    ParentUuids parents = new ParentUuids();
    parents.put(PEOPLE, UUID, parents.generation());
    assertEquals(UUID, parents.get(PEOPLE));
  }

  @Test
  void forgetsEverythingAtAnUpdate() {
    ParentUuids parents = new ParentUuids();
    parents.put(PEOPLE, UUID, parents.generation());
    parents.invalidate();
    assertNull(parents.get(PEOPLE));
  }

  @Test
  void dropsWhatALookupFoundWhileAnUpdateRan() {
    ParentUuids parents = new ParentUuids();
    long startedIn = parents.generation();
    parents.invalidate();
    parents.put(PEOPLE, UUID, startedIn);
    assertNull(parents.get(PEOPLE));
  }

  @Test
  void remembersThatAParentHasNoUuid() {
    ParentUuids parents = new ParentUuids();
    parents.put(PEOPLE, Optional.empty(), parents.generation());
    assertEquals(Optional.empty(), parents.get(PEOPLE));
  }
}

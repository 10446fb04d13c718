package io.mdbldap.backend.search;

import java.util.List;
import java.util.function.Predicate;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The operational attributes the server keeps on every entry for its own bookkeeping, which a
 * search's results need only when the search asks for them: ApacheDS's entry filters do not read
 * them, and strip them before answering unless they were asked for. Leaving them undecoded saves
 * a third of an entry's values.
 *
 * <p>The types are looked up once, not per search: a lookup by OID normalizes the OID first.
 * Thread-safe (immutable).
 */
final class Bookkeeping {
  private static final List<String> OIDS = List.of(SchemaConstants.ENTRY_UUID_AT_OID,
      SchemaConstants.ENTRY_CSN_AT_OID, SchemaConstants.CREATE_TIMESTAMP_AT_OID,
      SchemaConstants.MODIFY_TIMESTAMP_AT_OID, SchemaConstants.CREATORS_NAME_AT_OID,
      SchemaConstants.MODIFIERS_NAME_AT_OID);

  private final List<AttributeType> types;

  Bookkeeping(SchemaManager schema) {
    this.types = OIDS.stream().map(schema::getAttributeType).toList();
  }

  /**
   * The attributes to decode for a search that returns what {@code returned} accepts: all but the
   * bookkeeping attributes it does not return.
   */
  Predicate<AttributeType> decoded(Predicate<AttributeType> returned) {
    List<AttributeType> skipped = types.stream().filter(type -> !returned.test(type)).toList();
    return skipped.isEmpty() ? type -> true : type -> !isOneOf(type, skipped);
  }

  /**
   * Compares the type objects first, then their OIDs: this runs for every attribute of every entry,
   * where hashing an OID string into a set cost 3% of a large search.
   */
  private static boolean isOneOf(AttributeType type, List<AttributeType> skipped) {
    for (AttributeType s : skipped) {
      if (s == type || s.getOid().equals(type.getOid())) {
        return true;
      }
    }
    return false;
  }
}

package io.mdbldap.server.directory;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;
import org.apache.directory.server.core.api.filtering.EntryFilter;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * Works around an ApacheDS 2.0.0.AM27 defect that broke paged results.
 *
 * <p>A paged search steps the cursor back by one at the end of each page. On that step,
 * {@code EntryFilteringCursorImpl.previous()} wraps the entry once more, lets the entry filters
 * trim it to the requested attributes, then trims it a second time by the attributes of the entry
 * it wrapped; an attribute already gone, which is all of them for a request of no attributes
 * ({@code 1.1}), ends in a NullPointerException. The paged search then swallows it and answers
 * without its control, so the client never gets the next page.
 *
 * <p>This interceptor comes first in the chain, so its filter runs after every other: when the
 * entry wraps another result entry (the step back), the wrapped entry loses what the filters
 * removed, and the second trim finds nothing missing. Entries stepped forward wrap the partition's
 * own entry, which is left alone.
 */
final class PagedResultsWorkaround extends BaseInterceptor {
  static final String NAME = "mdbldapPagedResultsWorkaround";

  PagedResultsWorkaround() {
    super(NAME);
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    EntryFilteringCursor cursor = next(ctx);
    cursor.addEntryFilter(new Resync());
    return cursor;
  }

  /** Removes from a wrapped result entry the attributes its wrapper no longer has. */
  private static final class Resync implements EntryFilter {
    @Override
    public boolean accept(SearchOperationContext ctx, Entry entry) {
      if (entry instanceof ClonedServerEntry outer && outer.getOriginalEntry() instanceof ClonedServerEntry inner) {
        List<AttributeType> removed = new ArrayList<>();
        for (Attribute attribute : inner) {
          if (!outer.containsAttribute(attribute.getAttributeType())) {
            removed.add(attribute.getAttributeType());
          }
        }
        inner.removeAttributes(removed.toArray(AttributeType[]::new));
      }
      return true;
    }

    @Override
    public String toString(String tabs) {
      return tabs + "PagedResultsWorkaround";
    }
  }
}

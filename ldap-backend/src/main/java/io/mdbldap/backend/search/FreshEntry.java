package io.mdbldap.backend.search;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;

/**
 * A search result as ApacheDS's entry filters take it: a {@link ClonedServerEntry}, whose working
 * copy they trim while they read the original. ApacheDS's own constructor deep-copies every
 * attribute and value, a copy per returned entry; here the entry was just read from the store
 * and is handed out once ({@link EntryCursor}), so nothing else sees it and the copy only needs
 * its own attribute map.
 */
final class FreshEntry extends ClonedServerEntry {
  /** @param read an entry no one else holds, which the filters may change */
  FreshEntry(Entry read) {
    originalEntry = read;
    clonedEntry = read.shallowClone();
  }
}

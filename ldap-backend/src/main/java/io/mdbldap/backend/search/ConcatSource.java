package io.mdbldap.backend.search;

import java.util.Iterator;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapException;

/** Sources one after another, each started only when the previous one is used up. */
final class ConcatSource implements EntrySource {
  /** Starts a source; deferred so that nothing is read before it is needed. */
  @FunctionalInterface
  interface Starter {
    EntrySource start() throws LdapException;
  }

  private final Iterator<Starter> pending;
  private EntrySource active = EMPTY;

  ConcatSource(List<Starter> starters) {
    this.pending = starters.iterator();
  }

  @Override
  public Hit next() throws LdapException {
    while (true) {
      Hit hit = active.next();
      if (hit != null) {
        return hit;
      }
      active.close();
      if (!pending.hasNext()) {
        active = EMPTY;
        return null;
      }
      active = pending.next().start();
    }
  }

  @Override
  public void close() {
    active.close();
  }
}

package io.mdbldap.store.search;

import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import io.mdbldap.store.StoreException;
import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.entry.EncodedEntry;
import io.mdbldap.store.env.ReadTxn;
import io.mdbldap.store.index.IdSet;
import java.util.ArrayDeque;
import java.util.PrimitiveIterator;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Streams a search's entries: IDs in ascending order, read and tested {@value #PAGE} at a time,
 * each page in its own short read transaction. So memory is bounded by the page, and an entry
 * changed or deleted while the cursor runs is seen as committed (read-committed).
 */
final class StoreSearchCursor implements SearchCursor {
  private static final int PAGE = 64;

  private final Tables tables;
  private final DnResolver resolver;
  private final Matcher matcher;
  private final Filter filter;
  private final PrimitiveIterator.OfLong ids;
  private final SearchSpec spec;
  private final long deadline;
  /** The base entry, already named by the request. */
  private final DnResolver.Named base;
  private final ArrayDeque<Hit> page = new ArrayDeque<>();
  private long returned;
  private long currentId;
  private boolean closed;

  private record Hit(long id, Entry entry) {}

  StoreSearchCursor(Tables tables, DnResolver resolver, Matcher matcher, Filter filter, IdSet toTest,
      SearchSpec spec, DnResolver.Named base) {
    this.tables = tables;
    this.resolver = resolver;
    this.matcher = matcher;
    this.filter = filter;
    this.ids = toTest.iterator();
    this.spec = spec;
    this.base = base;
    long limitMillis = spec.timeLimit().toMillis();
    this.deadline = limitMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + limitMillis;
  }

  @Override
  public Entry next() throws LdapException {
    if (closed) {
      throw new StoreException("search cursor is closed");
    }
    while (page.isEmpty() && ids.hasNext()) {
      fill();
    }
    Hit hit = page.poll();
    if (hit == null) {
      return null;
    }
    if (spec.sizeLimit() > 0 && returned >= spec.sizeLimit()) {
      throw new LdapOperationException(ResultCodeEnum.SIZE_LIMIT_EXCEEDED,
          "size limit of " + spec.sizeLimit() + " entries exceeded");
    }
    returned++;
    currentId = hit.id();
    return hit.entry();
  }

  /**
   * Reads candidates until a page of matches is found, or a bounded number were tested, so that
   * no read transaction lives long while a selective filter skips many entries.
   */
  private void fill() throws LdapException {
    try (ReadTxn r = tables.env().beginRead()) {
      int tested = 0;
      while (page.size() < PAGE && tested < PAGE * 16 && ids.hasNext()) {
        checkLimits();
        long id = ids.nextLong();
        tested++;
        byte[] bytes = tables.id2entry().get(r.txn(), id);
        if (bytes == null) {
          continue;
        }
        EncodedEntry view = tables.codec().view(bytes);
        Dn[] dn = new Dn[1];
        if (matcher.matches(filter, view, () -> dnOf(r, id, dn))) {
          page.add(new Hit(id, tables.codec().decode(view, dn[0] != null ? dn[0] : dnOf(r, id, dn), spec.decoded())));
        }
      }
    }
  }

  private Dn dnOf(ReadTxn r, long id, Dn[] cache) {
    if (cache[0] == null) {
      try {
        cache[0] = id == base.id() ? resolver.dnOf(r.txn(), base) : resolver.resultDn(r.txn(), id);
      } catch (LdapException e) {
        throw new StoreException("cannot rebuild the DN of entry " + id + ": " + e.getMessage(), e);
      }
    }
    return cache[0];
  }

  private void checkLimits() throws LdapException {
    if (spec.cancelled().getAsBoolean()) {
      throw new LdapOperationException(ResultCodeEnum.CANCELED, "search cancelled");
    }
    if (System.currentTimeMillis() > deadline) {
      throw new LdapOperationException(ResultCodeEnum.TIME_LIMIT_EXCEEDED,
          "time limit of " + spec.timeLimit().toMillis() + " ms exceeded");
    }
  }

  @Override
  public long id() {
    return currentId;
  }

  @Override
  public void close() {
    closed = true;
    page.clear();
  }
}

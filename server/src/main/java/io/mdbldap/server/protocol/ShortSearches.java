package io.mdbldap.server.protocol;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.store.dn.DnParser;
import io.mdbldap.store.search.SearchStart;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which searches read so few entries that they may run on the I/O thread that decoded them,
 * as {@link OperationDispatch} does for base-object reads: a search below its base qualifies when
 * the partition holding the base can bound its candidates by {@value #MAX_CANDIDATES} from its
 * equality indices ({@link MdbPartition#prepare}), the typical {@code (uid=jdoe)} lookup.
 *
 * <p>The bound holds whatever the base and scope; a search that dereferences aliases while
 * searching may add the aliases' targets, and stays in the pool. To tell, the partition starts the
 * search (the base resolved, the candidates read, in one read transaction), and the search, which
 * runs next on the same thread, goes on from there ({@link #take}) rather than do it again, as
 * slapd's search resolves its base and computes its candidates once. Thread-safe.
 */
final class ShortSearches {
  /** About the work of a few base-object reads: a longer search would hold up the connections of its I/O thread. */
  static final long MAX_CANDIDATES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(ShortSearches.class);
  /** The short search the I/O thread runs now, while its start is not taken yet. */
  private static final ThreadLocal<ShortSearch> RUNNING = new ThreadLocal<>();

  /** Bases kept parsed; past this the memory starts again (a bound, not an LRU: subtree bases are few). */
  private static final int MAX_BASES = 1024;

  private final DirectoryService directory;
  private final DnParser dns;
  private final NativeSearch natives;
  private final Map<String, Dn> bases = new ConcurrentHashMap<>();

  ShortSearches(DirectoryService directory, DnParser dns, NativeSearch natives) {
    this.directory = directory;
    this.dns = dns;
    this.natives = natives;
  }

  /**
   * A search that runs on the I/O thread, the start its partition made of it when telling it short (null for a
   * base-object search, which is short whatever it reads), and its filter as {@link NativeSearch#normalized} made it
   * for that start (null if it did not).
   */
  record ShortSearch(SearchRequest request, SearchStart start, ExprNode filter) {
    /** Runs {@code fire}, the request's way through the MINA chain, in which its handler may {@link #take} it. */
    void run(Runnable fire) {
      RUNNING.set(this);
      try {
        fire.run();
      } finally {
        RUNNING.remove();
      }
    }
  }

  /**
   * {@code search} as it runs on the I/O thread if it reads at most a few entries, told before any is read; else
   * empty.
   */
  Optional<ShortSearch> of(SearchRequest search) {
    if (search.getScope() == SearchScope.OBJECT) {
      return Optional.of(new ShortSearch(search, null, null));
    }
    if (search.getDerefAliases().isDerefInSearching()) {
      return Optional.empty();
    }
    try {
      // Kept in the request, as SearchLimits would keep it: each later step takes the base as it is.
      Dn base = parsed(search.getBase());
      search.setBase(base);
      if (!(directory.getPartitionNexus().getPartition(base) instanceof MdbPartition mdb)) {
        return Optional.empty();
      }
      ExprNode filter = normalized(search.getFilter());
      return mdb.prepare(base, search.getScope(), filter == null ? search.getFilter() : filter, MAX_CANDIDATES)
          .map(s -> new ShortSearch(search, s, filter));
    } catch (LdapException | RuntimeException e) {
      // An invalid or missing base, a partition closing: the pool runs the search and reports what is wrong.
      LOG.debug("search of {} goes to the pool: {}", search.getBase(), e.toString());
      return Optional.empty();
    }
  }

  /**
   * An equality filter normalized as the native search normalizes it, if it takes it; else null. The store's filter
   * compiler takes the normalized value as it is, so the search's start and its native run normalize once. Other
   * shapes stay as they are: a substring filter normalized twice need not match what it matched once.
   */
  private ExprNode normalized(ExprNode filter) {
    return filter instanceof EqualityNode<?> ? natives.normalized(filter) : null;
  }

  /**
   * {@code base} schema-aware, remembered by its text: searches below a base name few bases, over and over, and the
   * parse normalizes the leading RDN each time. Schema-aware DNs are immutable, and requests share them as ApacheDS's
   * DN factory shares its cached ones.
   */
  private Dn parsed(Dn base) throws LdapInvalidDnException {
    if (base.isSchemaAware()) {
      return base;
    }
    Dn known = bases.get(base.getName());
    if (known == null) {
      if (bases.size() >= MAX_BASES) {
        bases.clear();
      }
      known = dns.parse(base.getName());
      bases.put(base.getName(), known);
    }
    return known;
  }

  /**
   * {@code request} as the short search this thread runs now, handed over once; else null. For the search's handler,
   * which then need not resolve its base, compute its candidates and normalize its filter again.
   */
  static ShortSearch take(SearchRequest request) {
    ShortSearch running = RUNNING.get();
    if (running == null || running.request() != request) {
      return null;
    }
    RUNNING.remove();
    return running;
  }

  /**
   * A request's base as {@code directory} names it: as it is if {@link SearchLimits} parsed it
   * already, else by ApacheDS's DN factory, which caches the normalized DNs it parses.
   */
  static Dn schemaAware(DirectoryService directory, Dn base) throws LdapException {
    return base.isSchemaAware() ? base : directory.getDnFactory().create(base.getName());
  }
}

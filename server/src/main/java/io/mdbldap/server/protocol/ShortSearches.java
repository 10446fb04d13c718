package io.mdbldap.server.protocol;

import io.mdbldap.backend.MdbPartition;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which searches read so few entries that they may run on the I/O thread that decoded them,
 * as {@link OperationDispatch} does for base-object reads: a search below its base qualifies when
 * the partition holding the base can bound its candidates by {@value #MAX_CANDIDATES} from its
 * equality indices ({@link MdbPartition#fewCandidates}), the typical {@code (uid=jdoe)} lookup.
 *
 * <p>The bound holds whatever the base and scope, so the base only picks the partition; a search
 * that dereferences aliases while searching may add the aliases' targets, and stays in the pool.
 * Asking costs a filter compilation and one LMDB key lookup, far less than the two thread
 * hand-offs it saves. Thread-safe.
 */
final class ShortSearches {
  /** About the work of a few base-object reads: a longer search would hold up the connections of its I/O thread. */
  static final long MAX_CANDIDATES = 8;
  private static final Logger LOG = LoggerFactory.getLogger(ShortSearches.class);

  private final DirectoryService directory;

  ShortSearches(DirectoryService directory) {
    this.directory = directory;
  }

  /** Whether {@code search} reads at most a few entries, told without reading any. */
  boolean isShort(SearchRequest search) {
    if (search.getScope() == SearchScope.OBJECT) {
      return true;
    }
    if (search.getDerefAliases().isDerefInSearching()) {
      return false;
    }
    try {
      return partitionOf(search.getBase()) instanceof MdbPartition mdb
          && mdb.fewCandidates(search.getFilter(), MAX_CANDIDATES);
    } catch (LdapException | RuntimeException e) {
      // An invalid base, a partition closing: the pool runs the search and reports what is wrong.
      LOG.debug("search of {} goes to the pool: {}", search.getBase(), e.toString());
      return false;
    }
  }

  /** The partition that holds {@code base}. */
  private Partition partitionOf(Dn base) throws LdapException {
    return directory.getPartitionNexus().getPartition(schemaAware(directory, base));
  }

  /**
   * A request's base as {@code directory} names it: as it is if {@link SearchLimits} parsed it
   * already, else by ApacheDS's DN factory, which caches the normalized DNs it parses.
   */
  static Dn schemaAware(DirectoryService directory, Dn base) throws LdapException {
    return base.isSchemaAware() ? base : directory.getDnFactory().create(base.getName());
  }
}

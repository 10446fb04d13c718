package io.mdbldap.server.protocol;

import io.mdbldap.backend.MdbPartition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.ReferralManager;
import org.apache.directory.server.ldap.LdapSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which searches {@link DirectSearchHandler} answers on its short path: those for which ApacheDS's search
 * handler and the interceptors it leaves out do nothing, told without reading an entry.
 *
 * <ul>
 *   <li>no request control (paging, sorting, ManageDsaIT, persistent search, subentries... all stay ApacheDS's);
 *   <li>a base in a configured LDAP database ({@link MdbPartition}): not the root DSE, {@code cn=schema}, nor
 *       {@code ou=system}, an LMDB database too but one whose entries ApacheDS's default authorization hides;
 *   <li>no referral: for a base-object search, at or above the base (ApacheDS's referral manager); for a search
 *       below it, in the whole database; and no alias there if the search dereferences: one index count each
 *       ({@link MdbPartition#fewCandidates}), made again only after the database was updated
 *       ({@link MdbPartition#updates}); a database without an objectClass equality index cannot tell, and keeps
 *       ApacheDS's path;
 *   <li>no subentry in the directory (then the subentry and collective-attribute interceptors do nothing);
 *   <li>a requester the authentication interceptor lets search: bound, or anonymous with anonymous access on, and
 *       no password policy.
 * </ul>
 *
 * A base that does not parse is left to ApacheDS's path to report. Thread-safe.
 */
final class PlainSearches {
  private static final Logger LOG = LoggerFactory.getLogger(PlainSearches.class);

  private final DirectoryService directory;
  private final ExprNode referrals;
  private final ExprNode aliases;
  private final Dn system;
  private final Map<MdbPartition, Counts> counted = new ConcurrentHashMap<>();

  PlainSearches(DirectoryService directory) {
    this.directory = directory;
    try {
      this.system = directory.getDnFactory().create(ServerDNConstants.SYSTEM_DN);
    } catch (LdapException e) {
      throw new IllegalStateException("cannot parse " + ServerDNConstants.SYSTEM_DN, e);
    }
    this.referrals = objectClass("referral");
    this.aliases = objectClass("alias");
  }

  /** The database {@code request}, from {@code session}, searches if it is answered on the short path; else null. */
  MdbPartition partition(LdapSession session, SearchRequest request) {
    CoreSession core = session.getCoreSession();
    if (!request.getControls().isEmpty() || core == null || !mayRead(core)
        || directory.getSubentryCache().getCacheSize() != 0) {
      return null;
    }
    try {
      Dn base = ShortSearches.schemaAware(directory, request.getBase());
      if (!base.isDescendantOf(system) && directory.getPartitionNexus().getPartition(base) instanceof MdbPartition mdb
          && noReferral(mdb, base, request.getScope())
          && (request.getDerefAliases() == AliasDerefMode.NEVER_DEREF_ALIASES || counts(mdb).noAlias())) {
        return mdb;
      }
    } catch (LdapException | RuntimeException e) {
      LOG.debug("search of {} takes ApacheDS's path: {}", request.getBase(), e.toString());
    }
    return null;
  }

  /**
   * Whether no referral can show in the search: for a base-object search, the base is none and has none above it,
   * asked of ApacheDS's referral manager (in memory, kept in step with every update, as ApacheDS's handler asks it);
   * for a search below the base, the database holds none.
   */
  private boolean noReferral(MdbPartition mdb, Dn base, SearchScope scope) {
    if (scope != SearchScope.OBJECT) {
      return counts(mdb).noReferral();
    }
    ReferralManager manager = directory.getReferralManager();
    manager.lockRead();
    try {
      return !manager.isReferral(base) && !manager.hasParentReferral(base);
    } finally {
      manager.unlock();
    }
  }

  /**
   * Whether {@code mdb} holds no referral and no alias, counted once after each of its updates rather than for each
   * search: the counts cost a read transaction each.
   */
  private Counts counts(MdbPartition mdb) {
    Counts known = counted.get(mdb);
    long updates = mdb.updates();
    if (known != null && known.updates() == updates) {
      return known;
    }
    // Counted after the update count was read: an update meanwhile moves the count, and the next search counts again.
    Counts fresh = new Counts(updates, mdb.fewCandidates(referrals, 0), mdb.fewCandidates(aliases, 0));
    counted.put(mdb, fresh);
    return fresh;
  }

  /** What a database held after its {@code updates}-th update. */
  private record Counts(long updates, boolean noReferral, boolean noAlias) {
  }

  /** What the authentication interceptor checks of a search's requester. */
  private boolean mayRead(CoreSession core) {
    return (!core.isAnonymous() || directory.isAllowAnonymousAccess()) && !directory.isPwdPolicyEnabled();
  }

  /** {@code (objectClass=<name>)} as a client would send it: the store compiles it with the schema. */
  private static ExprNode objectClass(String name) {
    return new EqualityNode<String>("objectClass", name);
  }
}

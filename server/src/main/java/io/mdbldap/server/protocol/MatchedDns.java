package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.DeleteRequest;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ModifyDnRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matchedDN of update and compare results as slapd sets it (RFC 4511 4.1.9):
 *
 * <ul>
 *   <li>compareTrue and compareFalse carry none; ApacheDS's compare handler names the entry;
 *   <li>noSuchObject for a missing target (for an add, a missing parent) names the closest existing
 *       ancestor. ApacheDS finds the target missing before the request reaches a database, and
 *       answers without it. A noSuchObject whose target exists (a missing new superior) stays
 *       without matchedDN, as in slapd.
 * </ul>
 */
final class MatchedDns implements ResultFix {
  private static final Logger LOG = LoggerFactory.getLogger(MatchedDns.class);

  private final DirectoryService directory;

  /** The fix for the results of {@code directory}'s requests. */
  MatchedDns(DirectoryService directory) {
    this.directory = directory;
  }

  @Override
  public void fix(ResultResponseRequest request, LdapResult result) {
    ResultCodeEnum code = result.getResultCode();
    if (code == ResultCodeEnum.COMPARE_TRUE || code == ResultCodeEnum.COMPARE_FALSE) {
      result.setMatchedDn(Dn.EMPTY_DN);
      return;
    }
    Dn target = target(request);
    if (code == ResultCodeEnum.NO_SUCH_OBJECT && target != null && isEmpty(result.getMatchedDn())) {
      result.setMatchedDn(closestExisting(target));
    }
  }

  /** The entry an update or compare is about; null for other requests. */
  private static Dn target(ResultResponseRequest request) {
    if (request instanceof AddRequest add) {
      return add.getEntryDn();
    }
    if (request instanceof DeleteRequest delete) {
      return delete.getName();
    }
    if (request instanceof ModifyRequest modify) {
      return modify.getName();
    }
    if (request instanceof ModifyDnRequest modifyDn) {
      return modifyDn.getName();
    }
    return request instanceof CompareRequest compare ? compare.getName() : null;
  }

  /**
   * {@code target}'s closest existing ancestor, in the client's spelling; empty if {@code target}
   * itself exists or no ancestor does.
   */
  private Dn closestExisting(Dn target) {
    try {
      if (exists(target)) {
        return Dn.EMPTY_DN;
      }
      for (Dn ancestor = target.getParent(); !ancestor.isEmpty(); ancestor = ancestor.getParent()) {
        if (exists(ancestor)) {
          return ancestor;
        }
      }
    } catch (LdapException e) {
      // The answer stays as ApacheDS gave it: without matchedDN.
      LOG.debug("cannot find the closest existing ancestor of {}: {}", target, e.toString());
    }
    return Dn.EMPTY_DN;
  }

  private boolean exists(Dn dn) throws LdapException {
    try {
      return directory.getAdminSession().exists(dn);
    } catch (LdapNoSuchObjectException outsideEveryDatabase) {
      return false;
    }
  }

  private static boolean isEmpty(Dn dn) {
    return dn == null || dn.isEmpty();
  }
}

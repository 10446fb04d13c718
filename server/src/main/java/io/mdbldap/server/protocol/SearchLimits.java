package io.mdbldap.server.protocol;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.Limits;
import io.mdbldap.server.access.Databases;
import io.mdbldap.store.dn.DnParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.LdapSession;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Applies slapd's search limits to each search request before ApacheDS handles it: the
 * {@code sizelimit} and {@code timelimit} of the database holding the search base (the global
 * ones outside every database) lower what the client asked for, except for that database's
 * rootdn, which slapd.conf(5) exempts from administrative limits. ApacheDS's own server-wide
 * limits cannot do that: they spare only its {@code uid=admin,ou=system}, so the listeners leave
 * them unlimited and this filter writes the limits into the request, where ApacheDS's handler
 * reports {@code sizeLimitExceeded} and {@code timeLimitExceeded} as for a client's own limit.
 *
 * <p>It also refuses, with {@code adminLimitExceeded}, a filter nested deeper than
 * {@code max_filter_depth}: the server core walks filters recursively.
 *
 * <p>A MINA filter after the executor, so that it sees the session as the bind before the search
 * left it. Thread-safe.
 */
final class SearchLimits extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "searchLimits";

  private final LdapServer server;
  private final DnParser dns;
  private final Databases databases;
  private final Limits global;
  private final int maxFilterDepth;

  SearchLimits(LdapServer server, DnParser dns, Databases databases, Limits global, int maxFilterDepth) {
    this.server = server;
    this.dns = dns;
    this.databases = databases;
    this.global = global;
    this.maxFilterDepth = maxFilterDepth;
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof SearchRequest request) {
      if (depth(request.getFilter()) > maxFilterDepth) {
        refuse(session, request);
        return;
      }
      limit(session, request);
    }
    next.messageReceived(session, message);
  }

  private void limit(IoSession session, SearchRequest request) {
    Optional<Dn> base = schemaAware(request.getBase());
    // Kept in the request, as ApacheDS's search handler keeps it there too: the handlers, the operation manager and
    // the interceptors then take it as it is. Parsed anew at each step, a base that is not among the DN factory's
    // cached ones (a base read of one user among 100,000) cost a base-object read more than its search.
    base.ifPresent(request::setBase);
    Optional<Dn> principal = principal(session);
    if (base.isPresent() && principal.isPresent() && databases.isRootOf(principal.get(), base.get())) {
      return;
    }
    Limits limits = base.flatMap(databases::holding).map(DatabaseConfig::limits).orElse(global);
    if (limits.sizeLimit() != Limits.UNLIMITED) {
      request.setSizeLimit(lower(request.getSizeLimit(), limits.sizeLimit()));
    }
    if (limits.timeLimit() != Limits.UNLIMITED) {
      request.setTimeLimit((int) lower(request.getTimeLimit(), limits.timeLimit()));
    }
  }

  /** The lower of a client's limit (0: none) and a configured one (never 0 here: 0 means "none" on the wire). */
  private static long lower(long requested, int configured) {
    long limit = Math.max(configured, 1);
    return requested == 0 ? limit : Math.min(requested, limit);
  }

  /**
   * By the parser that normalizes each parent once ({@link DnParser}): the bases of base-object reads are many (one per
   * user), too many for ApacheDS's DN factory's cache, and its full parse normalizes every RDN.
   */
  private Optional<Dn> schemaAware(Dn base) {
    try {
      return Optional.of(base.isSchemaAware() ? base : dns.parse(base.getName()));
    } catch (LdapInvalidDnException e) {
      // ApacheDS answers the request with invalidDNSyntax; the global limits stand meanwhile.
      return Optional.empty();
    }
  }

  private Optional<Dn> principal(IoSession session) {
    LdapSession ldapSession = server.getLdapSessionManager().getLdapSession(session);
    CoreSession core = ldapSession == null ? null : ldapSession.getCoreSession();
    if (core == null || core.getEffectivePrincipal() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(core.getEffectivePrincipal().getDn());
  }

  private void refuse(IoSession session, SearchRequest request) {
    LdapResult result = request.getResultResponse().getLdapResult();
    result.setResultCode(ResultCodeEnum.ADMIN_LIMIT_EXCEEDED);
    result.setDiagnosticMessage("filter nested more than " + maxFilterDepth + " deep");
    session.write(request.getResultResponse());
  }

  /** The nesting depth of and, or and not, without recursion: the filter is the client's to make deep. */
  static int depth(ExprNode filter) {
    if (filter == null) {
      return 0;
    }
    int deepest = 0;
    Deque<ExprNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(filter);
    depths.push(1);
    while (!nodes.isEmpty()) {
      ExprNode node = nodes.pop();
      int depth = depths.pop();
      deepest = Math.max(deepest, depth);
      if (node instanceof BranchNode branch) {
        for (ExprNode child : branch.getChildren()) {
          nodes.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return deepest;
  }
}

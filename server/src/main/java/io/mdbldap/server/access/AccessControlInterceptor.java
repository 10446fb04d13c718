package io.mdbldap.server.access;

import io.mdbldap.server.access.acl.AccessLevel;
import io.mdbldap.server.access.acl.AccessPolicy;
import io.mdbldap.server.access.acl.EntryMatcher;
import io.mdbldap.server.access.acl.Requester;
import io.mdbldap.server.access.acl.Subject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoPermissionException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapStrongAuthenticationRequiredException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.filtering.EntryFilter;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.AddOperationContext;
import org.apache.directory.server.core.api.interceptor.context.CompareOperationContext;
import org.apache.directory.server.core.api.interceptor.context.DeleteOperationContext;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.ModifyOperationContext;
import org.apache.directory.server.core.api.interceptor.context.MoveAndRenameOperationContext;
import org.apache.directory.server.core.api.interceptor.context.MoveOperationContext;
import org.apache.directory.server.core.api.interceptor.context.OperationContext;
import org.apache.directory.server.core.api.interceptor.context.RenameOperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * Enforces the configuration's {@code access} rules ({@link AccessPolicies}) on every operation, as slapd does:
 *
 * <ul>
 *   <li>search: entries without {@code read} on {@code entry} are not returned, attributes without {@code read}
 *       are removed, and a filter term over an attribute without {@code search} is Undefined, so a filter on
 *       userPassword finds nothing rather than telling who has which password;
 *   <li>a search based on, or a compare of, an entry without {@code disclose} on {@code entry} fails with
 *       noSuchObject;
 *   <li>compare needs {@code compare} on the attribute; lookups lose the attributes without {@code read};
 *   <li>modify needs {@code write} on each attribute changed; add and delete need {@code write} on the entry and
 *       on the parent's {@code children}; rename and move need them on both parents;
 *   <li>updates from anonymous clients fail with strongerAuthRequired, "modifications require authentication",
 *       as in slapd without {@code allow update_anon}, and updates of a {@code readonly on} database with
 *       unwillingToPerform;
 *   <li>a database's rootdn, and ApacheDS's internal administrator session, are not subject to the rules.
 * </ul>
 *
 * Updates and compares of a missing entry pass on, to fail with noSuchObject further down as slapd answers.
 * Thread-safe.
 */
public final class AccessControlInterceptor extends BaseInterceptor {
  /** The interceptor's name in the chain. */
  public static final String NAME = "mdbldapAccessControlInterceptor";

  private final Databases databases;
  private final AccessPolicies policies;

  /** Enforces {@code policies}, with the root DNs and flags of {@code databases}. */
  public AccessControlInterceptor(Databases databases, AccessPolicies policies) {
    super(NAME);
    this.databases = databases;
    this.policies = policies;
  }

  @Override
  public void add(AddOperationContext ctx) throws LdapException {
    if (mustCheckUpdate(ctx, ctx.getDn()) && exists(ctx.getDn().getParent())) {
      Requester requester = requester(ctx.getSession());
      require(requester, ctx.getDn().getParent(), Subject.CHILDREN);
      require(requester, ctx.getEntry(), Subject.ENTRY);
      for (Attribute attribute : ctx.getEntry()) {
        require(requester, ctx.getEntry(), Subject.of(attribute.getAttributeType()));
      }
    }
    next(ctx);
  }

  @Override
  public void delete(DeleteOperationContext ctx) throws LdapException {
    Optional<Entry> entry = mustCheckUpdate(ctx, ctx.getDn()) ? existing(ctx.getDn()) : Optional.empty();
    if (entry.isPresent()) {
      Requester requester = requester(ctx.getSession());
      require(requester, entry.get(), Subject.ENTRY);
      require(requester, ctx.getDn().getParent(), Subject.CHILDREN);
    }
    next(ctx);
  }

  @Override
  public void modify(ModifyOperationContext ctx) throws LdapException {
    Optional<Entry> entry = mustCheckUpdate(ctx, ctx.getDn()) ? existing(ctx.getDn()) : Optional.empty();
    if (entry.isPresent()) {
      Requester requester = requester(ctx.getSession());
      for (Modification modification : ctx.getModItems()) {
        require(requester, entry.get(), Subject.of(modification.getAttribute().getAttributeType()));
      }
    }
    next(ctx);
  }

  @Override
  public void rename(RenameOperationContext ctx) throws LdapException {
    checkRename(ctx, ctx.getDn(), ctx.getNewDn());
    next(ctx);
  }

  @Override
  public void move(MoveOperationContext ctx) throws LdapException {
    checkRename(ctx, ctx.getDn(), ctx.getNewDn());
    next(ctx);
  }

  @Override
  public void moveAndRename(MoveAndRenameOperationContext ctx) throws LdapException {
    checkRename(ctx, ctx.getDn(), ctx.getNewDn());
    next(ctx);
  }

  @Override
  public boolean compare(CompareOperationContext ctx) throws LdapException {
    requireDisclosed(ctx.getSession(), ctx.getDn());
    if (!policies.readableByAll() && !bypasses(ctx.getSession(), ctx.getDn()) && ctx.getAttributeType() != null) {
      Optional<Entry> entry = existing(ctx.getDn());
      if (entry.isPresent() && !allows(requester(ctx.getSession()), entry.get(),
          Subject.of(ctx.getAttributeType()), AccessLevel.COMPARE)) {
        throw new LdapNoPermissionException("no compare access to " + ctx.getAttributeType().getName() + " of "
            + ctx.getDn());
      }
    }
    return next(ctx);
  }

  @Override
  public Entry lookup(LookupOperationContext ctx) throws LdapException {
    Entry entry = next(ctx);
    if (entry != null && !policies.readableByAll() && !bypasses(ctx.getSession(), entry.getDn())) {
      AccessPolicy policy = policies.forDn(entry.getDn());
      removeUnreadable(requester(ctx.getSession()), entry, policy.needsEntry() ? stored(entry) : entry);
    }
    return entry;
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    requireDisclosed(ctx.getSession(), ctx.getDn());
    // The client's filter, before interceptors further down add their own terms to it.
    Optional<EntryFilter> access = searchAccess(ctx.getSession(), ctx.getFilter());
    EntryFilteringCursor cursor = next(ctx);
    access.ifPresent(cursor::addEntryFilter);
    return cursor;
  }

  /**
   * The check of each entry a search of {@code session} with the normalized {@code filter} finds: it drops the
   * entries the requester may not read or whose match relied on terms it may not search, and removes the attributes
   * it may not read. Empty when every entry and attribute passes (no rules, or ApacheDS's administrator). The short
   * search path of the protocol module calls this and {@link #requireDisclosed} as {@link #search} does.
   */
  public Optional<EntryFilter> searchAccess(CoreSession session, ExprNode filter) {
    if (session == null || session.isAdministrator() || policies.readableByAll()) {
      return Optional.empty();
    }
    return Optional.of(new SearchAccess(requester(session), filter));
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Refuses anonymous updates and updates of read-only databases; tells whether the access rules apply, that is
   * whether the requester is neither ApacheDS's administrator nor the rootdn.
   */
  private boolean mustCheckUpdate(OperationContext ctx, Dn target) throws LdapException {
    CoreSession session = ctx.getSession();
    if (session == null || session.isAdministrator()) {
      return false;
    }
    if (session.isAnonymous()) {
      throw new LdapStrongAuthenticationRequiredException("modifications require authentication");
    }
    if (databases.isReadOnly(target)) {
      throw new LdapUnwillingToPerformException(ResultCodeEnum.UNWILLING_TO_PERFORM,
          "operation restricted: the database holding " + target + " is read-only");
    }
    return !databases.isRootOf(principal(session), target);
  }

  /**
   * As slapd, an entry the requester has not even {@code disclose} access to does not exist for it: a search
   * based there, or a compare of it, fails with noSuchObject rather than telling it is there.
   */
  public void requireDisclosed(CoreSession session, Dn dn) throws LdapException {
    if (dn.isEmpty() || policies.readableByAll() || bypasses(session, dn)) {
      return;
    }
    AccessPolicy policy = policies.forDn(dn);
    Optional<Entry> entry = policy.needsEntry() ? existing(dn) : Optional.of(new DefaultEntry(schemaManager, dn));
    if (entry.isPresent() && !policy.allows(requester(session), entry.get(), Subject.ENTRY, AccessLevel.DISCLOSE)) {
      throw new LdapNoSuchObjectException("no such object: " + dn);
    }
  }

  private void checkRename(OperationContext ctx, Dn from, Dn to) throws LdapException {
    boolean check = mustCheckUpdate(ctx, from) && mustCheckUpdate(ctx, to);
    Optional<Entry> entry = check ? existing(from) : Optional.empty();
    if (entry.isPresent()) {
      Requester requester = requester(ctx.getSession());
      require(requester, entry.get(), Subject.ENTRY);
      require(requester, from.getParent(), Subject.CHILDREN);
      require(requester, to.getParent(), Subject.CHILDREN);
    }
  }

  private void require(Requester requester, Dn dn, Subject subject) throws LdapException {
    require(requester, entryFor(dn), subject);
  }

  private void require(Requester requester, Entry entry, Subject subject) throws LdapNoPermissionException {
    if (!allows(requester, entry, subject, AccessLevel.WRITE)) {
      String what = subject.type() != null ? subject.type().getName() : subject.pseudo();
      throw new LdapNoPermissionException("no write access to " + what + " of " + entry.getDn());
    }
  }

  private boolean allows(Requester requester, Entry entry, Subject subject, AccessLevel needed) {
    return policies.forDn(entry.getDn()).allows(requester, entry, subject, needed);
  }

  private boolean bypasses(CoreSession session, Dn target) {
    return session == null || session.isAdministrator()
        || !session.isAnonymous() && databases.isRootOf(principal(session), target);
  }

  /**
   * Removes the attributes {@code requester} may not read from {@code entry}, judged on {@code content}: the
   * stored entry where rules look at content, since {@code entry} may hold only the attributes asked for.
   */
  private void removeUnreadable(Requester requester, Entry entry, Entry content) throws LdapException {
    AccessPolicy policy = policies.forDn(entry.getDn());
    List<AttributeType> hidden = new ArrayList<>();
    for (Attribute attribute : entry) {
      if (!policy.allows(requester, content, Subject.of(attribute.getAttributeType()), AccessLevel.READ)) {
        hidden.add(attribute.getAttributeType());
      }
    }
    for (AttributeType type : hidden) {
      entry.removeAttributes(type);
    }
  }

  /**
   * The entry to evaluate rules on: just its DN when no rule looks at content, else the stored entry; ApacheDS's
   * administrator session reads it, through the whole chain.
   */
  private Entry entryFor(Dn dn) throws LdapException {
    if (policies.forDn(dn).needsEntry()) {
      Optional<Entry> entry = existing(dn);
      if (entry.isPresent()) {
        return entry.get();
      }
    }
    return new DefaultEntry(schemaManager, dn);
  }

  /** The stored entry, all its attributes, for a search result or lookup that holds only those asked for. */
  private Entry stored(Entry entry) throws LdapException {
    return existing(entry.getDn()).orElse(entry);
  }

  private boolean exists(Dn dn) throws LdapException {
    return dn.isEmpty() || existing(dn).isPresent();
  }

  private Optional<Entry> existing(Dn dn) throws LdapException {
    try {
      return Optional.ofNullable(directoryService.getAdminSession().lookup(dn,
          SchemaConstants.ALL_USER_ATTRIBUTES, SchemaConstants.ALL_OPERATIONAL_ATTRIBUTES));
    } catch (LdapNoSuchObjectException e) {
      return Optional.empty();
    }
  }

  private static Requester requester(CoreSession session) {
    return session.isAnonymous() ? Requester.ANONYMOUS : new Requester(principal(session));
  }

  private static Dn principal(CoreSession session) {
    return session.getEffectivePrincipal().getDn();
  }

  private static Set<AttributeType> attributeTypes(ExprNode node, Set<AttributeType> types) {
    if (node instanceof BranchNode branch) {
      branch.getChildren().forEach(child -> attributeTypes(child, types));
    } else if (node instanceof LeafNode leaf && leaf.getAttributeType() != null) {
      types.add(leaf.getAttributeType());
    }
    return types;
  }

  /** Hides, per entry, what a search's requester may not search or read. */
  private final class SearchAccess implements EntryFilter {
    private final Requester requester;
    private final ExprNode filter;
    private final Set<AttributeType> filterTypes;

    SearchAccess(Requester requester, ExprNode filter) {
      this.requester = requester;
      this.filter = filter;
      this.filterTypes = attributeTypes(filter, new HashSet<>());
    }

    @Override
    public boolean accept(SearchOperationContext ctx, Entry entry) throws LdapException {
      if (!requester.isAnonymous() && databases.isRootOf(requester.dn(), entry.getDn())) {
        return true;
      }
      AccessPolicy policy = policies.forDn(entry.getDn());
      Entry content = policy.needsEntry() ? stored(entry) : entry;
      if (!policy.allows(requester, content, Subject.ENTRY, AccessLevel.READ) || !matches(policy, entry, content)) {
        return false;
      }
      removeUnreadable(requester, entry, content);
      return true;
    }

    /**
     * The partition matched the whole filter. That stands when every term may be searched; otherwise the terms
     * that may not are Undefined, which can only turn a match into a non-match (three-valued logic is monotone):
     * the filter is evaluated again, on the stored entry, as the result may hold only the attributes asked for.
     */
    private boolean matches(AccessPolicy policy, Entry entry, Entry content) throws LdapException {
      boolean allSearchable = filterTypes.stream()
          .allMatch(type -> policy.allows(requester, content, Subject.of(type), AccessLevel.SEARCH));
      if (allSearchable) {
        return true;
      }
      Entry full = content == entry ? stored(entry) : content;
      return EntryMatcher.evaluate(filter, full,
          type -> policy.allows(requester, full, Subject.of(type), AccessLevel.SEARCH)) == EntryMatcher.Truth.TRUE;
    }

    @Override
    public String toString(String tabs) {
      return tabs + "SearchAccess";
    }
  }
}

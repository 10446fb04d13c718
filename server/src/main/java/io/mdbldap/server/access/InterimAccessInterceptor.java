package io.mdbldap.server.access;

import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoPermissionException;
import org.apache.directory.api.ldap.model.exception.LdapStrongAuthenticationRequiredException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
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
 * The access policy in force until the configuration's {@code access} rules are enforced: what
 * slapd grants with the shipped {@code conf/slapd.conf} ({@code access to attrs=userPassword by
 * self write by anonymous auth by * none}, then {@code access to * by * read}), hard-wired.
 *
 * <ul>
 *   <li>Anonymous clients read and bind. Their updates fail with strongerAuthRequired,
 *       "modifications require authentication", as in slapd without {@code allow update_anon}.
 *   <li>A database's rootdn updates anything in that database.
 *   <li>Other users may replace their own userPassword, and update nothing else.
 *   <li>userPassword is shown, compared and usable in filters only by its owner and the rootdn.
 *   <li>Updates of a {@code readonly on} database fail with unwillingToPerform.
 * </ul>
 *
 * ApacheDS's internal administrator session (its own bookkeeping in {@code ou=system}) passes.
 * Thread-safe once initialized.
 */
public final class InterimAccessInterceptor extends BaseInterceptor {
  /** The interceptor's name in the chain. */
  public static final String NAME = "mdbldapInterimAccessInterceptor";

  private final Databases databases;
  private AttributeType userPassword;

  /** The policy over the root DNs and flags of {@code databases}. */
  public InterimAccessInterceptor(Databases databases) {
    super(NAME);
    this.databases = databases;
  }

  @Override
  public void init(DirectoryService directoryService) throws LdapException {
    super.init(directoryService);
    userPassword = schemaManager.lookupAttributeTypeRegistry(SchemaConstants.USER_PASSWORD_AT);
  }

  @Override
  public void add(AddOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), false);
    next(ctx);
  }

  @Override
  public void delete(DeleteOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), false);
    next(ctx);
  }

  @Override
  public void modify(ModifyOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), changesOwnPasswordOnly(ctx));
    next(ctx);
  }

  @Override
  public void rename(RenameOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), false);
    next(ctx);
  }

  @Override
  public void move(MoveOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), false);
    checkUpdate(ctx, ctx.getNewDn(), false);
    next(ctx);
  }

  @Override
  public void moveAndRename(MoveAndRenameOperationContext ctx) throws LdapException {
    checkUpdate(ctx, ctx.getDn(), false);
    checkUpdate(ctx, ctx.getNewDn(), false);
    next(ctx);
  }

  @Override
  public boolean compare(CompareOperationContext ctx) throws LdapException {
    if (userPassword.equals(ctx.getAttributeType()) && !maySeePassword(ctx, ctx.getDn())) {
      throw new LdapNoPermissionException("no compare access to userPassword of " + ctx.getDn());
    }
    return next(ctx);
  }

  @Override
  public Entry lookup(LookupOperationContext ctx) throws LdapException {
    Entry entry = next(ctx);
    hidePassword(ctx, entry);
    return entry;
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    // A filter on userPassword would tell who has which password, a character at a time with substrings.
    if (mentionsPassword(ctx.getFilter()) && !maySeePassword(ctx, ctx.getDn())) {
      throw new LdapNoPermissionException("no search access to userPassword");
    }
    EntryFilteringCursor cursor = next(ctx);
    cursor.addEntryFilter(new PasswordHiding());
    return cursor;
  }

  private void checkUpdate(OperationContext ctx, Dn target, boolean ownPassword) throws LdapException {
    CoreSession session = ctx.getSession();
    if (session == null || session.isAdministrator()) {
      return;
    }
    if (session.isAnonymous()) {
      throw new LdapStrongAuthenticationRequiredException("modifications require authentication");
    }
    if (databases.isReadOnly(target)) {
      throw new LdapUnwillingToPerformException(ResultCodeEnum.UNWILLING_TO_PERFORM,
          "operation restricted: the database holding " + target + " is read-only");
    }
    if (!ownPassword && !databases.isRootOf(principal(session), target)) {
      throw new LdapNoPermissionException("no write access to " + target
          + ": only the rootdn of its database may update it");
    }
  }

  private boolean changesOwnPasswordOnly(ModifyOperationContext ctx) {
    return ctx.getSession() != null && !ctx.getSession().isAnonymous()
        && sameDn(principal(ctx.getSession()), ctx.getDn())
        && ctx.getModItems().stream().allMatch(mod -> userPassword.equals(mod.getAttribute().getAttributeType()));
  }

  private boolean maySeePassword(OperationContext ctx, Dn dn) {
    CoreSession session = ctx.getSession();
    if (session == null || session.isAdministrator()) {
      return true;
    }
    if (session.isAnonymous()) {
      return false;
    }
    Dn principal = principal(session);
    return sameDn(principal, dn) || databases.isRootOf(principal, dn);
  }

  private void hidePassword(OperationContext ctx, Entry entry) throws LdapException {
    if (entry != null && entry.containsAttribute(userPassword) && !maySeePassword(ctx, entry.getDn())) {
      entry.removeAttributes(userPassword);
    }
  }

  private boolean mentionsPassword(ExprNode node) {
    if (node instanceof BranchNode branch) {
      return branch.getChildren().stream().anyMatch(this::mentionsPassword);
    }
    return node instanceof LeafNode leaf && userPassword.equals(leaf.getAttributeType());
  }

  private static Dn principal(CoreSession session) {
    return session.getEffectivePrincipal().getDn();
  }

  private static boolean sameDn(Dn a, Dn b) {
    return a.getNormName().equals(b.getNormName());
  }

  /** Removes userPassword from the search results the requester may not see it in. */
  private final class PasswordHiding implements EntryFilter {
    @Override
    public boolean accept(SearchOperationContext ctx, Entry entry) throws LdapException {
      hidePassword(ctx, entry);
      return true;
    }

    @Override
    public String toString(String tabs) {
      return tabs + "PasswordHiding";
    }
  }
}

package io.mdbldap.server.protocol;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.server.access.AccessControlInterceptor;
import io.mdbldap.store.search.SearchStart;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.AttributeTypeOptions;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.normalizers.ConcreteNameComponentNormalizer;
import org.apache.directory.server.constants.ApacheSchemaConstants;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;
import org.apache.directory.server.core.api.entry.ServerEntryUtils;
import org.apache.directory.server.core.api.filtering.EntryFilter;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.core.api.normalization.FilterNormalizingVisitor;

/**
 * Runs the commonest plain searches ({@link PlainSearches}) without ApacheDS's operation manager, interceptor chain
 * and filtering cursor: straight from the partition's entries ({@link MdbPartition#entries}), each put through what
 * the interceptors kept on the short path ({@link DirectSearchChain}) do to it, by the same code. At 100,000 entries
 * those layers cost about as much CPU as the partition's own work for a base read or a {@code (uid=jdoe)} search.
 *
 * <p>It takes a filter of one of two shapes, for which each interceptor's part is known and small:
 *
 * <ul>
 *   <li>{@code (objectClass=*)}, in any scope: the normalization makes it a match-all {@link ObjectClassNode}, and
 *       ApacheDS's handler adds no {@code (objectClass=referral)} to it;
 *   <li>one equality or substring term on an attribute type of a human-readable syntax other than objectClass (whose
 *       terms the normalization may rewrite), {@code (uid=jdoe)} or {@code (mail=jdoe@*)}: normalized by ApacheDS's
 *       {@link FilterNormalizingVisitor}, as the normalization interceptor does; the schema interceptor's value
 *       conversion does nothing to a text value of a text type.
 *       The {@code (objectClass=referral)} term ApacheDS's handler adds changes nothing when the database holds no
 *       referral ({@link PlainSearches}) and the term is defined: a filter whose only term is undefined (an unknown
 *       attribute) keeps the chain, where the added term makes a missing base noSuchObject.
 * </ul>
 *
 * and no attribute the operational-attribute interceptor computes or rewrites ({@code +}, subschemaSubentry,
 * hasSubordinates, nbChildren, nbSubordinates, structuralObjectClass; creatorsName, modifiersName and
 * schemaModifiersName, whose DNs it denormalizes). Then, as the chain: the access
 * rules' check of the base ({@link AccessControlInterceptor#requireDisclosed}), and per entry the schema
 * interceptor's attribute selection ({@link ServerEntryUtils#filterContents}: names, {@code *}, {@code 1.1},
 * typesOnly) before the access rules' entry filter ({@link AccessControlInterceptor#searchAccess}), in the order
 * the filtering cursor applies them. Thread-safe.
 */
final class NativeSearch {
  private final DirectoryService directory;
  private final SchemaManager schema;
  private final FilterNormalizingVisitor normalizer;
  private final Set<AttributeType> computed;

  NativeSearch(DirectoryService directory) {
    this.directory = directory;
    this.schema = directory.getSchemaManager();
    this.normalizer = new FilterNormalizingVisitor(new ConcreteNameComponentNormalizer(schema), schema);
    this.computed = computed(schema);
  }

  /** A search found natively: the partition's entries, and the check that turns each into a result or drops it. */
  record Found(Cursor<Entry> cursor, EntryCheck check) {
  }

  /** What becomes of an entry a search found: the result to send, or null to send nothing. */
  @FunctionalInterface
  interface EntryCheck {
    /** Every entry as it is: ApacheDS's filtering cursor did the work already. */
    EntryCheck AS_IS = entry -> entry;

    Entry returned(Entry found) throws LdapException;
  }

  /**
   * The search {@code request} of {@code core} describes, its filter normalized, if it runs natively; else empty,
   * and the request is left as it was. {@code normalized} is the request's filter as {@link #normalized} made it
   * already ({@link ShortSearches}), or null.
   */
  Optional<SearchOperationContext> context(CoreSession core, SearchRequest request, ExprNode normalized)
      throws LdapException {
    ExprNode filter = normalized != null ? normalized : normalized(request.getFilter());
    if (filter == null) {
      return Optional.empty();
    }
    SearchOperationContext ctx = new SearchOperationContext(core, request);
    if (ctx.isAllOperationalAttributes() || asksComputed(ctx)) {
      return Optional.empty();
    }
    ctx.setDn(ShortSearches.schemaAware(directory, request.getBase()));
    ctx.setFilter(filter);
    return Optional.of(ctx);
  }

  /**
   * Starts the search {@code ctx} (from {@link #context}) of {@code partition}: the base's check first. The partition
   * goes on from {@code prepared} (from {@link ShortSearches}) if it is not null.
   */
  Found start(MdbPartition partition, SearchOperationContext ctx, SearchStart prepared) throws LdapException {
    AccessControlInterceptor access = (AccessControlInterceptor) directory.getInterceptor(AccessControlInterceptor.NAME);
    Optional<EntryFilter> entryAccess = Optional.empty();
    if (access != null) {
      access.requireDisclosed(ctx.getSession(), ctx.getDn());
      entryAccess = access.searchAccess(ctx.getSession(), ctx.getFilter());
    }
    EntryFilter rules = entryAccess.orElse(null);
    boolean allUser = ctx.isAllUserAttributes() && !ctx.isTypesOnly() && !ctx.isNoAttributes();
    return new Found(partition.entries(ctx, prepared), found -> {
      // As ApacheDS's filtering cursor: the selection works on a copy, the original telling what was stored.
      Entry entry = found instanceof ClonedServerEntry ? found : new ClonedServerEntry(found);
      if (!allUser || holdsUnasked(ctx, entry)) {
        ServerEntryUtils.filterContents(schema, ctx, entry);
      }
      return rules == null || rules.accept(ctx, entry) ? entry : null;
    });
  }

  /**
   * Whether {@code entry} holds an operational attribute that {@code ctx}, a search for all user attributes, does
   * not ask for: all the schema's selection would take out of it (entryDN included), so without one the selection
   * is skipped, with its two schema lookups and its walk of the entry. The partition leaves out what it knows is not
   * returned, so this is the usual case.
   */
  private boolean holdsUnasked(SearchOperationContext ctx, Entry entry) {
    for (Attribute attribute : entry) {
      AttributeType type = attribute.getAttributeType();
      if (type.isOperational() && !ctx.contains(schema, type)) {
        return true;
      }
    }
    return false;
  }

  /** The filter normalized, if it is of a shape this class takes; else null. */
  ExprNode normalized(ExprNode filter) {
    if (filter instanceof PresenceNode presence && DirectSearchHandler.isObjectClass(presence.getAttribute())) {
      return ObjectClassNode.OBJECT_CLASS_NODE;
    }
    if (!(filter instanceof EqualityNode<?> || filter instanceof SubstringNode)
        || DirectSearchHandler.isObjectClass(((LeafNode) filter).getAttribute())) {
      return null;
    }
    Object normalized = filter.accept(normalizer);
    if (normalized instanceof EqualityNode<?> term && isTextOtherThanObjectClass(term.getAttributeType())
        && term.getValue().isHumanReadable()) {
      return term;
    }
    if (normalized instanceof SubstringNode term && isTextOtherThanObjectClass(term.getAttributeType())) {
      return term;
    }
    return null;
  }

  private static boolean isTextOtherThanObjectClass(AttributeType type) {
    return isText(type) && !DirectSearchHandler.isObjectClass(type.getOid());
  }

  private static boolean isText(AttributeType type) {
    return type != null && type.getSyntax() != null && type.getSyntax().isHumanReadable();
  }

  /** Whether the search asks for an attribute the operational-attribute interceptor adds to entries or rewrites. */
  private boolean asksComputed(SearchOperationContext ctx) {
    if (ctx.getReturningAttributes() == null) {
      return false;
    }
    for (AttributeTypeOptions option : ctx.getReturningAttributes()) {
      if (computed.contains(option.getAttributeType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The attribute types the operational-attribute interceptor adds to a search's entries when asked for, and the
   * names it rewrites with the schema's names for their types (the server turns that denormalization on).
   */
  private static Set<AttributeType> computed(SchemaManager schema) {
    return Stream.of(SchemaConstants.SUBSCHEMA_SUBENTRY_AT, SchemaConstants.HAS_SUBORDINATES_AT,
            ApacheSchemaConstants.NB_CHILDREN_AT, ApacheSchemaConstants.NB_SUBORDINATES_AT,
            SchemaConstants.STRUCTURAL_OBJECT_CLASS_AT, SchemaConstants.CREATORS_NAME_AT,
            SchemaConstants.MODIFIERS_NAME_AT, ApacheSchemaConstants.SCHEMA_MODIFIERS_NAME_AT)
        .map(schema::getAttributeType).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
  }
}

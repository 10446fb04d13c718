package io.mdbldap.store;

import io.mdbldap.store.search.SearchStart;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * What to search for: base, scope, filter and limits. Immutable; build with {@link #builder(Dn)}.
 *
 * <p>The filter may be schema-aware (as ApacheDS hands it over, with {@code UndefinedNode} and
 * {@code ObjectClassNode}) or not (as {@code FilterParser.parse(String)} gives it); the store
 * resolves attribute names and normalizes assertion values itself, once per search.
 */
public final class SearchSpec {
  private final Dn base;
  private final Scope scope;
  private final ExprNode filter;
  private final long sizeLimit;
  private final Duration timeLimit;
  private final BooleanSupplier cancelled;
  private final Predicate<AttributeType> decoded;
  private final SearchStart prepared;

  private SearchSpec(Builder b) {
    this.base = b.base;
    this.scope = b.scope;
    this.filter = b.filter;
    this.sizeLimit = b.sizeLimit;
    this.timeLimit = b.timeLimit;
    this.cancelled = b.cancelled;
    this.decoded = b.decoded;
    this.prepared = b.prepared;
  }

  /** A subtree search of {@code base} for every entry, with no limits. */
  public static Builder builder(Dn base) {
    return new Builder(base);
  }

  public Dn base() {
    return base;
  }

  public Scope scope() {
    return scope;
  }

  public ExprNode filter() {
    return filter;
  }

  /** The most entries to return; 0 means no limit. */
  public long sizeLimit() {
    return sizeLimit;
  }

  /** How long the search may run; {@link Duration#ZERO} means no limit. */
  public Duration timeLimit() {
    return timeLimit;
  }

  /** Polled as the search runs; true ends it with {@code canceled}. */
  public BooleanSupplier cancelled() {
    return cancelled;
  }

  /** Which attributes the returned entries hold; the others are not decoded (filters still see them). */
  public Predicate<AttributeType> decoded() {
    return decoded;
  }

  /** The search's start made in advance for this base and scope, or null: the search makes its own. */
  public SearchStart prepared() {
    return prepared;
  }

  /** Builds a {@link SearchSpec}. */
  public static final class Builder {
    private final Dn base;
    private Scope scope = Scope.SUB;
    private ExprNode filter = ObjectClassNode.OBJECT_CLASS_NODE;
    private long sizeLimit;
    private Duration timeLimit = Duration.ZERO;
    private BooleanSupplier cancelled = () -> false;
    private Predicate<AttributeType> decoded = type -> true;
    private SearchStart prepared;

    private Builder(Dn base) {
      this.base = Objects.requireNonNull(base, "base");
    }

    public Builder scope(Scope searchScope) {
      this.scope = Objects.requireNonNull(searchScope, "scope");
      return this;
    }

    public Builder filter(ExprNode searchFilter) {
      this.filter = Objects.requireNonNull(searchFilter, "filter");
      return this;
    }

    public Builder sizeLimit(long entries) {
      this.sizeLimit = entries;
      return this;
    }

    public Builder timeLimit(Duration limit) {
      this.timeLimit = Objects.requireNonNull(limit, "timeLimit");
      return this;
    }

    public Builder cancelled(BooleanSupplier isCancelled) {
      this.cancelled = Objects.requireNonNull(isCancelled, "cancelled");
      return this;
    }

    /**
     * Leaves out of the returned entries the attributes {@code returned} rejects, for a caller
     * that would drop them anyway: decoding values is most of the cost of reading an entry.
     * Every attribute by default.
     */
    public Builder decoded(Predicate<AttributeType> returned) {
      this.decoded = Objects.requireNonNull(returned, "decoded");
      return this;
    }

    /**
     * Starts the search from {@code start} ({@link MdbStore#prepare}), made for the same base, scope and filter,
     * instead of resolving the base and computing the candidates again. A start made for another base or scope is
     * not used. None by default.
     */
    public Builder prepared(SearchStart start) {
      this.prepared = start;
      return this;
    }

    public SearchSpec build() {
      return new SearchSpec(this);
    }
  }
}

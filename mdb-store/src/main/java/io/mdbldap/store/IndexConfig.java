package io.mdbldap.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which attributes are indexed, and how: the parsed form of slapd.conf {@code index} lines.
 *
 * <p>Attribute names are kept as given; the store resolves them against its schema when it opens.
 * Immutable; build with {@link #builder()}.
 */
public final class IndexConfig {
  private static final IndexConfig NONE = new IndexConfig(Map.of());

  private final Map<String, Set<IndexKind>> kinds;

  private IndexConfig(Map<String, Set<IndexKind>> kinds) {
    this.kinds = kinds;
  }

  /** No attribute indices at all. */
  public static IndexConfig none() {
    return NONE;
  }

  /** A builder that starts empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** Attribute name (as configured) to its index kinds, in configuration order. */
  public Map<String, Set<IndexKind>> kinds() {
    return kinds;
  }

  /** Builds an {@link IndexConfig}; {@code add("cn,sn", "eq,sub")} reads like slapd.conf. */
  public static final class Builder {
    private final Map<String, Set<IndexKind>> kinds = new LinkedHashMap<>();

    private Builder() {}

    /** Adds {@code index attrs kinds}: comma-separated attribute names and kind keywords. */
    public Builder add(String attributes, String kindKeywords) {
      EnumSet<IndexKind> parsed = EnumSet.noneOf(IndexKind.class);
      for (String k : kindKeywords.split(",")) {
        parsed.addAll(IndexKind.parse(k));
      }
      for (String attribute : attributes.split(",")) {
        kinds.computeIfAbsent(attribute.trim(), a -> EnumSet.noneOf(IndexKind.class)).addAll(parsed);
      }
      return this;
    }

    /** Adds the given kinds for one attribute. */
    public Builder add(String attribute, Set<IndexKind> attributeKinds) {
      kinds.computeIfAbsent(attribute.trim(), a -> EnumSet.noneOf(IndexKind.class)).addAll(attributeKinds);
      return this;
    }

    public IndexConfig build() {
      Map<String, Set<IndexKind>> copy = new LinkedHashMap<>();
      kinds.forEach((a, k) -> copy.put(a, Collections.unmodifiableSet(EnumSet.copyOf(k))));
      return new IndexConfig(Collections.unmodifiableMap(copy));
    }
  }

  @Override
  public String toString() {
    Map<String, Set<IndexKind>> sorted = new TreeMap<>();
    kinds.forEach((a, k) -> sorted.put(a.toLowerCase(Locale.ROOT), k));
    return sorted.toString();
  }
}

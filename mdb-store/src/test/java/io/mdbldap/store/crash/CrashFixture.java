package io.mdbldap.store.crash;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import io.mdbldap.store.StoreConfig;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;

/**
 * What the crash test's parent and child share: the store configuration, how entries are read
 * back into {@link Attrs}, and the canonical DN strings both sides speak in.
 *
 * <p>Every DN this test writes is lower case without spaces or escapes ({@code cn=e12,ou=a,dc=example,dc=com}),
 * so a DN's canonical form is its string lower-cased with blanks around separators removed.
 */
final class CrashFixture {
  static final String SUFFIX = "dc=example,dc=com";
  static final List<String> CONTAINERS = List.of("ou=a," + SUFFIX, "ou=b," + SUFFIX, "ou=c," + SUFFIX);

  /** The child prefixes every protocol line with this, so stray output (logging) cannot be mistaken for one. */
  static final String TAG = "@@ ";

  private CrashFixture() {}

  /** objectClass eq, cn eq+sub, description eq: every attribute the child changes is indexed. */
  static IndexConfig indices() {
    return IndexConfig.builder()
        .add("objectClass", "eq")
        .add("cn", "eq,sub")
        .add("description", "eq")
        .build();
  }

  /** Durable (the default) and a small initial map, so the child also grows the map now and then. */
  static StoreConfig config(Path dir) {
    return StoreConfig.builder(dir, SUFFIX).indices(indices()).initialMapSize(1L << 20).build();
  }

  /** The default schemas (core, cosine, inetOrgPerson...); logback-test.xml keeps their loading quiet. */
  static SchemaManager schemaManager() {
    return new DefaultSchemaManager();
  }

  static Dn dn(SchemaManager sm, String dn) {
    try {
      return new Dn(sm, dn);
    } catch (LdapException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }

  static ExprNode filter(SchemaManager sm, String filter) {
    try {
      return FilterParser.parse(sm, filter);
    } catch (ParseException e) {
      throw new IllegalArgumentException(filter, e);
    }
  }

  /** The canonical string of a DN the store hands back. */
  static String canon(Dn dn) {
    return canon(dn.getName());
  }

  static String canon(String dn) {
    return dn.toLowerCase(Locale.ROOT).replaceAll("\\s*([,=])\\s*", "$1").trim();
  }

  /** The parent of a canonical DN (our values hold no commas). */
  static String parentOf(String dn) {
    int comma = dn.indexOf(',');
    return comma < 0 ? "" : dn.substring(comma + 1);
  }

  /** The value of a canonical DN's RDN. */
  static String rdnValue(String dn) {
    int comma = dn.indexOf(',');
    String rdn = comma < 0 ? dn : dn.substring(0, comma);
    return rdn.substring(rdn.indexOf('=') + 1);
  }

  static int depth(String dn) {
    int n = 1;
    for (int i = 0; i < dn.length(); i++) {
      if (dn.charAt(i) == ',') {
        n++;
      }
    }
    return n;
  }

  /**
   * The attributes this test writes and checks, each as a set of lower-cased values. Other
   * attributes the store may keep (the RDN attributes of the suffix and containers) are ignored.
   */
  record Attrs(Set<String> objectClass, Set<String> cn, Set<String> sn, Set<String> description) {
    Attrs {
      objectClass = Collections.unmodifiableSet(new TreeSet<>(objectClass));
      cn = Collections.unmodifiableSet(new TreeSet<>(cn));
      sn = Collections.unmodifiableSet(new TreeSet<>(sn));
      description = Collections.unmodifiableSet(new TreeSet<>(description));
    }

    static Attrs person(long n) {
      return new Attrs(Set.of("top", "person"), Set.of("e" + n), Set.of("s" + n), Set.of(Long.toString(n)));
    }

    static Attrs of(Entry e) {
      return new Attrs(values(e, "objectClass"), values(e, "cn"), values(e, "sn"), values(e, "description"));
    }

    private static Set<String> values(Entry e, String attribute) {
      Set<String> out = new TreeSet<>();
      Attribute a = e.get(attribute);
      if (a != null) {
        for (Value v : a) {
          out.add(v.getString().toLowerCase(Locale.ROOT));
        }
      }
      return out;
    }

    boolean isPerson() {
      return objectClass.contains("person");
    }

    @Override
    public String toString() {
      return "{oc=" + objectClass + " cn=" + cn + " sn=" + sn + " description=" + description + "}";
    }
  }

  /** Every entry under the suffix, by canonical DN, read with one subtree search. */
  static TreeMap<String, Attrs> snapshot(MdbStore store, SchemaManager sm) throws LdapException {
    TreeMap<String, Attrs> out = new TreeMap<>();
    List<String> duplicates = new ArrayList<>();
    SearchSpec spec = SearchSpec.builder(dn(sm, SUFFIX)).scope(Scope.SUB).filter(filter(sm, "(objectClass=*)")).build();
    try (SearchCursor c = store.search(spec)) {
      for (Entry e = c.next(); e != null; e = c.next()) {
        String key = canon(e.getDn());
        if (out.put(key, Attrs.of(e)) != null) {
          duplicates.add(key);
        }
      }
    }
    if (!duplicates.isEmpty()) {
      throw new AssertionError("the subtree search returned these DNs more than once: " + duplicates);
    }
    return out;
  }

  /** The entries (canonical DNs) a subtree search of the suffix with {@code filter} returns. */
  static List<String> searchDns(MdbStore store, SchemaManager sm, String filter) throws LdapException {
    List<String> out = new ArrayList<>();
    SearchSpec spec = SearchSpec.builder(dn(sm, SUFFIX)).scope(Scope.SUB).filter(filter(sm, filter)).build();
    try (SearchCursor c = store.search(spec)) {
      for (Entry e = c.next(); e != null; e = c.next()) {
        out.add(canon(e.getDn()));
      }
    }
    return out;
  }
}

package io.mdbldap.store.dn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Parses DNs into schema-aware DNs, normalizing each parent once. The names a server or an import
 * sees mostly share a few parents ({@code ou=people,dc=example,dc=com}), and a schema-aware parse
 * normalizes every RDN of a name; here only the leading RDN is parsed, and the rest comes from a
 * small map of parents already parsed, by their text.
 *
 * <p>The result is the one {@code new Dn(schema, name)} gives, errors included: the shortcut is
 * taken only where the RDN and the parent joined by a comma give back the text as written (a space
 * after the comma, a quoted value or the old {@code ;} separator take the full parse).
 *
 * <p>Thread-safe. The parents kept are bounded: past {@link #MAX_PARENTS} the map starts again (a
 * bound, not an LRU, since parents are few).
 */
public final class DnParser {
  /** Parents kept at most. */
  public static final int MAX_PARENTS = 4_096;

  private final SchemaManager schema;
  private final Map<String, Dn> parents = new ConcurrentHashMap<>();
  /** The parent parsed last, with its text; immutable, so threads may share the field racily. */
  private Parent last;

  private record Parent(String text, Dn dn) {}

  /** A parser of DNs made schema-aware with {@code schema}. */
  public DnParser(SchemaManager schema) {
    this.schema = schema;
  }

  /**
   * The schema-aware DN of {@code name}, equal in every form (as written, normalized, RDN by RDN)
   * to {@code new Dn(schema, name)}.
   *
   * @throws LdapInvalidDnException if {@code name} is not a DN, as the full parse reports it
   */
  public Dn parse(String name) throws LdapInvalidDnException {
    int comma = firstSeparator(name);
    if (comma <= 0 || comma == name.length() - 1) {
      return new Dn(schema, name);
    }
    Dn dn;
    try {
      dn = join(new Rdn(schema, name.substring(0, comma)), parent(name, comma + 1));
    } catch (LdapInvalidDnException | RuntimeException e) {
      // the full parse reports it as it always has
      return new Dn(schema, name);
    }
    return dn.getName().equals(name) ? dn : new Dn(schema, name);
  }

  private Dn join(Rdn rdn, Dn parent) throws LdapInvalidDnException {
    return child(schema, parent, rdn);
  }

  /**
   * {@code parent} with {@code rdn} in front, both already parsed with {@code schema}. Not
   * {@link Dn#add(Rdn)}, which copies the RDN it is given (re-escaping its value and rebuilding its
   * normalized name): the DN constructor takes schema-aware RDNs as they are.
   */
  public static Dn child(SchemaManager schema, Dn parent, Rdn rdn) throws LdapInvalidDnException {
    Rdn[] rdns = new Rdn[parent.size() + 1];
    rdns[0] = rdn;
    for (int i = 0; i < parent.size(); i++) {
      rdns[i + 1] = parent.getRdn(i);
    }
    return new Dn(schema, rdns);
  }

  /**
   * The parent named by {@code name} from {@code from} on. The last one is compared in place first:
   * siblings mostly come one after another, and that needs no substring to hash.
   */
  private Dn parent(String name, int from) throws LdapInvalidDnException {
    Parent known = last;
    int length = name.length() - from;
    if (known != null && known.text().length() == length && name.regionMatches(from, known.text(), 0, length)) {
      return known.dn();
    }
    String text = name.substring(from);
    Dn parent = parents.get(text);
    if (parent == null) {
      parent = new Dn(schema, text);
      if (parents.size() >= MAX_PARENTS) {
        parents.clear();
      }
      parents.put(text, parent);
    }
    last = new Parent(text, parent);
    return parent;
  }

  /**
   * The index of the comma that ends the first RDN, or -1 where the full parser must decide: no
   * comma, a quote (a quoted value may hold commas) or a semicolon (an old-style separator).
   */
  private static int firstSeparator(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        return i;
      } else if (c == '"' || c == ';') {
        return -1;
      }
    }
    return -1;
  }
}

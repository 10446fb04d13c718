package io.mdbldap.server.protocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Parses bind DNs against the schema, parsing each distinct parent once: users bind as entries of
 * a few containers ({@code ou=people,dc=example,dc=com}), and a schema-aware parse normalizes every
 * RDN of the name, a sixth of the CPU of a simple bind at 100,000 users. Only the first RDN is
 * parsed per bind; the result is the DN a whole parse gives, or the whole parse is used.
 *
 * <p>Thread-safe. The parents kept are bounded: past {@link #MAX_PARENTS} they are forgotten at once.
 */
final class BindDns {
  /** Distinct parents kept; a directory has far fewer containers of bindable entries. */
  static final int MAX_PARENTS = 1024;

  private final SchemaManager schema;
  private final Map<String, Dn> parents = new ConcurrentHashMap<>();

  /** Bind DNs made schema-aware with {@code schema}. */
  BindDns(SchemaManager schema) {
    this.schema = schema;
  }

  /**
   * {@code name} as a schema-aware DN, equal in every form (as written, normalized) to {@code new Dn(schema, name)}.
   *
   * @throws LdapInvalidDnException if {@code name} is not a DN
   */
  Dn parse(String name) throws LdapInvalidDnException {
    int comma = firstRdnEnd(name);
    if (comma <= 0) {
      return new Dn(schema, name);
    }
    Dn parent = parent(name.substring(comma + 1));
    List<Rdn> parentRdns = parent.getRdns();
    Rdn[] rdns = new Rdn[1 + parentRdns.size()];
    rdns[0] = new Rdn(schema, name.substring(0, comma));
    for (int i = 0; i < parentRdns.size(); i++) {
      rdns[i + 1] = parentRdns.get(i);
    }
    Dn dn = new Dn(schema, rdns);
    // Joining the parts spells the name with plain commas: anything else (spaces, ';') takes the whole parse.
    return dn.getName().equals(name) ? dn : new Dn(schema, name);
  }

  private Dn parent(String name) throws LdapInvalidDnException {
    Dn parent = parents.get(name);
    if (parent == null) {
      parent = new Dn(schema, name);
      if (parents.size() >= MAX_PARENTS) {
        parents.clear();
      }
      parents.put(name, parent);
    }
    return parent;
  }

  /**
   * Where the first RDN of {@code name} ends: its first comma, if nothing before it escapes or quotes
   * (those names take the whole parse); -1 otherwise.
   */
  private static int firstRdnEnd(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ',') {
        return i;
      }
      if (c == '\\' || c == '"' || c == ';') {
        return -1;
      }
    }
    return -1;
  }
}

package io.mdbldap.server.access;

import io.mdbldap.conf.DatabaseConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * What access decisions need to know about the configured databases: their suffixes, root DNs, root
 * passwords and read-only flags.
 *
 * <p>As in slapd, a database's rootdn is root in that database only: it binds with the database's
 * {@code rootpw} whether or not an entry exists for it, and may update anything below the suffix.
 *
 * <p>Immutable and thread-safe.
 */
public final class Databases {
  private final List<DatabaseConfig> deepestFirst;

  private Databases(List<DatabaseConfig> deepestFirst) {
    this.deepestFirst = deepestFirst;
  }

  /** The databases of a configuration. */
  public static Databases of(List<DatabaseConfig> databases) {
    // Subordinate databases may be configured before their superior: the longest suffix wins.
    return new Databases(databases.stream()
        .sorted(Comparator.comparingInt((DatabaseConfig db) -> db.suffix().size()).reversed())
        .toList());
  }

  /** The database holding {@code dn}, if any: the one with the longest suffix at or above it. */
  public Optional<DatabaseConfig> holding(Dn dn) {
    return deepestFirst.stream().filter(db -> dn.isDescendantOf(db.suffix())).findFirst();
  }

  /** Whether {@code principal} is the rootdn of the database holding {@code target}. */
  public boolean isRootOf(Dn principal, Dn target) {
    return holding(target).flatMap(DatabaseConfig::rootDn).filter(root -> sameDn(root, principal)).isPresent();
  }

  /** Whether {@code target} lies in a database configured {@code readonly on}. */
  public boolean isReadOnly(Dn target) {
    return holding(target).map(DatabaseConfig::readOnly).orElse(false);
  }

  /**
   * The database whose rootdn is {@code dn} and has a {@code rootpw}, which a bind as {@code dn} is
   * checked against; without a rootpw the rootdn binds with its entry's userPassword, as in slapd.
   */
  public Optional<DatabaseConfig> withRootPassword(Dn dn) {
    return deepestFirst.stream()
        .filter(db -> db.rootPw().isPresent() && db.rootDn().filter(root -> sameDn(root, dn)).isPresent())
        .findFirst();
  }

  private static boolean sameDn(Dn a, Dn b) {
    return a.getNormName().equals(b.getNormName());
  }
}

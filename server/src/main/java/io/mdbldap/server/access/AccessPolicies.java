package io.mdbldap.server.access;

import io.mdbldap.conf.AccessRule;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.access.acl.AccessPolicy;
import io.mdbldap.server.access.acl.RuleCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * The access policy in force for each DN: a database's own rules followed by the global ones, as slapd appends
 * them; outside every database (root DSE, {@code cn=schema}), the global rules alone. Immutable and thread-safe.
 */
public final class AccessPolicies {
  private final Databases databases;
  private final Map<String, AccessPolicy> bySuffix;
  private final AccessPolicy global;
  private final boolean readableByAll;

  private AccessPolicies(Databases databases, Map<String, AccessPolicy> bySuffix, AccessPolicy global) {
    this.databases = databases;
    this.bySuffix = bySuffix;
    this.global = global;
    this.readableByAll = global.readableByAll() && bySuffix.values().stream().allMatch(AccessPolicy::readableByAll);
  }

  /**
   * Compiles the access rules of {@code config}.
   *
   * @throws IllegalArgumentException naming file and line if a rule uses what is not supported
   */
  public static AccessPolicies of(ServerConfig config) {
    RuleCompiler compiler = new RuleCompiler(config.schemaManager());
    Map<String, AccessPolicy> bySuffix = new HashMap<>();
    for (DatabaseConfig database : config.databases()) {
      List<AccessRule> rules = new ArrayList<>(database.access());
      rules.addAll(config.access());
      bySuffix.put(database.suffix().getNormName(), new AccessPolicy(compiler.compile(rules)));
    }
    return new AccessPolicies(Databases.of(config.databases()), Map.copyOf(bySuffix),
        new AccessPolicy(compiler.compile(config.access())));
  }

  /** Whether no access rule is configured anywhere: everyone may read everything ({@link AccessPolicy#readableByAll}). */
  public boolean readableByAll() {
    return readableByAll;
  }

  /** The policy for the entry named {@code dn}. */
  public AccessPolicy forDn(Dn dn) {
    return databases.holding(dn).map(db -> bySuffix.get(db.suffix().getNormName())).orElse(global);
  }
}

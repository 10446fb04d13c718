package io.mdbldap.bench;

import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;

/** The default schemas (core, cosine, inetOrgPerson...), loaded once per JVM: loading takes a second. */
final class BenchSchema {
  private static SchemaManager shared;

  private BenchSchema() {}

  static synchronized SchemaManager get() {
    if (shared == null) {
      shared = new DefaultSchemaManager();
    }
    return shared;
  }
}

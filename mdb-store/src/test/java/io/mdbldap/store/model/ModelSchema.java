package io.mdbldap.store.model;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;

/**
 * The schema the model test runs with: {@code new DefaultSchemaManager()} (which needs
 * api-ldap-extras-aci on the classpath for the system schema's ACIItem syntax checker) plus the
 * nis schema, for uidNumber and gidNumber.
 */
final class ModelSchema {
  private static SchemaManager shared;

  private ModelSchema() {}

  /** One schema manager for the whole JVM: loading one takes a second or two. */
  static synchronized SchemaManager get() {
    if (shared == null) {
      Quiet.apacheLogs();
      DefaultSchemaManager sm = new DefaultSchemaManager();
      try {
        sm.enable("nis");
      } catch (LdapException e) {
        throw new IllegalStateException("cannot enable the nis schema", e);
      }
      shared = sm;
    }
    return shared;
  }
}

package io.mdbldap.store.search;

import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.registries.ObjectClassRegistry;

/** Object class lookups that treat an unknown class as absent. */
public final class ObjectClasses {
  private ObjectClasses() {}

  /**
   * The class named {@code oidOrName}, or null if the schema has none. The registry's own
   * {@code get} throws (a NullPointerException in API 2.1.5) for names it does not hold.
   */
  public static ObjectClass find(ObjectClassRegistry registry, String oidOrName) {
    return registry.contains(oidOrName) ? registry.get(oidOrName) : null;
  }
}

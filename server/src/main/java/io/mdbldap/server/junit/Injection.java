package io.mdbldap.server.junit;

import io.mdbldap.server.embedded.EmbeddedDirectory;
import java.lang.reflect.AnnotatedElement;
import java.util.UUID;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What {@link EmbeddedLdap} can inject, by type. Connections are opened per injection and closed
 * with the JUnit store of the test (or class) they were made for. The UnboundID SDK is matched
 * by name, so that it stays optional.
 */
final class Injection {
  static final String SUPPORTED = "supported are EmbeddedDirectory, com.unboundid.ldap.sdk.LDAPConnection, "
      + "org.apache.directory.ldap.client.api.LdapConnection, and String with @LdapUrl";
  private static final String UNBOUNDID_CONNECTION = "com.unboundid.ldap.sdk.LDAPConnection";

  private Injection() {}

  static boolean supports(Class<?> type, AnnotatedElement element) {
    return type == EmbeddedDirectory.class || type == LdapConnection.class
        || type.getName().equals(UNBOUNDID_CONNECTION)
        || type == String.class && element.isAnnotationPresent(LdapUrl.class);
  }

  static Object value(Class<?> type, AnnotatedElement element, EmbeddedDirectory directory,
      ExtensionContext.Store store) {
    if (type == EmbeddedDirectory.class) {
      return directory;
    }
    if (type == String.class) {
      return element.getAnnotation(LdapUrl.class).ldaps() ? directory.ldapsUrl() : directory.url();
    }
    if (type == LdapConnection.class) {
      return closedWith(store, directory.session());
    }
    return closedWith(store, unboundIdConnection(directory));
  }

  private static AutoCloseable unboundIdConnection(EmbeddedDirectory directory) {
    try {
      return directory.connection();
    } catch (Exception e) {
      throw new ExtensionConfigurationException("cannot connect to " + directory.url() + ": " + e.getMessage(), e);
    }
  }

  private static <T extends AutoCloseable> T closedWith(ExtensionContext.Store store, T connection) {
    store.put(UUID.randomUUID().toString(), (ExtensionContext.Store.CloseableResource) connection::close);
    return connection;
  }
}

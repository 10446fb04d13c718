package io.mdbldap.server.embedded;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import javax.net.ssl.SSLContext;

/**
 * The UnboundID SDK connections {@link EmbeddedDirectory} hands out. Kept apart so that the SDK,
 * an optional dependency, is only loaded by those who ask for such a connection.
 */
final class UnboundIdConnections {
  private UnboundIdConnections() {}

  static LDAPConnection plain(int port, String bindDn, String password) throws LDAPException {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", port);
    return bound(connection, bindDn, password);
  }

  static LDAPConnection tls(SSLContext context, int port, String bindDn, String password) throws LDAPException {
    LDAPConnection connection =
        new LDAPConnection(context.getSocketFactory(), new LDAPConnectionOptions(), "127.0.0.1", port);
    return bound(connection, bindDn, password);
  }

  private static LDAPConnection bound(LDAPConnection connection, String bindDn, String password) throws LDAPException {
    if (bindDn == null) {
      return connection;
    }
    try {
      connection.bind(bindDn, password);
      return connection;
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
  }
}

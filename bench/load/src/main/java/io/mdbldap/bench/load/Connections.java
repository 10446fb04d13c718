package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * Opens the drivers' connections to one server, with a response timeout; in synchronous mode (one
 * request at a time, so no reader thread and less client CPU on shared cores) unless a connection
 * is to send asynchronous requests.
 *
 * @param host the server's host
 * @param port its port
 */
record Connections(String host, int port) {
  private static final int RESPONSE_TIMEOUT_MILLIS = 60_000;

  /** What to do on a new connection before the load starts, such as a bind. */
  interface Setup {
    void apply(LDAPConnection connection) throws LDAPException;
  }

  /** A new synchronous connection, set up; closed again if the setup fails. */
  LDAPConnection open(Setup setup) throws LDAPException {
    return open(setup, true);
  }

  /** A new connection that can send asynchronous requests, set up. */
  LDAPConnection openAsynchronous(Setup setup) throws LDAPException {
    return open(setup, false);
  }

  private LDAPConnection open(Setup setup, boolean synchronous) throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setUseSynchronousMode(synchronous);
    options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
    LDAPConnection connection = new LDAPConnection(options, host, port);
    try {
      setup.apply(connection);
    } catch (LDAPException e) {
      connection.close();
      throw e;
    }
    return connection;
  }
}

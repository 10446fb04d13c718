package io.mdbldap.bench.embedded;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.nio.file.Path;

/** UnboundID's InMemoryDirectoryServer with its default schema, reset by snapshot restore. */
final class UnboundId implements Candidate {
  private static final String ROOT_DN = "cn=admin,dc=example,dc=com";
  private InMemoryDirectoryServer server;
  private InMemoryDirectoryServerSnapshot snapshot;

  @Override
  public void start(Path ldif) throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.addAdditionalBindCredentials(ROOT_DN, "secret");
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    server = new InMemoryDirectoryServer(config);
    if (ldif != null) {
      server.importFromLDIF(true, ldif.toFile());
    }
    server.startListening();
    snapshot = server.createSnapshot();
  }

  @Override
  public int port() {
    return server.getListenPort();
  }

  @Override
  public String bindDn() {
    return ROOT_DN;
  }

  @Override
  public String password() {
    return "secret";
  }

  @Override
  public long reset() {
    long begin = System.nanoTime();
    server.restoreSnapshot(snapshot);
    return System.nanoTime() - begin;
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}

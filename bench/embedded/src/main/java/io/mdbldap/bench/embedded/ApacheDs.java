package io.mdbldap.bench.embedded;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.store.LdifFileLoader;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;

/**
 * ApacheDS embedded as its users set it up: DefaultDirectoryServiceFactory (JDBM partitions, the
 * default), a JDBM partition for the suffix, the LDIF added through the admin session (as its test
 * framework's @ApplyLdifFiles does), and an LdapServer. It has no reset but its test framework's
 * changelog revert, which is not measured here.
 */
final class ApacheDs implements Candidate {
  private DirectoryService service;
  private LdapServer server;
  private int port;

  @Override
  public void start(Path ldif) throws Exception {
    DefaultDirectoryServiceFactory factory = new DefaultDirectoryServiceFactory();
    factory.init("bench-" + UUID.randomUUID());
    service = factory.getDirectoryService();
    Partition example = factory.getPartitionFactory().createPartition(service.getSchemaManager(),
        service.getDnFactory(), "example", "dc=example,dc=com", 1000,
        new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
    service.addPartition(example);
    if (ldif != null) {
      new LdifFileLoader(service.getAdminSession(), ldif.toFile(), null).execute();
    }
    port = freePort();
    server = new LdapServer();
    server.setTransports(new TcpTransport("127.0.0.1", port));
    server.setDirectoryService(service);
    server.start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String bindDn() {
    return "uid=admin,ou=system";
  }

  @Override
  public String password() {
    return "secret";
  }

  @Override
  public long reset() {
    return -1;
  }

  @Override
  public void close() throws Exception {
    server.stop();
    service.shutdown();
    deleteTree(service.getInstanceLayout().getInstanceDirectory());
  }

  private static void deleteTree(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteTree(child);
      }
    }
    file.delete();
  }
}

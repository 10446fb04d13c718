package io.mdbldap.bench.load;

import picocli.CommandLine.Option;

/**
 * The options both drivers share: the server to drive, its process (for /proc), and the data
 * bench/ldif-gen.py loaded into it. A picocli mixin.
 */
final class Target {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", required = true, description = "Server port.")
  int port;

  @Option(names = "--pid", required = true, description = "The server's process id, for its CPU time and RSS.")
  long pid;

  @Option(names = "--users", required = true, description = "How many uid=userI,ou=people entries the data has.")
  int users;

  @Option(names = "--suffix", defaultValue = "dc=example,dc=com", description = "Default: ${DEFAULT-VALUE}.")
  String suffix;

  @Option(names = "--admin-dn", defaultValue = "cn=admin,dc=example,dc=com", description = "Rootdn, for writes.")
  String adminDn;

  @Option(names = "--admin-password", defaultValue = "secret", description = "Its password.")
  String adminPassword;

  Connections connections() {
    return new Connections(host, port);
  }

  /** @param unitSize the entries of the {@code ou=unit} subtree, 0 if the data has none */
  DataSet data(int unitSize) {
    return new DataSet(suffix, users, unitSize, adminDn, adminPassword);
  }
}

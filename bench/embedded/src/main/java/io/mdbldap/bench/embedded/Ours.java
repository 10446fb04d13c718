package io.mdbldap.bench.embedded;

import io.mdbldap.server.embedded.EmbeddedDirectory;
import io.mdbldap.server.embedded.EmbeddedDirectoryBuilder;
import java.nio.file.Path;

/** mdbldap's EmbeddedDirectory, as a test would build it. */
final class Ours implements Candidate {
  private EmbeddedDirectory directory;

  @Override
  public void start(Path ldif) throws Exception {
    EmbeddedDirectoryBuilder builder = EmbeddedDirectory.builder().suffix("dc=example,dc=com");
    if (ldif != null) {
      builder.ldif(ldif);
    }
    directory = builder.start();
  }

  @Override
  public int port() {
    return directory.port();
  }

  @Override
  public String bindDn() {
    return directory.rootDn();
  }

  @Override
  public String password() {
    return directory.password();
  }

  @Override
  public long reset() {
    long begin = System.nanoTime();
    directory.reset();
    return System.nanoTime() - begin;
  }

  @Override
  public void close() {
    directory.close();
  }
}

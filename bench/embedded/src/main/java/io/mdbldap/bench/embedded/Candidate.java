package io.mdbldap.bench.embedded;

import java.nio.file.Path;

/** One embedded directory under measurement. */
interface Candidate extends AutoCloseable {
  /** Starts it serving dc=example,dc=com, with {@code ldif} loaded if not null. */
  void start(Path ldif) throws Exception;

  int port();

  String bindDn();

  String password();

  /**
   * Puts the fixture back after a write, returning the nanoseconds it took, or -1 if the
   * directory has no such operation.
   */
  long reset() throws Exception;
}

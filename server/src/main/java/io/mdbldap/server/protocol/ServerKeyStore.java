package io.mdbldap.server.protocol;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key store file holding the server's private key and certificate, as ApacheDS's {@code
 * LdapServer} reads it for {@code ldaps://}: any type {@code KeyStore.getInstance} knows by
 * default (PKCS #12).
 *
 * @param file the key store file
 * @param password the password of the store and of its key
 */
public record ServerKeyStore(Path file, String password) {
  /** Checks that nothing is null. */
  public ServerKeyStore {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "ServerKeyStore[file=" + file + ", password=***]";
  }
}

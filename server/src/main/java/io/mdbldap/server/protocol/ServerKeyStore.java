package io.mdbldap.server.protocol;

import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

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

  /**
   * The key managers presenting the store's key and certificate.
   *
   * @throws StartupException naming the file if it cannot be read with the password
   */
  public KeyManagerFactory keyManagers() throws StartupException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password.toCharArray());
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password.toCharArray());
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new StartupException("cannot read the key store " + file + ": " + e.getMessage());
    }
  }

  /** Hides the password. */
  @Override
  public String toString() {
    return "ServerKeyStore[file=" + file + ", password=***]";
  }
}

package io.mdbldap.server.embedded;

import io.mdbldap.server.StartupException;
import io.mdbldap.server.protocol.ServerKeyStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.apache.directory.server.core.security.CertificateUtil;

/**
 * A certificate made for one embedded directory's {@code ldaps://} listener: self-signed, in a
 * PKCS #12 file the listener reads, with an {@link SSLContext} that trusts it (and nothing else)
 * for the tests' clients. Its alternative names are this host's name and address, not 127.0.0.1:
 * clients that check the host name, as JNDI does, should connect by that name.
 */
final class SelfSignedKeyStore {
  private static final String ALIAS = "mdbldap";
  private static final int DAYS = 365;
  private static final int KEY_BITS = 2048;

  private final ServerKeyStore serverKeyStore;
  private final X509Certificate certificate;

  private SelfSignedKeyStore(ServerKeyStore serverKeyStore, X509Certificate certificate) {
    this.serverKeyStore = serverKeyStore;
    this.certificate = certificate;
  }

  /** Generates the key and certificate into {@code file}. */
  static SelfSignedKeyStore create(Path file) throws StartupException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS);
      KeyPair keys = generator.generateKeyPair();
      // ApacheDS's generator adds this host's name and address as subject alternative names.
      X509Certificate certificate = CertificateUtil.generateSelfSignedCertificate(
          new X500Principal("CN=localhost, OU=mdbldap embedded directory"), keys, DAYS, "SHA256WithRSA");
      String password = UUID.randomUUID().toString();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return new SelfSignedKeyStore(new ServerKeyStore(file, password), certificate);
    } catch (GeneralSecurityException | IOException e) {
      throw new StartupException("cannot make a certificate for ldaps:// in " + file, e);
    }
  }

  ServerKeyStore serverKeyStore() {
    return serverKeyStore;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A TLS context that trusts this certificate only. */
  SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry(ALIAS, certificate);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a TLS context trusting " + certificate.getSubjectX500Principal(), e);
    }
  }
}

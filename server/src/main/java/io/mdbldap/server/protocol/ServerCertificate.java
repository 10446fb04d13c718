package io.mdbldap.server.protocol;

import io.mdbldap.conf.TlsFiles;
import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server's certificate chain and private key, read from the PEM files that {@code TLSCertificateFile} and
 * {@code TLSCertificateKeyFile} name, as slapd reads them, into an in-memory key store: the key is never written
 * elsewhere. Keys must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA, EC or EdDSA; a traditional
 * {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} file gets an error saying how to convert it.
 */
final class ServerCertificate {
  private static final Pattern PEM_KEY = Pattern.compile(
      "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
  private static final String ALIAS = "server";

  private ServerCertificate() {}

  /**
   * The key managers presenting the configured certificate.
   *
   * @throws StartupException naming the file if a file cannot be read or is not what it should be
   */
  static KeyManagerFactory keyManagers(TlsFiles files) throws StartupException {
    Path certificateFile = files.certificateFile().orElseThrow();
    Path keyFile = files.certificateKeyFile().orElseThrow();
    Certificate[] chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    char[] password = randomPassword();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory;
    } catch (GeneralSecurityException | IOException e) {
      throw new StartupException(keyFile + ": the key does not fit the certificate of " + certificateFile + ": "
          + e.getMessage());
    }
  }

  private static Certificate[] certificates(Path file) throws StartupException {
    try (InputStream in = Files.newInputStream(file)) {
      Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in)
          .toArray(Certificate[]::new);
      if (chain.length == 0) {
        throw new StartupException(file + ": no certificate (expected PEM, -----BEGIN CERTIFICATE-----)");
      }
      return chain;
    } catch (IOException e) {
      throw new StartupException("cannot read TLSCertificateFile " + file + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new StartupException(file + ": not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) throws StartupException {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new StartupException("cannot read TLSCertificateKeyFile " + file + ": " + e.getMessage());
    }
    Matcher matcher = PEM_KEY.matcher(pem);
    if (!matcher.find()) {
      throw new StartupException(file + ": no private key (expected PEM, -----BEGIN PRIVATE KEY-----)");
    }
    if (!matcher.group(1).isEmpty()) {
      throw new StartupException(file + ": a \"" + matcher.group(1) + "PRIVATE KEY\" is not supported: convert it "
          + "to unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
    }
    byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm: PKCS#8 names it inside, but the JDK wants it named up front.
      }
    }
    throw new StartupException(file + ": not an RSA, EC or EdDSA private key");
  }

  /** The in-memory store's password: it protects nothing, but the key store API needs one. */
  private static char[] randomPassword() {
    return Long.toHexString(new SecureRandom().nextLong()).toCharArray();
  }
}

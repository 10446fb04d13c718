package io.mdbldap.server;

import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.ROOT_PW;
import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ldaps:// and StartTLS with a certificate and key in PEM, generated here with {@code openssl}: OpenLDAP's clients
 * ({@code ldapsearch -ZZ}, {@code ldaps://} with {@code LDAPTLS_CACERT}) and the UnboundID SDK with a trust store
 * holding only that certificate; TLS 1.1 refused; {@code security simple_bind=1} refusing simple binds in clear text.
 */
class TlsTest {
  @TempDir
  static Path directory;
  static Path certificate;
  static Path key;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(onPath("openssl") && onPath("ldapsearch"),
        "openssl or ldap-utils is not installed: skipping the TLS tests");
    certificate = directory.resolve("server.crt");
    key = directory.resolve("server.key");
    Run generated = run(Map.of(), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", key.toString(), "-out", certificate.toString());
    assertEquals(0, generated.exit, generated.err);
    server = TestServer.start(directory.resolve("server"), conf -> tls(conf, "security simple_bind=1\n")
        .replace("listen ldap://127.0.0.1:0", "listen ldap://127.0.0.1:0 ldaps://127.0.0.1:0"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ldapsearchWithStartTlsAndLdaps() throws Exception {
    Map<String, String> trust = Map.of("LDAPTLS_CACERT", certificate.toString(), "LDAPTLS_REQCERT", "demand");
    Run startTls = run(trust, "ldapsearch", "-ZZ", "-x", "-LLL", "-H", server.url(), "-D", USER_DN, "-w", USER_PW,
        "-b", USER_DN, "-s", "base", "uid");
    assertEquals(0, startTls.exit, startTls.err);
    assertTrue(startTls.out.contains("uid: jdoe"), startTls.out);
    Run ldaps = run(trust, "ldapsearch", "-x", "-LLL", "-H", ldapsUrl(), "-D", ROOT_DN, "-w", ROOT_PW,
        "-b", USER_DN, "-s", "base", "userPassword");
    assertEquals(0, ldaps.exit, ldaps.err);
    assertTrue(ldaps.out.contains("userPassword:: "), ldaps.out);
    // A client that does not trust the certificate must not get through.
    Run untrusted = run(Map.of("LDAPTLS_REQCERT", "demand", "LDAPTLS_CACERT", "/dev/null"), "ldapsearch", "-x",
        "-H", ldapsUrl(), "-b", SUFFIX, "-s", "base");
    assertNotEquals(0, untrusted.exit, untrusted.out);
  }

  @Test
  void unboundIdWithATrustStore() throws Exception {
    SSLUtil ssl = new SSLUtil(trusting(certificate).getTrustManagers());
    try (LDAPConnection ldaps = new LDAPConnection(ssl.createSSLSocketFactory(), "127.0.0.1", ldapsPort())) {
      ldaps.bind(USER_DN, USER_PW);
      assertEquals(1, ldaps.search(USER_DN, SearchScope.BASE, "(objectClass=*)").getEntryCount());
    }
    try (LDAPConnection plain = server.connect()) {
      ExtendedResult started = plain.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
      assertEquals(ResultCode.SUCCESS, started.getResultCode());
      plain.bind(ROOT_DN, ROOT_PW);
    }
  }

  @Test
  void simpleBindsInClearTextAreRefusedWhenConfigured() throws Exception {
    try (LDAPConnection plain = server.connect()) {
      LDAPException refused = assertThrows(LDAPException.class, () -> plain.bind(USER_DN, USER_PW));
      assertEquals(ResultCode.CONFIDENTIALITY_REQUIRED, refused.getResultCode());
      // Anonymous reads stay allowed.
      assertEquals(1, plain.search(USER_DN, SearchScope.BASE, "(objectClass=*)").getEntryCount());
    }
  }

  @Test
  void onlyTls12AndTls13AreNegotiated() throws Exception {
    String address = "127.0.0.1:" + ldapsPort();
    Run tls12 = run(Map.of(), "openssl", "s_client", "-connect", address, "-tls1_2", "-CAfile", certificate.toString());
    assertEquals(0, tls12.exit, tls12.err);
    assertTrue(tls12.out.contains("Protocol  : TLSv1.2") || tls12.out.contains("TLSv1.2"), tls12.out);
    Run tls11 = run(Map.of(), "openssl", "s_client", "-connect", address, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertNotEquals(0, tls11.exit, tls11.out);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, trusting(certificate).getTrustManagers(), null);
    SSLSocketFactory factory = client.getSocketFactory();
    try (var socket = (javax.net.ssl.SSLSocket) factory.createSocket("127.0.0.1", ldapsPort())) {
      socket.startHandshake();
      assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(socket.getSession().getProtocol()));
    }
  }

  @Test
  void aTraditionalRsaKeyIsRefusedWithTheCommandToConvertIt() throws Exception {
    Path traditional = directory.resolve("rsa.key");
    Run converted = run(Map.of(), "openssl", "rsa", "-in", key.toString(), "-traditional", "-out",
        traditional.toString());
    assertEquals(0, converted.exit, converted.err);
    StartupException refused = assertThrows(StartupException.class, () -> TestServer.start(
        directory.resolve("rsa"), conf -> tls(conf, "").replace(key.toString(), traditional.toString())));
    assertTrue(refused.getMessage().contains("openssl pkcs8 -topk8 -nocrypt -in " + traditional),
        refused.getMessage());
  }

  private static String tls(String conf, String more) {
    return "TLSCertificateFile " + certificate + "\nTLSCertificateKeyFile " + key + "\n" + more + conf;
  }

  private static int ldapsPort() {
    return server.server().localAddresses().get(1).getPort();
  }

  private static String ldapsUrl() {
    return "ldaps://127.0.0.1:" + ldapsPort();
  }

  private static TrustManagerFactory trusting(Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  private static boolean onPath(String program) {
    return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** Runs a program with extra environment variables, no input, and collects its exit code and output. */
  private static Run run(Map<String, String> environment, String... command) throws IOException,
      InterruptedException {
    Path out = Files.createTempFile(directory, "out", ".txt");
    Path err = Files.createTempFile(directory, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exit, String out, String err) {}
}

package io.mdbldap.server.interop;

import static io.mdbldap.server.interop.ShippedConf.ROOT_DN;
import static io.mdbldap.server.interop.ShippedConf.ROOT_PW;
import static io.mdbldap.server.interop.ShippedConf.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords never reach the log, even at {@code loglevel any}, where ApacheDS and MINA log at TRACE: a process
 * serves adds, modifies, Password Modify and binds carrying known clear-text passwords, and its whole output is
 * searched for them.
 */
class NoPasswordInLogsTest {
  private static final String[] SECRETS = {"Added-Secret-1", "Replaced-Secret-2", "PwdModify-Secret-3",
      "Wrong-Secret-4"};

  @TempDir
  Path directory;

  @Test
  void clearTextPasswordsAreNotLoggedAtAnyLevel() throws Exception {
    Path conf = ShippedConf.copyTo(directory, text -> text.replaceFirst("(?m)^loglevel\\s.*$", "loglevel any"));
    String user = "uid=logged,ou=People," + SUFFIX;
    try (ServeProcess server = ServeProcess.start(conf, "-l", conf.resolveSibling("example.ldif").toString())) {
      try (LDAPConnection root = server.connect()) {
        root.bind(ROOT_DN, ROOT_PW);
        root.add(user, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "logged"),
            new Attribute("cn", "Logged"), new Attribute("sn", "Logged"), new Attribute("userPassword", SECRETS[0]));
        root.modify(user, new Modification(ModificationType.REPLACE, "userPassword", SECRETS[1]));
        root.processExtendedOperation(new PasswordModifyExtendedRequest(user, null, SECRETS[2]));
      }
      try (LDAPConnection self = server.connect()) {
        self.bind(user, SECRETS[2]);
        LDAPException wrong = null;
        try {
          self.bind(user, SECRETS[3]);
        } catch (LDAPException e) {
          wrong = e;
        }
        assertTrue(wrong != null, "a wrong password must not bind");
      }
      String output = server.output();
      assertTrue(output.contains(" DEBUG "), "the server must log in detail:\n" + output);
      for (String secret : SECRETS) {
        assertNotLogged(output, secret);
        assertNotLogged(output, hex(secret));
      }
    }
  }

  private static void assertNotLogged(String output, String secret) {
    assertFalse(output.contains(secret), () -> secret + " is in the log:\n" + output.lines()
        .filter(line -> line.contains(secret)).reduce("", (a, b) -> a + b + "\n"));
  }

  /** As ApacheDS's decoders print bytes: {@code 0x41 0x64 ...}. */
  private static String hex(String secret) {
    StringBuilder hex = new StringBuilder();
    for (byte b : secret.getBytes(StandardCharsets.UTF_8)) {
      hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%02X", b));
    }
    return hex.toString();
  }
}

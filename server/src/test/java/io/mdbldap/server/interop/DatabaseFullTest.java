package io.mdbldap.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.server.MdbLdapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that reaches its {@code maxsize} (issue #6): adds are refused with
 * {@code unwillingToPerform}, "database full", and nothing half-written; reads go on; after
 * {@code maxsize} is raised and the server restarted on the same files, writes succeed again and
 * every entry acknowledged before is there.
 */
class DatabaseFullTest {
  private static final String FILLER = "x".repeat(4000);

  @TempDir
  Path directory;

  @Test
  void fullDatabaseRefusesWritesKeepsReadingAndAcceptsWritesOnceRaised() throws Exception {
    Path conf = ShippedConf.copyTo(directory, text -> text
        .replaceFirst("(?m)^maxsize\\s.*$", "maxsize 2m")
        .replaceFirst("(?m)^listen\\s.*$", "listen ldap://127.0.0.1:0"));
    int added;
    try (MdbLdapServer server = MdbLdapServer.start(ConfigParser.parse(conf));
        LDAPConnection root = rootConnection(server)) {
      root.add("dn: " + ShippedConf.SUFFIX, "objectClass: dcObject", "objectClass: organization", "dc: example",
          "o: Example");
      added = fillUntilFull(root);
      assertTrue(added > 10, "only " + added + " entries fitted in 2 MiB");
      assertEquals(added, countFillers(root), "a read after the database filled up");
      // An entry smaller than the one refused, or pages freed by an update, may still fit: most must not.
      int more = 0;
      for (int n = 0; n < 20; n++) {
        more += addFiller(root, "after-full-" + n) == ResultCode.SUCCESS ? 1 : 0;
      }
      assertTrue(more < 5, more + " of 20 adds succeeded in a full database");
      added += more;
      assertEquals(added, countFillers(root), "reads after more refused adds");
    }
    Files.writeString(conf, Files.readString(conf).replaceFirst("(?m)^maxsize\\s.*$", "maxsize 16m"));
    try (MdbLdapServer server = MdbLdapServer.start(ConfigParser.parse(conf));
        LDAPConnection root = rootConnection(server)) {
      assertEquals(added, countFillers(root), "after the restart with a larger maxsize");
      for (int n = 0; n < 10; n++) {
        assertEquals(ResultCode.SUCCESS, addFiller(root, "raised-" + n), "an add after maxsize was raised");
      }
      assertEquals(added + 10, countFillers(root));
    }
  }

  /** Adds entries of about 4 KB until one is refused, which must be for the database being full. */
  private static int fillUntilFull(LDAPConnection root) throws LDAPException {
    for (int n = 0; n < 10_000; n++) {
      ResultCode result = addFiller(root, "filler-" + n);
      if (result != ResultCode.SUCCESS) {
        assertEquals(ResultCode.UNWILLING_TO_PERFORM, result, "the add that did not fit");
        return n;
      }
    }
    throw new AssertionError("10,000 entries of 4 KB fitted in a 2 MiB database");
  }

  private static ResultCode addFiller(LDAPConnection root, String uid) {
    try {
      root.add("uid=" + uid + "," + ShippedConf.SUFFIX, new Attribute("objectClass", "inetOrgPerson"),
          new Attribute("uid", uid), new Attribute("cn", uid), new Attribute("sn", "Filler"),
          new Attribute("description", FILLER));
      return ResultCode.SUCCESS;
    } catch (LDAPException e) {
      if (e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM) {
        assertTrue(e.getDiagnosticMessage().contains("database full"), e.getDiagnosticMessage());
      }
      return e.getResultCode();
    }
  }

  private static int countFillers(LDAPConnection root) throws LDAPException {
    return root.search(ShippedConf.SUFFIX, SearchScope.ONE, "(sn=Filler)", "1.1").getEntryCount();
  }

  private static LDAPConnection rootConnection(MdbLdapServer server) throws LDAPException {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", server.localAddresses().get(0).getPort());
    connection.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
    return connection;
  }
}

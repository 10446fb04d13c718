package io.mdbldap.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.embedded.EmbeddedDirectory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Three annotated test classes run at once, through JUnit's own launcher with parallel classes:
 * each must get its own directory, and the same writes in each must not collide.
 */
class EmbeddedLdapParallelTest {
  private static final int CLASSES = 3;
  static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();
  static final CyclicBarrier ALL_RUNNING = new CyclicBarrier(CLASSES);

  @Test
  void parallelClassesEachHaveTheirOwnDirectory() {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(FirstCase.class), selectClass(SecondCase.class), selectClass(ThirdCase.class))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(CLASSES))
        .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.getFailures().forEach(failure -> failure.getException().printStackTrace());
    assertEquals(CLASSES * 2, summary.getTestsSucceededCount(), "tests succeeded");
    assertEquals(0, summary.getTotalFailureCount());
    assertEquals(CLASSES, PORTS.size(), "distinct ports " + PORTS);
  }

  /** The same test in every class: all add the same entry, and see only their own. */
  abstract static class SameWrites {
    @Test
    void addsTheSameEntryAsTheOthers(EmbeddedDirectory directory, LDAPConnection connection) throws Exception {
      PORTS.add(directory.port());
      ALL_RUNNING.await(60, TimeUnit.SECONDS);
      connection.add("dn: uid=same,ou=People,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: same",
          "cn: Same", "sn: S");
      assertEquals(1, connection.search("dc=example,dc=com", SearchScope.SUB, "(uid=same)").getEntryCount());
    }

    @Test
    void seesTheFixtureAgain(LDAPConnection connection) throws Exception {
      assertEquals(6, connection.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)").getEntryCount());
    }
  }

  @EmbeddedLdap(ldif = "/embedded/people.ldif")
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
  static class FirstCase extends SameWrites {}

  @EmbeddedLdap(ldif = "/embedded/people.ldif")
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
  static class SecondCase extends SameWrites {}

  @EmbeddedLdap(ldif = "/embedded/people.ldif")
  @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
  static class ThirdCase extends SameWrites {}
}

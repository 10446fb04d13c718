package io.mdbldap.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.mdbldap.server.embedded.JvmFlags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Without the add-opens flags, an annotated class fails at once, saying which argLine to add. */
class JvmFlagsTest {

  @Test
  void withoutTheFlagsTheExtensionFailsAtOnceWithTheArgLine() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        JvmFlagsTest.class.getName()).redirectErrorStream(true).start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ends");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("FAILED: "), output);
    assertTrue(output.contains("<argLine>" + JvmFlags.ARG_LINE + "</argLine>"), output);
  }

  /** Runs in the child JVM, without the flags: runs {@link NeedsLdapCase}, prints its failure. */
  public static void main(String[] args) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(NeedsLdapCase.class)).build(), listener);
    List<Throwable> failures = listener.getSummary().getFailures().stream().map(f -> f.getException()).toList();
    failures.forEach(failure -> System.out.println("FAILED: " + failure.getMessage()));
    System.out.println("started: " + NeedsLdapCase.started);
  }

  /** Never gets its directory without the flags. */
  @EmbeddedLdap
  static class NeedsLdapCase {
    static boolean started;

    @Test
    void needsTheDirectory() {
      started = true;
    }
  }
}

package io.mdbldap.store.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MdbEnv#loadLibraryInBackground()} in a JVM of its own, where lmdbjava is not loaded yet
 * (in the test JVM another test has loaded it already): an environment opened while the library
 * is still loading on the other thread waits for it and works, and without the JVM flags the open
 * still names them.
 */
class LibraryLoadingTest {
  @TempDir Path dir;

  /** Starts the loading, opens an environment at once, writes and reads a record. */
  public static void main(String[] args) {
    MdbEnv.loadLibraryInBackground();
    try (MdbEnv env = MdbEnv.open(Path.of(args[0]), 1 << 20, 1 << 22, 8, false, false)) {
      System.out.print("pages of " + env.pageSize());
    } catch (RuntimeException e) {
      System.out.print(e.getMessage());
    }
  }

  @Test
  void anOpenDuringTheLoadingWaitsForIt() throws Exception {
    String out = runMain(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
    assertEquals("pages of 4096", out);
  }

  @Test
  void withoutTheJvmFlagsTheOpenStillNamesThem() throws Exception {
    String out = runMain(List.of());
    assertTrue(out.contains("--add-opens java.base/java.nio=ALL-UNNAMED"), out);
  }

  private String runMain(List<String> flags) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), getClass().getName(), dir.toString()));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not end");
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}

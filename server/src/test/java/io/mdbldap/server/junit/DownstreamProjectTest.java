package io.mdbldap.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.server.embedded.JvmFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downstream Maven project (src/test/resources/downstream) that declares io.mdbldap:server as
 * a test dependency and the argLine, as the README says, builds and runs its embedded-directory
 * test green; with the argLine missing, it fails with the message naming it.
 *
 * <p>The downstream build resolves the io.mdbldap artifacts of this build, packed from the
 * reactor's classes into a local repository of its own, and everything else read-only from the
 * machine's repository (linked in), offline: nothing is installed into the shared repository.
 */
class DownstreamProjectTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> MODULES = List.of("mdb-store", "conf", "ldap-backend", "ldif", "server");
  /** This build's local repository (the pom passes it), else Maven's default. */
  private static final Path SHARED_REPOSITORY = Path.of(System.getProperty("maven.repo.local",
      Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
  private static final String VERSION = System.getProperty("mdbldap.version", "0.1.0-SNAPSHOT");

  @Test
  void aDownstreamProjectRunsItsEmbeddedTestGreenAndFailsClearlyWithoutTheArgLine(@TempDir Path dir)
      throws Exception {
    Path repository = repository(dir.resolve("repository"));
    Path project = copyProject(dir.resolve("project"));

    Build green = maven(project, repository);
    assertEquals(0, green.exitCode(), green.output());
    assertTrue(green.output().contains("Tests run: 2, Failures: 0, Errors: 0"), green.output());
    assertTrue(green.output().contains("DOWNSTREAM-URL ldap://127.0.0.1:"), green.output());

    Build noFlags = maven(project, repository, "-Dlmdb.argLine=-Dno.flags=true");
    assertTrue(noFlags.exitCode() != 0, noFlags.output());
    assertTrue(noFlags.output().contains("<argLine>" + JvmFlags.ARG_LINE + "</argLine>"), noFlags.output());
  }

  private record Build(int exitCode, String output) {}

  private static Build maven(Path project, Path repository, String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-o", "-Dmaven.repo.local=" + repository,
        "-Dsurefire.useFile=false", "-DtrimStackTrace=true", "test"));
    command.addAll(List.of(extra));
    Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    byte[] output = maven.getInputStream().readAllBytes();
    assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "the downstream build ends");
    return new Build(maven.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static Path copyProject(Path target) throws Exception {
    Path source = Path.of(DownstreamProjectTest.class.getResource("/downstream/pom.xml").toURI()).getParent();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.writeString(copy, Files.readString(file).replace("@MDBLDAP_VERSION@", VERSION));
        }
      }
    }
    return target;
  }

  /**
   * A local repository holding this build's io.mdbldap artifacts, with every other group linked
   * to the shared repository (offline builds only read there).
   */
  private static Path repository(Path repository) throws IOException {
    Files.createDirectories(repository);
    linkAllBut(SHARED_REPOSITORY, repository, "io");
    linkAllBut(SHARED_REPOSITORY.resolve("io"), repository.resolve("io"), "mdbldap");
    Path ours = repository.resolve("io").resolve("mdbldap");
    put(ours, "mdbldap", ROOT.resolve("pom.xml"), null);
    for (String module : MODULES) {
      Path classes = ROOT.resolve(module).resolve("target").resolve("classes");
      assertTrue(Files.isDirectory(classes), classes + " is built (run with the reactor: -pl server -am)");
      put(ours, module, ROOT.resolve(module).resolve("pom.xml"), classes);
    }
    return repository;
  }

  private static void linkAllBut(Path shared, Path target, String except) throws IOException {
    Files.createDirectories(target);
    if (!Files.isDirectory(shared)) {
      return;
    }
    try (Stream<Path> entries = Files.list(shared)) {
      for (Path entry : entries.toList()) {
        if (!entry.getFileName().toString().equals(except)) {
          Files.createSymbolicLink(target.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
  }

  /** Lays out {@code artifact}'s pom, and its classes as a jar, as {@code mvn install} would. */
  private static void put(Path group, String artifact, Path pom, Path classes) throws IOException {
    Path dir = Files.createDirectories(group.resolve(artifact).resolve(VERSION));
    String base = artifact + "-" + VERSION;
    Files.copy(pom, dir.resolve(base + ".pom"));
    if (classes != null) {
      ToolProvider jar = ToolProvider.findFirst("jar").orElseThrow();
      int rc = jar.run(System.out, System.err, "--create", "--file", dir.resolve(base + ".jar").toString(),
          "-C", classes.toString(), ".");
      assertEquals(0, rc, "jar of " + classes);
    }
  }
}

package io.mdbldap.server.embedded;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags lmdbjava needs on Java 17+. Without them {@code Env.create()} fails deep inside
 * lmdbjava with an {@code InaccessibleObjectException} that does not say what to do; this check
 * fails first and names the flags, as the build tools take them.
 */
public final class JvmFlags {
  /** The flags, as one surefire/failsafe {@code argLine}. */
  public static final String ARG_LINE =
      "--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED";

  private JvmFlags() {}

  /**
   * Checks that {@code java.nio} is open, and {@code sun.nio.ch} open or exported, to this code.
   *
   * @throws IllegalStateException naming the missing flags and how to add them
   */
  public static void requireLmdbAccess() {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(message(missing));
    }
  }

  private static List<String> missing() {
    Module base = Object.class.getModule();
    Module self = JvmFlags.class.getModule();
    List<String> missing = new ArrayList<>();
    if (!base.isOpen("java.nio", self)) {
      missing.add("--add-opens java.base/java.nio=ALL-UNNAMED");
    }
    // lmdbjava only casts to sun.nio.ch.DirectBuffer: an export is enough there.
    if (!base.isExported("sun.nio.ch", self)) {
      missing.add("--add-opens java.base/sun.nio.ch=ALL-UNNAMED");
    }
    return missing;
  }

  private static String message(List<String> missing) {
    return "the embedded LDAP directory stores its data with lmdbjava, which needs JVM flags this JVM "
        + "was started without: " + String.join(" ", missing) + ".\n"
        + "Maven: add to the maven-surefire-plugin (and maven-failsafe-plugin) configuration\n"
        + "    <argLine>" + ARG_LINE + "</argLine>\n"
        + "(if an argLine is already there, such as JaCoCo's @{argLine}, append the flags to it).\n"
        + "Gradle: tasks.test { jvmArgs(\"--add-opens\", \"java.base/java.nio=ALL-UNNAMED\", "
        + "\"--add-opens\", \"java.base/sun.nio.ch=ALL-UNNAMED\") }";
  }
}

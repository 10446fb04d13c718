package io.mdbldap.server.junit;

import io.mdbldap.server.StartupException;
import io.mdbldap.server.embedded.EmbeddedDirectory;
import io.mdbldap.server.embedded.EmbeddedDirectoryBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Starts the directory an {@link EmbeddedLdap} annotation describes. */
final class AnnotatedDirectory {
  private static final String FILE = "file:";

  private AnnotatedDirectory() {}

  static EmbeddedDirectory start(EmbeddedLdap settings, String where) {
    try {
      return builder(settings, where).start();
    } catch (StartupException e) {
      throw new ExtensionConfigurationException("@EmbeddedLdap on " + where + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddedDirectoryBuilder builder(EmbeddedLdap settings, String where) {
    EmbeddedDirectoryBuilder builder = EmbeddedDirectory.builder().suffix(settings.suffix())
        .password(settings.password());
    if (!settings.rootDn().isEmpty()) {
      builder.rootDn(settings.rootDn());
    }
    for (String ldif : settings.ldif()) {
      if (ldif.startsWith(FILE)) {
        builder.ldif(Path.of(ldif.substring(FILE.length())));
      } else {
        builder.ldif(ldif);
      }
    }
    for (String schema : settings.schema()) {
      if (schema.startsWith(FILE)) {
        builder.schema(Path.of(schema.substring(FILE.length())));
      } else {
        builder.schema(schema);
      }
    }
    for (String index : settings.index()) {
      addIndex(builder, index, where);
    }
    if (settings.ldaps()) {
      builder.ldaps(0);
    }
    return builder;
  }

  /** {@code "uid,mail eq,sub"}: attributes, then kinds, as slapd.conf writes them. */
  private static void addIndex(EmbeddedDirectoryBuilder builder, String index, String where) {
    String[] parts = index.trim().split("\\s+");
    if (parts.length != 2) {
      throw new ExtensionConfigurationException("@EmbeddedLdap on " + where + ": index \"" + index
          + "\" is not \"<attr>[,<attr>...] <kind>[,<kind>...]\"");
    }
    for (String attribute : parts[0].split(",")) {
      builder.index(attribute, parts[1].split(","));
    }
  }
}

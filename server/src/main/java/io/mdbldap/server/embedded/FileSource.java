package io.mdbldap.server.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A fixture or schema file given to the builder: a file, or a resource of the class path (looked
 * up when it is read, with the class loader current when it was given).
 */
final class FileSource {
  private final String name;
  private final Path file;
  private final ClassLoader loader;

  private FileSource(String name, Path file, ClassLoader loader) {
    this.name = name;
    this.file = file;
    this.loader = loader;
  }

  static FileSource of(Path file) {
    return new FileSource(file.toString(), Objects.requireNonNull(file, "file"), null);
  }

  /** A class path resource, {@code "/fixtures/people.ldif"} or {@code "fixtures/people.ldif"}. */
  static FileSource resource(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String path = Objects.requireNonNull(name, "resource").startsWith("/") ? name.substring(1) : name;
    return new FileSource("classpath:" + path, null, loader != null ? loader : FileSource.class.getClassLoader());
  }

  /** For messages: the path, or {@code classpath:} and the resource name. */
  String name() {
    return name;
  }

  /** The last part of the name, such as {@code people.ldif}. */
  String fileName() {
    return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
  }

  InputStream open() throws IOException {
    if (file != null) {
      return Files.newInputStream(file);
    }
    InputStream in = loader.getResourceAsStream(name.substring("classpath:".length()));
    if (in == null) {
      throw new NoSuchFileException(name, null, "no such resource on the class path");
    }
    return in;
  }

  byte[] bytes() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

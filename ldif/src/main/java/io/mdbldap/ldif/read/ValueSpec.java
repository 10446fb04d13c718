package io.mdbldap.ldif.read;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The value part of an LDIF line, after the attribute description's colon (RFC 2849
 * {@code value-spec}): {@code ": text"}, {@code ":: base64"} or {@code ":< file:///url"}.
 * Failures are {@link IllegalArgumentException}s whose message the caller locates.
 */
final class ValueSpec {
  private final String text;
  private final int start;
  private final char kind;

  /**
   * @param line the logical line
   * @param colon the index of the colon that ends the attribute description
   */
  ValueSpec(String line, int colon) {
    this.text = line;
    char next = colon + 1 < line.length() ? line.charAt(colon + 1) : ' ';
    this.kind = next == ':' || next == '<' ? next : ' ';
    this.start = skipSpaces(line, kind == ' ' ? colon + 1 : colon + 2);
  }

  /** Whether the value came as bytes (base64 or a file) rather than as text. */
  boolean isBytes() {
    return kind != ' ';
  }

  /** The value as written, for a plain value; leading spaces are not part of it. */
  String plain() {
    return text.substring(start);
  }

  /** The value's bytes: decoded base64, a file's contents, or a plain value in UTF-8. */
  byte[] bytes() {
    switch (kind) {
      case ':':
        return base64();
      case '<':
        return file();
      default:
        return plain().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The value as text: a plain value, or bytes that must be valid UTF-8. */
  String string() {
    if (!isBytes()) {
      return plain();
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the value is not valid UTF-8, but the attribute's syntax is text");
    }
  }

  private byte[] base64() {
    String encoded = text.substring(start).strip();
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid base64 value \"" + Abbreviate.of(encoded) + "\": " + e.getMessage());
    }
  }

  private byte[] file() {
    String url = text.substring(start).strip();
    try {
      URI uri = new URI(url);
      if (!"file".equalsIgnoreCase(uri.getScheme()) || uri.isOpaque()) {
        throw new IllegalArgumentException("unsupported URL \"" + url + "\": only absolute file:/// URLs can be read");
      }
      return Files.readAllBytes(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL \"" + url + "\": " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read \"" + url + "\": " + e);
    }
  }

  private static int skipSpaces(String s, int from) {
    int i = Math.min(from, s.length());
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}

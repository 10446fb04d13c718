package io.mdbldap.store.index;

import java.nio.charset.StandardCharsets;

/**
 * Where {@link AttributeIndex#valueKeys} puts the keys it derives: a set of wrapped arrays for an
 * update, or the packed keys of a bulk load, which take a key's text straight into their array.
 */
@FunctionalInterface
public interface KeySink {
  /** Takes one finished key. */
  void add(byte[] key);

  /**
   * Takes the key of kind {@code kind} for {@code s[from..to)}, as {@link IndexKeys} builds it: by
   * default built as an array first.
   */
  default void add(byte kind, String s, int from, int to) {
    add(IndexKeys.prefixed(kind, s, from, to));
  }

  /** As {@link #add(byte, String, int, int)}, for a value of ASCII characters given as bytes. */
  default void add(byte kind, byte[] ascii, int from, int to) {
    add(IndexKeys.prefixed(kind, ascii, from, to));
  }

  /**
   * {@code s} in UTF-8, which the equality and the substring keys of one value both start from: a
   * sink may keep the last one, so that a value indexed both ways is encoded once.
   */
  default byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package io.mdbldap.ldif.read;

/** Shortens input quoted in error messages, so one bad line cannot flood the terminal. */
final class Abbreviate {
  private static final int MAX = 60;

  private Abbreviate() {}

  static String of(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
  }
}

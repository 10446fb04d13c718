package io.mdbldap.server.access.acl;

import java.util.Locale;
import java.util.Optional;

/**
 * The access levels of slapd.access(5), weakest first. Each level includes all those before it: {@code read}
 * access allows searching, comparing and binding too.
 */
public enum AccessLevel {
  /** No access at all. */
  NONE,
  /** Enough to learn that the entry exists, through error codes. */
  DISCLOSE,
  /** Use the attribute to authenticate (a bind with userPassword). */
  AUTH,
  /** Compare a value of the attribute. */
  COMPARE,
  /** Use the attribute in a search filter. */
  SEARCH,
  /** See the attribute's values in results. */
  READ,
  /** Change the attribute, or add, delete and rename entries. */
  WRITE,
  /** Everything, administrative changes included. */
  MANAGE;

  /** Whether this level includes {@code needed}. */
  public boolean allows(AccessLevel needed) {
    return compareTo(needed) >= 0;
  }

  /** The level named {@code name} as slapd.conf writes it ({@code read}, {@code write}...), if it is one. */
  public static Optional<AccessLevel> named(String name) {
    for (AccessLevel level : values()) {
      if (level.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}

package io.mdbldap.server.access.acl;

import java.util.Objects;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * What in an entry access is asked for: an attribute, or one of slapd's pseudo-attributes {@code entry} (the entry
 * itself: reading it at all, adding, deleting or renaming it) and {@code children} (adding, deleting or renaming
 * entries below it). Immutable.
 *
 * @param type the attribute type, null for a pseudo-attribute
 * @param pseudo {@code entry} or {@code children}, null for an attribute
 */
public record Subject(AttributeType type, String pseudo) {
  /** The entry itself. */
  public static final Subject ENTRY = new Subject(null, "entry");
  /** The entries below the entry. */
  public static final Subject CHILDREN = new Subject(null, "children");

  /** Checks that exactly one of the two is set. */
  public Subject {
    if ((type == null) == (pseudo == null)) {
      throw new IllegalArgumentException("a subject is an attribute type or a pseudo-attribute");
    }
  }

  /** An attribute of the entry. */
  public static Subject of(AttributeType type) {
    return new Subject(Objects.requireNonNull(type, "type"), null);
  }
}

package io.mdbldap.ldif.write;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Writes entries as LDIF content records (RFC 2849), the way slapcat does, so the output loads
 * into OpenLDAP's slapadd as well as ours: no {@code version:} line (slapadd refuses it), a blank
 * line after each entry, lines folded at 76 columns.
 *
 * <p>A value is written as text only if it is an RFC 2849 SAFE-STRING (ASCII, not starting with a
 * space, colon or less-than sign, without NUL, CR or LF) and does not end with a space; otherwise
 * as base64, as are all values of binary syntaxes (userPassword, certificates, photos), so bytes
 * round-trip exactly. Not thread-safe.
 */
public final class LdifWriter {
  /** RFC 2849's recommended maximum line length. */
  public static final int WIDTH = 76;

  private final Writer out;
  private final StringBuilder record = new StringBuilder(1024);

  public LdifWriter(Writer out) {
    this.out = out;
  }

  /**
   * Writes one entry: its DN, then, as slapcat orders them, objectClass, the other user
   * attributes and the operational attributes, each group in the order the entry holds them.
   */
  public void write(Entry entry) throws IOException {
    record.setLength(0);
    line("dn", entry.getDn().getName());
    for (Group group : Group.values()) {
      for (Attribute attribute : entry) {
        if (Group.of(attribute) == group) {
          values(attribute);
        }
      }
    }
    record.append('\n');
    out.write(record.toString());
  }

  /** The order attributes are written in. */
  private enum Group {
    OBJECT_CLASS, USER, OPERATIONAL;

    static Group of(Attribute attribute) {
      AttributeType type = attribute.getAttributeType();
      if (type != null && SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid())) {
        return OBJECT_CLASS;
      }
      return type == null || type.isUser() ? USER : OPERATIONAL;
    }
  }

  private void values(Attribute attribute) {
    for (Value value : attribute) {
      if (value.isHumanReadable()) {
        line(attribute.getUpId(), value.getString());
      } else {
        base64Line(attribute.getUpId(), value.getBytes());
      }
    }
  }

  public void flush() throws IOException {
    out.flush();
  }

  private void line(String description, String text) {
    if (isSafe(text)) {
      fold(description + ": " + text);
    } else {
      base64Line(description, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void base64Line(String description, byte[] bytes) {
    fold(description + ":: " + Base64.getEncoder().encodeToString(bytes));
  }

  /** Appends {@code line}, folded: each continuation line starts with one space. */
  private void fold(String line) {
    int end = Math.min(WIDTH, line.length());
    record.append(line, 0, end).append('\n');
    while (end < line.length()) {
      int next = Math.min(end + WIDTH - 1, line.length());
      record.append(' ').append(line, end, next).append('\n');
      end = next;
    }
  }

  /** RFC 2849 SAFE-STRING, and no trailing space (which the RFC says to encode too). */
  static boolean isSafe(String s) {
    if (s.isEmpty()) {
      return true;
    }
    char first = s.charAt(0);
    if (first == ' ' || first == ':' || first == '<' || s.charAt(s.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c == '\r' || c == '\n' || c > 0x7F) {
        return false;
      }
    }
    return true;
  }
}

package io.mdbldap.store.update;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapAttributeInUseException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchAttributeException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.util.Strings;
import org.lmdbjava.Txn;

/**
 * Applies modifications (add, delete, replace, increment) to one entry, all or none, and updates
 * the indices for exactly the keys that changed.
 */
public final class ModifyOp {
  private final Tables t;
  private final DnResolver resolver;

  public ModifyOp(Tables tables) {
    this.t = tables;
    this.resolver = new DnResolver(tables);
  }

  public Entry modify(Dn given, List<Modification> mods) throws LdapException {
    Dn dn = resolver.normalize(given);
    return t.env().write(w -> {
      Txn<ByteBuffer> txn = w.txn();
      long id = resolver.require(txn, dn);
      byte[] bytes = t.id2entry().get(txn, id);
      Entry before = t.codec().decode(bytes, dn);
      Entry after = before.clone();
      for (Modification mod : mods) {
        apply(after, mod);
      }
      t.id2entry().replace(txn, id, t.codec().encode(w, after));
      t.indices().update(txn, id, t.indices().keys(before), t.indices().keys(after));
      return after;
    });
  }

  /** Applies one modification to {@code entry}, with the result codes RFC 4511 gives. */
  static void apply(Entry entry, Modification mod) throws LdapException {
    Attribute change = mod.getAttribute();
    AttributeType type = typeOf(entry, change);
    switch (mod.getOperation()) {
      case ADD_ATTRIBUTE -> add(entry, type, change);
      case REMOVE_ATTRIBUTE -> remove(entry, type, change);
      case REPLACE_ATTRIBUTE -> replace(entry, type, change);
      case INCREMENT_ATTRIBUTE -> increment(entry, type, change);
      default -> throw new LdapInvalidAttributeValueException(ResultCodeEnum.PROTOCOL_ERROR,
          "unknown modification " + mod.getOperation());
    }
  }

  private static AttributeType typeOf(Entry entry, Attribute change) throws LdapException {
    if (change.getAttributeType() != null) {
      return change.getAttributeType();
    }
    return entry.get(change.getUpId()) != null ? entry.get(change.getUpId()).getAttributeType()
        : new DefaultAttribute(change.getUpId()).getAttributeType();
  }

  private static void add(Entry entry, AttributeType type, Attribute change) throws LdapException {
    Attribute current = entry.get(type);
    if (current == null) {
      entry.put(withValues(change, type));
      return;
    }
    for (Value v : change) {
      if (current.add(typed(type, v)) == 0) {
        throw new LdapAttributeInUseException("attribute " + change.getUpId() + " already has value \""
            + v + "\" in " + entry.getDn().getName());
      }
    }
  }

  /** A new attribute of {@code type} holding the change's values. */
  private static Attribute withValues(Attribute change, AttributeType type) throws LdapException {
    Attribute fresh = new DefaultAttribute(change.getUpId(), type);
    for (Value v : change) {
      fresh.add(typed(type, v));
    }
    return fresh;
  }

  /**
   * The value under the attribute's schema: strings stay strings, bytes stay bytes (a binary
   * value must never pass through a String, which would replace invalid UTF-8).
   */
  private static Value typed(AttributeType type, Value v) throws LdapException {
    if (v.isSchemaAware() && type.equals(v.getAttributeType())) {
      return v;
    }
    if (!type.getSyntax().isHumanReadable()) {
      return new Value(type, v.getBytes());
    }
    return new Value(type, v.isHumanReadable() ? v.getString() : Strings.utf8ToString(v.getBytes()));
  }

  private static void remove(Entry entry, AttributeType type, Attribute change) throws LdapException {
    Attribute current = entry.get(type);
    if (current == null) {
      throw new LdapNoSuchAttributeException("no attribute " + change.getUpId() + " in " + entry.getDn().getName());
    }
    if (change.size() == 0) {
      entry.removeAttributes(type);
      return;
    }
    for (Value v : change) {
      if (!current.remove(typed(type, v))) {
        throw new LdapNoSuchAttributeException("attribute " + change.getUpId() + " has no value \""
            + v + "\" in " + entry.getDn().getName());
      }
    }
    if (current.size() == 0) {
      entry.removeAttributes(type);
    }
  }

  private static void replace(Entry entry, AttributeType type, Attribute change) throws LdapException {
    entry.removeAttributes(type);
    if (change.size() > 0) {
      entry.put(withValues(change, type));
    }
  }

  /** RFC 4525: every value of the attribute grows by the (single, default 1) increment. */
  private static void increment(Entry entry, AttributeType type, Attribute change) throws LdapException {
    Attribute current = entry.get(type);
    if (current == null) {
      throw new LdapNoSuchAttributeException("cannot increment " + change.getUpId() + ": no such attribute in "
          + entry.getDn().getName());
    }
    BigInteger by = change.size() == 0 ? BigInteger.ONE : integer(change, change.getString());
    Attribute fresh = new DefaultAttribute(current.getUpId(), type);
    for (Value v : current) {
      fresh.add(integer(current, v.getString()).add(by).toString());
    }
    entry.put(fresh);
  }

  private static BigInteger integer(Attribute attribute, String s) throws LdapInvalidAttributeValueException {
    try {
      return new BigInteger(s.trim());
    } catch (NumberFormatException e) {
      throw new LdapInvalidAttributeValueException(ResultCodeEnum.CONSTRAINT_VIOLATION,
          "cannot increment " + attribute.getUpId() + ": \"" + s + "\" is not an integer");
    }
  }
}

package io.mdbldap.ldif.load;

import io.mdbldap.ldif.read.UncheckedValues;
import io.mdbldap.store.entry.StoredAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The operational attributes of imported entries, as slapadd treats them: those the input gives
 * (an OpenLDAP slapcat export carries entryUUID, entryCSN, createTimestamp, creatorsName,
 * modifiersName, modifyTimestamp, structuralObjectClass) are kept as they are; missing ones are
 * generated as a server would on an add by the database's rootdn. Attributes the server derives
 * when it reads an entry (entryDN, entryParentId, hasSubordinates...) are dropped: storing them
 * would make them stale after the first rename.
 *
 * <p>structuralObjectClass is kept when given (the schema check verifies it) but not generated:
 * ApacheDS does not store it either.
 *
 * <p>Not thread-safe.
 */
final class OperationalAttributes {
  /** Derived on reading, never stored (see the ldap-backend's ComputedAttributes). */
  private static final List<String> DERIVED = List.of(SchemaConstants.ENTRY_DN_AT, "entryParentId",
      SchemaConstants.HAS_SUBORDINATES_AT, SchemaConstants.SUBSCHEMA_SUBENTRY_AT, "nbChildren", "nbSubordinates");
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private final List<AttributeType> derived = new ArrayList<>();
  private final AttributeType entryUuid;
  private final AttributeType entryCsn;
  private final AttributeType createTimestamp;
  private final AttributeType modifyTimestamp;
  private final AttributeType creatorsName;
  private final AttributeType modifiersName;
  /**
   * Empty entryUUID and entryCSN attributes, the pattern of each entry's ({@link StoredAttributes#of}):
   * made from the type, one is named and hashed anew.
   */
  private final Attribute emptyUuid;
  private final Attribute emptyCsn;
  /**
   * The attributes whose value repeats (the creator; the time, within a second), one instance
   * shared by every entry: an entry holds the instance it is given, and imported entries are only
   * read afterwards (BulkLoader.prepare requires it), so none changes a shared one.
   */
  private final Attribute creators;
  private final Attribute modifiers;
  private Attribute created;
  private Attribute modified;
  private final UncheckedValues uuidValues;
  private final UncheckedValues csnValues;
  private final Uuids uuids = new Uuids();
  private final Csns csns;
  private final Clock clock;
  private long second = -1;

  /**
   * @param creator the DN that creatorsName and modifiersName name: the database's rootdn, or the
   *     empty DN if it has none (as slapadd does)
   */
  OperationalAttributes(SchemaManager schema, Dn creator, Clock clock) throws LdapException {
    for (String name : DERIVED) {
      AttributeType type = schema.getAttributeType(name);
      if (type != null) {
        derived.add(type);
      }
    }
    this.entryUuid = schema.lookupAttributeTypeRegistry(SchemaConstants.ENTRY_UUID_AT);
    this.entryCsn = schema.lookupAttributeTypeRegistry(SchemaConstants.ENTRY_CSN_AT);
    this.createTimestamp = schema.lookupAttributeTypeRegistry(SchemaConstants.CREATE_TIMESTAMP_AT);
    this.modifyTimestamp = schema.lookupAttributeTypeRegistry(SchemaConstants.MODIFY_TIMESTAMP_AT);
    this.creatorsName = schema.lookupAttributeTypeRegistry(SchemaConstants.CREATORS_NAME_AT);
    this.modifiersName = schema.lookupAttributeTypeRegistry(SchemaConstants.MODIFIERS_NAME_AT);
    this.emptyUuid = new DefaultAttribute(entryUuid);
    this.emptyCsn = new DefaultAttribute(entryCsn);
    this.creators = new DefaultAttribute(creatorsName, creator.getName());
    this.modifiers = new DefaultAttribute(modifiersName, creator.getName());
    this.clock = clock;
    this.csns = new Csns(clock);
    this.uuidValues = UncheckedValues.of(entryUuid);
    this.csnValues = UncheckedValues.of(entryCsn);
  }

  /** Removes the attributes derived on reading. */
  void dropDerived(Entry entry) throws LdapException {
    for (AttributeType type : derived) {
      if (entry.containsAttribute(type)) {
        entry.removeAttributes(type);
      }
    }
  }

  /** Adds the operational attributes {@code entry} lacks. */
  void complete(Entry entry) throws LdapException {
    tick();
    if (!entry.containsAttribute(entryUuid)) {
      entry.put(withValue(emptyUuid, uuidValues.text(uuids.next(), null)));
    }
    if (!entry.containsAttribute(entryCsn)) {
      entry.put(withValue(emptyCsn, csnValues.text(csns.next(), null)));
    }
    addIfMissing(entry, created);
    addIfMissing(entry, modified);
    addIfMissing(entry, creators);
    addIfMissing(entry, modifiers);
  }

  /**
   * An attribute like {@code empty} holding {@code value}. The fresh entryUUID and entryCSN values are
   * not checked against their syntax: they are valid as made, and the checks (a CSN is parsed back, a
   * UUID matched character by character) cost more than making them.
   */
  private static Attribute withValue(Attribute empty, Value value) {
    return StoredAttributes.of(empty, value);
  }

  private static void addIfMissing(Entry entry, Attribute shared) throws LdapException {
    if (!entry.containsAttribute(shared.getAttributeType())) {
      entry.put(shared);
    }
  }

  /** The time stamps: GeneralizedTime to the second, as slapd writes them, made once per second. */
  private void tick() throws LdapException {
    long millis = clock.millis();
    if (millis / 1000 != second) {
      second = millis / 1000;
      String now = GENERALIZED_TIME.format(clock.instant());
      created = new DefaultAttribute(createTimestamp, now);
      modified = new DefaultAttribute(modifyTimestamp, now);
    }
  }
}

package io.mdbldap.ldif.read;

import io.mdbldap.ldif.read.RecordReader.Spec;
import io.mdbldap.store.dn.DnParser;
import io.mdbldap.store.entry.StoredAttributes;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Reads LDIF entry records (RFC 2849) one at a time, as schema-aware entries: the DN and every
 * value normalized, each value checked against its attribute's syntax (unless
 * {@link #skipSyntaxChecks() skipped}). Streaming: memory does not
 * grow with the input.
 *
 * <p>The Apache LDAP API's {@code LdifReader} is not used: it reads several times slower, reports
 * no reliable physical line numbers, and logs every error at ERROR level; and the schema-aware
 * entries the API builds from strings silently drop the values their syntax rejects.
 *
 * <p>Accepted: {@code version: 1} at the top, comments, folded lines, base64 ({@code ::}) and
 * {@code file:///} ({@code :<}) values, attribute options ({@code ;binary} gives the value as
 * bytes). Refused with an error naming the line: change records ({@code changetype:},
 * {@code control:}), unknown attribute types, malformed lines, invalid DNs, invalid base64, values
 * their syntax rejects, duplicate values, and one attribute type under two descriptions (such as
 * {@code cn} and {@code cn;lang-en}: the entry model keeps one per type). After an error the next
 * call goes on with the next record.
 *
 * <p>Not thread-safe.
 */
public final class EntryReader implements Closeable {
  private static final Pattern DESCRIPTION =
      Pattern.compile("([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)*)(;[A-Za-z0-9-]+)*");
  private static final int MAX_CACHED_CLASSES = 1_000;

  private final RecordReader records;
  private final String source;
  /** The input's size in bytes; 0 if unknown. */
  private final long size;
  private final SchemaManager schema;
  private final DnParser dns;
  private final Map<String, Description> descriptions = new HashMap<>();
  /**
   * The description of each line of the last record, by position: the records of bulk data give
   * their attributes in one order, so a line is matched against one name in place, with no
   * substring to hash.
   */
  private Description[] lastOrder = new Description[32];
  /**
   * objectClass values, normalized once: every entry repeats a few, and their normalizer is slow
   * (for each name it first fails a lookup among attribute types, formatting an exception).
   * Schema-aware values are immutable, so entries can share them.
   */
  private final Map<String, Value> objectClasses = new HashMap<>();
  /** The attributes of the record being read, in the order they first appear; reused from record to record. */
  private final List<Attribute> attributes = new ArrayList<>();
  private final AttributeType objectClass;
  private boolean first = true;
  private boolean checkSyntax = true;

  private EntryReader(InputStream in, String source, long size, SchemaManager schema) {
    this.records = new RecordReader(new LineInput(in), source);
    this.source = source;
    this.size = size;
    this.schema = schema;
    this.dns = new DnParser(schema);
    this.objectClass = schema.getAttributeType(SchemaConstants.OBJECT_CLASS_AT);
  }

  /** Reads the LDIF file {@code file}; errors name it as given. */
  public static EntryReader open(Path file, SchemaManager schema) throws IOException {
    long size = Files.size(file); // 0 for a pipe
    return new EntryReader(Files.newInputStream(file), file.toString(), size, schema);
  }

  /** Reads LDIF from {@code in} (standard input, say); errors name it {@code source}. */
  public static EntryReader of(InputStream in, String source, SchemaManager schema) {
    return new EntryReader(in, source, 0, schema);
  }

  /**
   * An attribute description resolved against the schema.
   *
   * @param name the description as the input writes it
   * @param options the options, lower case, sorted: "cn;lang-en" and "2.5.4.3;Lang-EN" are one attribute
   * @param empty an attribute of this description without values, the pattern of each entry's
   *     ({@link StoredAttributes#of}): building one from the description looks the type up and hashes
   *     it again, a tenth of reading; under C1, the tools' compiler, a clone of it cost half as much
   *     again as StoredAttributes (639 CPU samples against 451 in a 100,000-entry import)
   * @param caseIgnore whether {@link CaseIgnoreAscii} may normalize the values
   * @param binary whether the options include {@code binary}: the value is given as bytes
   * @param unchecked builds the values when their syntax is not checked
   */
  private record Description(String name, AttributeType type, String options, Attribute empty, boolean caseIgnore,
      boolean binary, UncheckedValues unchecked) {}

  /**
   * The next entry, or null at the end of the input.
   *
   * @throws LdifException if the next record is not a valid entry; the following call reads on
   */
  public EntryRecord next() throws IOException, LdifException {
    List<Spec> specs = records.next();
    if (specs != null && first) {
      first = false;
      if (isVersion(specs.get(0))) {
        checkVersion(specs.remove(0));
        return specs.isEmpty() ? next() : parse(specs);
      }
    }
    return specs == null ? null : parse(specs);
  }

  /**
   * From now on, builds values without checking them against their syntax, as {@code slapadd -q}
   * does (slapadd checks syntax only with {@code -o value-check=yes}, which {@code -q} turns off):
   * a value the syntax rejects is stored as given. Values are still normalized, exactly as when
   * checked ({@link UncheckedValues}), and a value the normalizer rejects is still refused.
   */
  public void skipSyntaxChecks() {
    checkSyntax = false;
  }

  /** The input's name, as errors give it. */
  public String source() {
    return source;
  }

  /** The input's size in bytes, as it was when opened; 0 if unknown (a stream). */
  public long size() {
    return size;
  }

  /** Bytes of the input read so far. */
  public long bytesRead() {
    return records.consumed();
  }

  private EntryRecord parse(List<Spec> specs) throws LdifException {
    Spec head = specs.get(0);
    Dn dn = dn(head);
    attributes.clear();
    for (int i = 1; i < specs.size(); i++) {
      addValue(i, specs.get(i), dn.getName());
    }
    Entry entry = new DefaultEntry(schema, dn);
    try {
      // Sized: from a shorter array, the list makes one of the class reflectively (a call into the
      // JVM under C1, the tools' compiler).
      entry.put(attributes.toArray(new Attribute[attributes.size()]));
    } catch (LdapException e) {
      throw error(head, dn.getName(), e.getMessage());
    }
    return new EntryRecord(entry, head.line());
  }

  private Dn dn(Spec head) throws LdifException {
    String text = head.text();
    if (!startsWithKeyword(text, "dn")) {
      throw error(head, null, isVersion(head)
          ? "\"version:\" is only allowed at the top of the input"
          : "expected \"dn:\" at the start of a record, found \"" + Abbreviate.of(text) + "\"");
    }
    String name;
    try {
      name = new ValueSpec(text, 2).string();
    } catch (IllegalArgumentException e) {
      throw error(head, null, "DN: " + e.getMessage());
    }
    if (name.isEmpty()) {
      throw error(head, null, "empty DN: the root DSE cannot be loaded");
    }
    try {
      return dns.parse(name);
    } catch (LdapInvalidDnException e) {
      throw error(head, null, "invalid DN \"" + Abbreviate.of(name) + "\": " + whyInvalid(name, e));
    }
  }

  /** The parser's message, unless the DN is well formed and only names an attribute the schema lacks. */
  private String whyInvalid(String name, LdapInvalidDnException e) {
    try {
      for (Rdn rdn : new Dn(name)) {
        for (Ava ava : rdn) {
          if (schema.getAttributeType(ava.getType()) == null) {
            return "attribute type \"" + ava.getType() + "\" is not in the schema";
          }
        }
      }
    } catch (LdapInvalidDnException syntax) {
      return syntax.getMessage();
    }
    return e.getMessage();
  }

  private void addValue(int position, Spec spec, String dn) throws LdifException {
    String text = spec.text();
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw error(spec, dn, "expected \"attribute: value\", found \"" + Abbreviate.of(text) + "\"");
    }
    Description description = asInLastRecord(position, text, colon);
    if (description == null) {
      String name = text.substring(0, colon);
      refuseKeywords(spec, dn, name);
      description = describe(spec, dn, name);
      remember(position, description);
    }
    String name = description.name();
    Value value = value(spec, dn, name, description, new ValueSpec(text, colon));
    Attribute attribute = attributeOf(description.type());
    if (attribute == null) {
      attribute = StoredAttributes.of(description.empty());
      attributes.add(attribute);
    } else if (!describe(spec, dn, attribute.getUpId()).options().equals(description.options())) {
      throw error(spec, dn, "attribute \"" + name + "\" also appears as \"" + attribute.getUpId()
          + "\": attributes that differ only in their options are not supported (an option is kept only"
          + " when the attribute has no other form in the entry)");
    }
    add(spec, dn, attribute, value);
  }

  /**
   * The record's attribute of {@code type} so far, or null. Searched from the last one: the values
   * of an attribute mostly come on consecutive lines, and a record has few attributes. By identity:
   * every type comes from the one schema's registry, one object per OID, and comparing OID strings
   * as well cost each new attribute a comparison with every earlier one (5% of the reading thread's
   * samples in a 100,000-entry import).
   */
  private Attribute attributeOf(AttributeType type) {
    for (int i = attributes.size() - 1; i >= 0; i--) {
      Attribute attribute = attributes.get(i);
      if (attribute.getAttributeType() == type) {
        return attribute;
      }
    }
    return null;
  }

  /** The description the last record had at {@code position}, if {@code text} starts with it; else null. */
  private Description asInLastRecord(int position, String text, int colon) {
    Description last = position < lastOrder.length ? lastOrder[position] : null;
    return last != null && last.name().length() == colon && text.startsWith(last.name()) ? last : null;
  }

  private void remember(int position, Description description) {
    if (position >= lastOrder.length) {
      lastOrder = Arrays.copyOf(lastOrder, Math.max(position + 1, lastOrder.length * 2));
    }
    lastOrder[position] = description;
  }

  private void add(Spec spec, String dn, Attribute attribute, Value value) throws LdifException {
    try {
      if (attribute.add(value) == 0) {
        throw error(spec, dn, "duplicate value \"" + Abbreviate.of(value.toString()) + "\" of attribute \""
            + attribute.getUpId() + "\"");
      }
    } catch (LdapInvalidAttributeValueException e) {
      throw error(spec, dn, "attribute \"" + attribute.getUpId() + "\": " + e.getMessage());
    }
  }

  /** Refuses the keywords of other kinds of records; compared in place, as every line of the input comes here. */
  private void refuseKeywords(Spec spec, String dn, String name) throws LdifException {
    if (name.equalsIgnoreCase("dn")) {
      throw error(spec, dn, "a second \"dn:\" line in one record: is the blank line between two entries missing?");
    }
    if (name.equalsIgnoreCase("changetype") || name.equalsIgnoreCase("control")) {
      throw error(spec, dn, "change records (\"" + Abbreviate.of(spec.text()) + "\") cannot be loaded: "
          + "only entries can; apply changes to a running server with ldapmodify");
    }
  }

  private Description describe(Spec spec, String dn, String name) throws LdifException {
    Description known = descriptions.get(name);
    if (known != null) {
      return known;
    }
    if (!DESCRIPTION.matcher(name).matches()) {
      throw error(spec, dn, "invalid attribute description \"" + Abbreviate.of(name) + "\"");
    }
    String[] parts = name.toLowerCase(Locale.ROOT).split(";");
    AttributeType type = schema.getAttributeType(parts[0]);
    if (type == null) {
      throw error(spec, dn, "attribute type \"" + name.split(";")[0] + "\" is not in the schema");
    }
    Arrays.sort(parts, 1, parts.length);
    String options = String.join(";", Arrays.copyOfRange(parts, 1, parts.length));
    Description resolved = new Description(name, type, options, new DefaultAttribute(name, type),
        CaseIgnoreAscii.appliesTo(type), (";" + options + ";").contains(";binary;"), UncheckedValues.of(type, dns));
    descriptions.put(name, resolved);
    return resolved;
  }

  private Value value(Spec spec, String dn, String name, Description description, ValueSpec given) throws LdifException {
    if (description.type() != objectClass || given.isBytes()) {
      return newValue(spec, dn, name, description, given);
    }
    Value known = objectClasses.get(given.plain());
    if (known == null) {
      known = newValue(spec, dn, name, description, given);
      if (objectClasses.size() < MAX_CACHED_CLASSES) {
        objectClasses.put(given.plain(), known);
      }
    }
    return known;
  }

  private Value newValue(Spec spec, String dn, String name, Description description, ValueSpec given)
      throws LdifException {
    AttributeType type = description.type();
    try {
      if (!type.getSyntax().isHumanReadable()) {
        return checkSyntax ? new Value(type, given.bytes()) : description.unchecked().binary(given.bytes());
      }
      return description.binary() ? new Value(type, given.bytes()) : textValue(description, given.string());
    } catch (IllegalArgumentException e) {
      throw error(spec, dn, "attribute \"" + name + "\": " + e.getMessage());
    } catch (LdapException e) {
      String shown = given.isBytes() ? "" : " \"" + Abbreviate.of(given.plain()) + "\"";
      throw error(spec, dn, "attribute \"" + name + "\": invalid value" + shown + " for syntax "
          + syntaxName(type) + " (" + e.getMessage() + ")");
    }
  }

  /** A text value; the syntax check runs unless skipped, the API's normalizer only where it must. */
  private Value textValue(Description description, String text) throws LdapException {
    String normalized = description.caseIgnore() ? CaseIgnoreAscii.normalize(text) : null;
    if (!checkSyntax) {
      return description.unchecked().text(text, normalized);
    }
    return normalized == null ? new Value(description.type(), text) : new Value(description.type(), text, normalized);
  }

  private static String syntaxName(AttributeType type) {
    String description = type.getSyntax().getDescription();
    return description == null || description.isEmpty() ? type.getSyntaxOid() : description;
  }

  private static boolean isVersion(Spec spec) {
    return startsWithKeyword(spec.text(), "version");
  }

  private void checkVersion(Spec spec) throws LdifException {
    String version = new ValueSpec(spec.text(), "version".length()).plain().strip();
    if (!version.equals("1")) {
      throw error(spec, null, "unsupported LDIF version \"" + Abbreviate.of(version) + "\" (only version 1 exists)");
    }
  }

  /** Whether {@code text} is {@code keyword} (any case) followed by a colon. */
  private static boolean startsWithKeyword(String text, String keyword) {
    int n = keyword.length();
    return text.length() > n && text.charAt(n) == ':' && text.regionMatches(true, 0, keyword, 0, n);
  }

  private LdifException error(Spec spec, String dn, String reason) {
    return new LdifException(source, spec.line(), dn, reason);
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}

package io.mdbldap.server.interop;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns LDAP results into lines that compare with {@code equals} across servers: result code,
 * matchedDN and entries, with DNs, attribute names and values normalized by one schema
 * (slapd's), operational attributes left out, and entries, attributes and values sorted (LDAP
 * orders none of them). Diagnostic messages are left out: they are free text.
 *
 * <p>Each attribute line carries its entry's DN, so that a line-by-line difference stays readable.
 */
final class Answers {
  private final Schema schema;

  Answers(Schema schema) {
    this.schema = schema;
  }

  /** The result code, the matchedDN if any, and for a search, its entries. */
  List<String> of(LDAPResult result) {
    List<String> lines = new ArrayList<>();
    lines.add("result: " + result.getResultCode());
    String matched = result.getMatchedDN();
    if (matched != null && !matched.isEmpty()) {
      lines.add("matchedDN: " + dn(matched));
    }
    if (result instanceof SearchResult search) {
      lines.add("entries: " + search.getEntryCount());
      lines.add("references: " + search.getReferenceCount());
      // Which entries come before the limit is the server's choice: only their number is compared.
      if (search.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED && search.getSearchEntries() != null) {
        lines.addAll(entries("", search.getSearchEntries()));
      }
    }
    return lines;
  }

  /** One line per entry and one per attribute value, each prefixed with {@code prefix}. */
  List<String> entries(String prefix, Collection<? extends Entry> entries) {
    SortedMap<String, SortedMap<String, SortedSet<String>>> normalized = new TreeMap<>();
    for (Entry entry : entries) {
      normalized.put(dn(entry.getDN()), attributes(entry));
    }
    List<String> lines = new ArrayList<>();
    normalized.forEach((dn, attributes) -> {
      lines.add(prefix + "entry: " + dn);
      attributes.forEach((name, values) -> {
        if (values.isEmpty()) {
          lines.add(prefix + dn + " | " + name + " (no values)");
        }
        values.forEach(value -> lines.add(prefix + dn + " | " + name + ": " + value));
      });
    });
    return lines;
  }

  private SortedMap<String, SortedSet<String>> attributes(Entry entry) {
    SortedMap<String, SortedSet<String>> attributes = new TreeMap<>();
    for (Attribute attribute : entry.getAttributes()) {
      AttributeTypeDefinition type = schema.getAttributeType(attribute.getBaseName());
      if (type != null && type.isOperational()) {
        continue;
      }
      SortedSet<String> values = attributes.computeIfAbsent(name(attribute, type), n -> new TreeSet<>());
      MatchingRule rule = MatchingRule.selectEqualityMatchingRule(attribute.getBaseName(), schema);
      for (ASN1OctetString value : attribute.getRawValues()) {
        values.add(value(rule, value));
      }
    }
    return attributes;
  }

  /** The schema's first name for the type, so that "commonName" and "CN" both read "cn"; options kept. */
  private static String name(Attribute attribute, AttributeTypeDefinition type) {
    String base = type == null ? attribute.getBaseName() : type.getNameOrOID();
    StringBuilder name = new StringBuilder(base.toLowerCase(Locale.ROOT));
    attribute.getOptions().stream().map(o -> o.toLowerCase(Locale.ROOT)).sorted().forEach(o -> name.append(';').append(o));
    return name.toString();
  }

  private static String value(MatchingRule rule, ASN1OctetString value) {
    try {
      return rule.normalize(value).stringValue();
    } catch (LDAPException e) {
      return value.stringValue() + " (not normalizable: " + e.getMessage() + ")";
    }
  }

  String dn(String dn) {
    try {
      return new DN(dn, schema).toNormalizedString();
    } catch (LDAPException e) {
      return dn + " (invalid DN)";
    }
  }

  /** The lines of {@code left} missing from {@code right}, and the other way round: a readable diff. */
  static String diff(String leftName, List<String> left, String rightName, List<String> right) {
    StringBuilder diff = new StringBuilder();
    left.stream().filter(line -> !right.contains(line)).forEach(line ->
        diff.append("  only ").append(leftName).append(": ").append(line).append('\n'));
    right.stream().filter(line -> !left.contains(line)).forEach(line ->
        diff.append("  only ").append(rightName).append(": ").append(line).append('\n'));
    if (diff.isEmpty()) {
      diff.append("  the same lines in another order\n");
    }
    return diff.toString();
  }
}

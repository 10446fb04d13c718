package io.mdbldap.store.model;

import static io.mdbldap.store.model.Attr.*;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.UndefinedNode;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Random LDAP filter strings over every filter kind, nested up to {@link #MAX_DEPTH} levels.
 * Assertion values are mostly taken from entries in the model, re-spelled (case, spaces, other
 * time zones, other DN spellings) so that results are rarely empty; the rest are random.
 */
final class FilterGenerator {
  static final int MAX_DEPTH = 4;
  static final List<String> UNKNOWN_ATTRS = List.of("unknownAttr", "x-made-up", "fooBar", "2.999.77");
  static final List<String> CLASSES = List.of("top", "person", "organizationalPerson", "inetOrgPerson",
      "organizationalUnit", "organization", "groupOfNames", "domain", "posixAccount", "extensibleObject",
      "2.5.6.6", "2.5.6.0", "2.16.840.1.113730.3.2.2", "fooBarClass", "country", "1.2.3.4.5.6");
  static final List<Attr> ORDERED = List.of(REVISIONS, PWD_MAX_FAILURE, CREATE_TIMESTAMP, MODIFY_TIMESTAMP,
      DN_QUALIFIER, KEYSTORE_FILE);
  static final List<Attr> UNORDERED = List.of(CN, UID_NUMBER, TELEPHONE_NUMBER, MEMBER, MAIL, DESCRIPTION);
  static final List<Attr> SUBSTRINGS = Attr.where(a -> a.isText() || a.kind == Kind.PHONE || a == Attr.DN_QUALIFIER);
  static final List<Attr> APPROX = List.of(CN, SN, GIVEN_NAME, DESCRIPTION, L, TITLE, OU, DISPLAY_NAME, MAIL,
      UID_NUMBER, TELEPHONE_NUMBER);
  static final List<String> NAMING = List.of("ou", "cn", "o", "uid", "dc");

  private final SchemaManager sm;
  private final ValueGen v;
  private final DirectoryModel model;

  FilterGenerator(SchemaManager sm, ValueGen v, DirectoryModel model) {
    this.sm = sm;
    this.v = v;
    this.model = model;
  }

  String filter() {
    return node(1);
  }

  private String node(int depth) {
    if (depth >= MAX_DEPTH || v.chance(depth == 1 ? 0.3 : 0.55)) {
      return leaf();
    }
    int r = v.rnd().nextInt(10);
    if (r < 2) {
      return "(!" + node(depth + 1) + ")";
    }
    StringBuilder b = new StringBuilder(r < 6 ? "(&" : "(|");
    int n = v.chance(0.1) ? 1 : 2 + v.rnd().nextInt(3);
    for (int i = 0; i < n; i++) {
      b.append(node(depth + 1));
    }
    return b.append(')').toString();
  }

  private String leaf() {
    int r = v.rnd().nextInt(100);
    if (r < 22) {
      return equality();
    }
    if (r < 38) {
      return substring();
    }
    if (r < 45) {
      return "(" + describe(v.pick(List.of(Attr.values()))) + "=*)";
    }
    if (r < 57) {
      return ordering();
    }
    if (r < 63) {
      return approx();
    }
    if (r < 72) {
      return extensible();
    }
    if (r < 81) {
      return objectClass();
    }
    if (r < 86) {
      return unknownAttribute();
    }
    if (r < 89) {
      return "(objectClass=*)";
    }
    return invalidAssertion();
  }

  private String objectClass() {
    String c = v.pick(CLASSES);
    return "(" + v.recase("objectClass") + "=" + escape(v.chance(0.3) ? v.recase(c) : c) + ")";
  }

  private String equality() {
    Attr a = v.pick(List.of(Attr.values()));
    return "(" + describe(a) + "=" + assertionText(a) + ")";
  }

  /** An assertion for {@code a}, escaped for a filter string; binary values byte by byte. */
  private String assertionText(Attr a) {
    if (a.kind == Kind.BINARY) {
      Value existing = existing(a);
      if (existing != null && v.chance(0.8)) {
        return hexEscape(existing.getBytes());
      }
    }
    return escape(assertion(a));
  }

  static String hexEscape(byte[] bytes) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes) {
      b.append(String.format("\\%02x", x & 0xff));
    }
    return b.toString();
  }

  /** A value for {@code a}: usually an existing one re-spelled, sometimes a random one. */
  private String assertion(Attr a) {
    Value existing = existing(a);
    return existing == null || v.chance(0.2) ? v.value(a, List.of(model.random(v.rnd()).dn())) : respell(a, existing);
  }

  /** A value of {@code a} some entry has, or null. */
  Value existing(Attr a) {
    AttributeType type = sm.getAttributeType(a.id);
    for (int i = 0; i < 8; i++) {
      Attribute attr = model.random(v.rnd()).entry().get(type);
      if (attr != null) {
        List<Value> vals = new ArrayList<>();
        attr.forEach(vals::add);
        return v.pick(vals);
      }
    }
    return null;
  }

  private String respell(Attr a, Value x) {
    String s = x.getString();
    switch (a.kind) {
      case INTEGER:
      case BINARY:
        return s;
      case TIME:
        return v.time(instant(x.getNormalized()));
      case DN:
        return respellDn(s);
      case PHONE:
        return v.chance(0.5) ? s.replaceAll("[ -]", "") : s.replace(" ", " - ");
      case EXACT:
      case URI:
      case PATH:
        return v.chance(0.1) ? v.recase(s) : v.spaced(s);
      default:
        return v.spaced(v.chance(0.5) ? v.recase(s) : s);
    }
  }

  private String respellDn(String s) {
    try {
      return v.respell(new Dn(sm, s));
    } catch (Exception e) {
      return s;
    }
  }

  private static Instant instant(String normalizedTime) {
    return OffsetDateTime.parse(normalizedTime.replace("Z", "+0000"),
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSxx")).toInstant();
  }

  /** The attribute as a client might name it: any case, an alias, its OID, an option, a supertype. */
  private String describe(Attr a) {
    AttributeType type = sm.getAttributeType(a.id);
    int r = v.rnd().nextInt(100);
    if (r < 10) {
      List<String> names = new ArrayList<>(type.getNames());
      names.add(type.getOid());
      return v.pick(names);
    }
    if (r < 16) {
      return a.id + v.pick(List.of(";lang-en", ";x-foo", ";binary"));
    }
    if (r < 26 && type.getSuperior() != null) {
      return type.getSuperior().getName();
    }
    return r < 45 ? v.recase(a.id) : a.id;
  }

  private String substring() {
    Attr a = v.pick(SUBSTRINGS);
    Value x = existing(a);
    String s = x == null || v.chance(0.15) ? v.value(a, List.of()) : x.getString();
    List<String> pieces = pieces(s);
    if (a != Attr.KEYSTORE_FILE && v.chance(0.5)) {
      pieces.replaceAll(p -> p == null ? null : v.recase(p));
    }
    return "(" + describe(a) + "=" + join(pieces) + ")";
  }

  /**
   * Cuts {@code s} into substring pieces: [initial, any..., final], null where absent. Pieces are
   * short (one or two characters) or long, and never overlap, so the source value matches.
   */
  private List<String> pieces(String s) {
    int[] cps = s.codePoints().toArray();
    int form = v.rnd().nextInt(7); // which of initial, any, final are present
    boolean initial = form == 0 || form == 3 || form == 4 || form == 6;
    boolean fin = form == 1 || form == 3 || form == 4;
    int anys = form == 2 || form == 4 || form == 6 ? 1 : form == 5 ? 2 : 0;
    int pos = initial ? len(cps.length) : 0;
    int end = cps.length - (fin ? len(cps.length - pos) : 0);
    List<String> out = new ArrayList<>();
    out.add(str(cps, 0, pos));
    for (int i = 0; i < anys && end - pos > 0; i++) {
      int start = pos + v.rnd().nextInt(end - pos);
      int stop = start + Math.max(1, len(end - start));
      out.add(str(cps, start, stop));
      pos = stop;
    }
    out.add(str(cps, end, cps.length));
    return out;
  }

  private int len(int room) {
    if (room <= 1) {
      return Math.max(room, 0);
    }
    return v.chance(0.4) ? 1 + v.rnd().nextInt(Math.min(2, room)) : 1 + v.rnd().nextInt(room);
  }

  private static String str(int[] cps, int from, int to) {
    return to <= from ? null : new String(cps, from, to - from);
  }

  private String join(List<String> pieces) {
    StringBuilder b = new StringBuilder();
    String initial = pieces.get(0);
    String fin = pieces.get(pieces.size() - 1);
    b.append(initial == null ? "" : escape(initial)).append('*');
    for (String any : pieces.subList(1, pieces.size() - 1)) {
      if (any != null) {
        b.append(escape(any)).append('*');
      }
    }
    if (initial == null && fin == null && pieces.size() == 2) {
      b.append(escape(v.pick(List.of("a", "e", "1", " ")))).append('*'); // (a=*) would be presence
    }
    return b.append(fin == null ? "" : escape(fin)).toString();
  }

  private String ordering() {
    Attr a = v.chance(0.85) ? v.pick(ORDERED) : v.pick(UNORDERED);
    return "(" + describe(a) + (v.chance(0.5) ? ">=" : "<=") + assertionText(a) + ")";
  }

  /** Words of an existing value, some dropped, vowels inside words changed: sounds alike. */
  private String approx() {
    Attr a = v.pick(APPROX);
    Value x = existing(a);
    if (x == null || !a.isText() || v.chance(0.2)) {
      return "(" + describe(a) + "~=" + assertionText(a) + ")";
    }
    StringBuilder b = new StringBuilder();
    for (String word : x.getString().trim().split("\\s+")) {
      if (v.chance(0.75)) {
        b.append(b.length() == 0 ? "" : " ").append(v.chance(0.3) ? revowel(word) : word);
      }
    }
    String s = b.length() == 0 ? x.getString() : b.toString();
    return "(" + describe(a) + "~=" + escape(v.chance(0.3) ? v.recase(s) : s) + ")";
  }

  private String revowel(String word) {
    return word.length() < 3 ? word : word.charAt(0) + word.substring(1).replaceFirst("[aeiou]", v.pick(List.of("a", "e", "i", "o", "u")));
  }

  private String extensible() {
    int r = v.rnd().nextInt(100);
    if (r < 30) {
      Attr a = v.pick(Attr.where(Attr::isDirectoryString));
      String rule = v.pick(List.of("caseExactMatch", "2.5.13.5", "caseIgnoreMatch", "2.5.13.2"));
      return "(" + describe(a) + ":" + rule + ":=" + escape(nonEmpty(assertion(a))) + ")";
    }
    if (r < 42) {
      Attr a = v.pick(List.of(Attr.values()));
      return "(" + describe(a) + ":=" + assertionText(a) + ")";
    }
    if (r < 62) {
      return dnExtensible();
    }
    if (r < 72) {
      Attr a = v.pick(Attr.where(Attr::isDirectoryString));
      String rule = v.pick(List.of("caseExactMatch", "caseIgnoreMatch", "2.5.13.2"));
      return "(:" + (v.chance(0.3) ? "dn:" : "") + rule + ":=" + escape(nonEmpty(assertion(a))) + ")";
    }
    if (r < 84) {
      Attr a = v.pick(List.of(UID_NUMBER, REVISIONS, PWD_MAX_FAILURE));
      return "(" + describe(a) + ":" + v.pick(List.of("integerMatch", "2.5.13.14")) + ":=" + assertion(a) + ")";
    }
    if (r < 93) {
      return "(" + describe(CN) + ":" + v.pick(List.of("1.2.3.4.999", "noSuchMatch")) + ":=" + assertionText(CN) + ")";
    }
    return "(" + v.pick(UNKNOWN_ATTRS) + ":" + v.pick(List.of("caseIgnoreMatch", "caseExactMatch")) + ":="
        + escape(nonEmpty(assertion(v.pick(Attr.where(Attr::isDirectoryString))))) + ")";
  }

  /** {@code (type:dn:=value)}: the value comes from some entry's DN, so the DN part matters. */
  private String dnExtensible() {
    Dn dn = model.random(v.rnd()).dn();
    List<Ava> avas = new ArrayList<>();
    for (Rdn rdn : dn) {
      rdn.forEach(avas::add);
    }
    Ava ava = v.pick(avas);
    String type = v.chance(0.8) ? ava.getType() : v.pick(NAMING);
    String rule = v.chance(0.5) ? "" : v.pick(List.of("caseIgnoreMatch:", "2.5.13.2:", "caseExactMatch:"));
    String value = ava.getValue().getString();
    return "(" + type + ":dn:" + rule + "=" + escape(v.chance(0.5) ? v.recase(value) : value) + ")";
  }

  private String nonEmpty(String s) {
    return s.isBlank() ? "x" : s;
  }

  private String unknownAttribute() {
    String attr = v.pick(UNKNOWN_ATTRS);
    switch (v.rnd().nextInt(6)) {
      case 0:
        return "(" + attr + "=*)";
      case 1:
        return "(" + attr + "=a*)";
      case 2:
        return "(" + attr + ">=5)";
      case 3:
        return "(" + attr + "~=smith)";
      default:
        return "(" + attr + "=" + assertionText(CN) + ")";
    }
  }

  private String invalidAssertion() {
    return v.pick(List.of("(revisions=abc)", "(uidNumber=1.5)", "(createTimestamp>=tomorrow)",
        "(createTimestamp=2024)", "(member=not a dn)", "(telephoneNumber=call me)", "(pwdMaxFailure<=x)",
        "(revisions:integerMatch:=ten)", "(modifyTimestamp<=20241301000000Z)"));
  }

  /** RFC 4515 escaping of an assertion value. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '*':
          b.append("\\2a");
          break;
        case '(':
          b.append("\\28");
          break;
        case ')':
          b.append("\\29");
          break;
        case '\\':
          b.append("\\5c");
          break;
        case '\0':
          b.append("\\00");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The filter as ApacheDS hands it to a partition: unknown attributes replaced by
   * {@link UndefinedNode} (inside branches too) and {@code (objectClass=*)} by
   * {@link ObjectClassNode}. Mutates and returns {@code node}.
   */
  static ExprNode apacheDsForm(ExprNode node, SchemaManager sm) {
    if (node instanceof BranchNode branch) {
      List<ExprNode> children = branch.getChildren();
      for (int i = 0; i < children.size(); i++) {
        children.set(i, apacheDsForm(children.get(i), sm));
      }
      return branch;
    }
    if (node instanceof LeafNode leaf && leaf.getAttribute() != null) {
      String name = leaf.getAttribute().split(";")[0];
      if (sm.getAttributeType(name) == null) {
        return new UndefinedNode(leaf.getAttribute());
      }
      if (node instanceof PresenceNode && sm.getAttributeType(name).getOid().equals("2.5.4.0")) {
        return ObjectClassNode.OBJECT_CLASS_NODE;
      }
    }
    return node;
  }
}

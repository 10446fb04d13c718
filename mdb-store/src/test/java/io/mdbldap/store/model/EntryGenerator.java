package io.mdbldap.store.model;

import static io.mdbldap.store.model.Attr.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Random entries, RDNs, modifications and modifyDN requests that are valid against the model
 * (the store does no schema checking, but the requests are the kind a real directory sees).
 * Trees of organizationalUnits, organizations, groups and persons up to {@link #MAX_DEPTH} below
 * the suffix.
 */
final class EntryGenerator {
  static final int MAX_DEPTH = 6;

  /** The kinds of entry, with the attributes each may carry and how likely each is. */
  enum Shape {
    UNIT, ORG, PERSON, GROUP
  }

  private static final Map<Shape, Map<Attr, Double>> ATTRS = new EnumMap<>(Shape.class);

  static {
    ATTRS.put(Shape.PERSON, weights(CN, .3, SN, 1, GIVEN_NAME, .7, DISPLAY_NAME, .3, TITLE, .5, L, .5,
        DESCRIPTION, .5, UID, .3, EMPLOYEE_NUMBER, .4, MAIL, .7, TELEPHONE_NUMBER, .6, MOBILE, .2,
        UID_NUMBER, .3, GID_NUMBER, .3, REVISIONS, .5, PWD_MAX_FAILURE, .3, CREATE_TIMESTAMP, .8,
        MODIFY_TIMESTAMP, .4, SEE_ALSO, .2, MANAGER, .3, KEYSTORE_FILE, .3, LABELED_URI, .2,
        HOME_DIRECTORY, .3, DN_QUALIFIER, .3, USER_PASSWORD, .4));
    ATTRS.put(Shape.UNIT, weights(DESCRIPTION, .6, L, .4, TELEPHONE_NUMBER, .3, SEE_ALSO, .2,
        BUSINESS_CATEGORY, .3, CREATE_TIMESTAMP, .5, REVISIONS, .3, DN_QUALIFIER, .2));
    ATTRS.put(Shape.ORG, weights(DESCRIPTION, .6, L, .5, TELEPHONE_NUMBER, .4, BUSINESS_CATEGORY, .5,
        CREATE_TIMESTAMP, .5, SEE_ALSO, .2));
    ATTRS.put(Shape.GROUP, weights(MEMBER, 1, DESCRIPTION, .5, BUSINESS_CATEGORY, .3, SEE_ALSO, .2,
        REVISIONS, .3, CREATE_TIMESTAMP, .3));
  }

  private static Map<Attr, Double> weights(Object... pairs) {
    Map<Attr, Double> m = new EnumMap<>(Attr.class);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((Attr) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    return m;
  }

  private final SchemaManager sm;
  private final ValueGen v;
  private final DirectoryModel model;
  private final Norms norms;
  private int serial;

  EntryGenerator(SchemaManager sm, ValueGen v, DirectoryModel model, Norms norms) {
    this.sm = sm;
    this.v = v;
    this.model = model;
    this.norms = norms;
  }

  /** The suffix entry. */
  Entry suffixEntry() throws LdapException {
    return new DefaultEntry(sm, model.suffix(), "objectClass: top", "objectClass: domain", "dc: example");
  }

  /** A new entry under a random parent with room below it. */
  Entry newEntry() throws LdapException {
    DirectoryModel.Node parent = parent();
    Shape shape = shape();
    Rdn rdn = freshRdn(parent.dn(), shape);
    return entry(parent.dn().add(rdn), shape);
  }

  private DirectoryModel.Node parent() {
    for (int i = 0; i < 30; i++) {
      DirectoryModel.Node n = model.random(v.rnd());
      if (model.depth(n.dn()) < MAX_DEPTH && (isContainer(n.dn()) || v.chance(0.05))) {
        return n;
      }
    }
    return model.get(model.suffix());
  }

  static boolean isContainer(Dn dn) {
    String type = dn.getRdn().getAva().getAttributeType().getName();
    return type.equalsIgnoreCase("ou") || type.equalsIgnoreCase("o") || type.equalsIgnoreCase("dc");
  }

  private Shape shape() {
    int r = v.rnd().nextInt(100);
    return r < 14 ? Shape.UNIT : r < 18 ? Shape.ORG : r < 24 ? Shape.GROUP : Shape.PERSON;
  }

  static Shape shapeOf(Dn dn) {
    String type = dn.getRdn().getAva().getAttributeType().getName().toLowerCase();
    return type.equals("ou") ? Shape.UNIT : type.equals("o") ? Shape.ORG : Shape.PERSON;
  }

  /** An RDN no child of {@code parent} has yet. */
  Rdn freshRdn(Dn parent, Shape shape) throws LdapException {
    for (int i = 0; ; i++) {
      Rdn rdn = rdn(shape, i > 3);
      if (!model.contains(parent.add(rdn))) {
        return rdn;
      }
    }
  }

  private Rdn rdn(Shape shape, boolean numbered) throws LdapException {
    String n = numbered ? " " + (++serial) : "";
    switch (shape) {
      case UNIT:
        return new Rdn(sm, ava("ou", odd(v.pick(ValueGen.UNITS)) + n));
      case ORG:
        return new Rdn(sm, ava("o", odd(v.pick(ValueGen.LAST)) + " Inc" + n));
      case GROUP:
        return new Rdn(sm, ava("cn", v.words(1 + v.rnd().nextInt(2)).replace("*", "star") + " Group" + n));
      default:
        return personRdn(n);
    }
  }

  private Rdn personRdn(String n) throws LdapException {
    int r = v.rnd().nextInt(100);
    if (r < 15) {
      return new Rdn(sm, ava("uid", "u" + v.rnd().nextInt(5000) + n.trim()));
    }
    Ava cn = ava("cn", odd(v.value(CN, List.of()).trim()) + n);
    return r < 25 ? new Rdn(sm, cn, ava("uid", "u" + v.rnd().nextInt(5000))) : new Rdn(sm, cn);
  }

  /** Sometimes decorates an RDN value with characters DNs must escape, or edge spaces. */
  private String odd(String value) {
    if (v.chance(0.1)) {
      return value + v.pick(ValueGen.RDN_ODDITIES);
    }
    return v.chance(0.05) ? " " + value + " " : value;
  }

  private Ava ava(String type, String value) throws LdapException {
    return new Ava(sm, type, value);
  }

  /** A full entry at {@code dn}: object classes, the RDN's values, and random attributes. */
  Entry entry(Dn dn, Shape shape) throws LdapException {
    Entry e = new DefaultEntry(sm, dn);
    e.add("objectClass", objectClasses(shape).toArray(new String[0]));
    for (Ava ava : dn.getRdn()) {
      e.add(ava.getAttributeType(), ava.getValue().getString());
    }
    ATTRS.get(shape).forEach((attr, p) -> {
      if (v.chance(p)) {
        addValues(e, attr, 1 + v.rnd().nextInt(attr.maxValues));
      }
    });
    return e;
  }

  private List<String> objectClasses(Shape shape) {
    List<String> classes = new ArrayList<>();
    switch (shape) {
      case UNIT:
        classes.add("organizationalUnit");
        break;
      case ORG:
        classes.add("organization");
        break;
      case GROUP:
        classes.add("groupOfNames");
        break;
      default:
        classes.addAll(v.pick(List.of(List.of("inetOrgPerson"), List.of("top", "person", "organizationalPerson",
            "inetOrgPerson"), List.of("person"), List.of("organizationalPerson", "person"))));
        if (v.chance(0.15)) {
          classes.add("posixAccount");
        }
        if (v.chance(0.1)) {
          classes.add("extensibleObject");
        }
    }
    if (v.chance(0.5) && !classes.contains("top")) {
      classes.add(0, "top");
    }
    List<String> spelled = new ArrayList<>();
    for (String c : classes) {
      spelled.add(v.chance(0.1) ? oidOf(c) : v.chance(0.3) ? v.recase(c) : c);
    }
    return spelled;
  }

  private String oidOf(String objectClass) {
    try {
      return sm.getObjectClassRegistry().lookup(objectClass).getOid();
    } catch (LdapException e) {
      return objectClass;
    }
  }

  /** Adds up to {@code n} values of {@code attr} that {@code e} does not have yet. */
  void addValues(Entry e, Attr attr, int n) {
    AttributeType type = type(attr);
    for (Value val : newValues(e, attr, n)) {
      try {
        e.add(type, val);
      } catch (LdapException ex) {
        throw new IllegalStateException(ex);
      }
    }
  }

  /** Up to {@code n} fresh values of {@code attr}, distinct from each other and from {@code e}'s. */
  List<Value> newValues(Entry e, Attr attr, int n) {
    AttributeType type = type(attr);
    Set<String> have = new HashSet<>();
    Attribute existing = e.get(type);
    if (existing != null) {
      existing.forEach(x -> have.add(norms.identity(type, x)));
    }
    List<Value> out = new ArrayList<>();
    for (int i = 0; i < n * 3 && out.size() < n; i++) {
      Value val = value(type, attr);
      if (val != null && have.add(norms.identity(type, val))) {
        out.add(val);
      }
    }
    return out;
  }

  private Value value(AttributeType type, Attr attr) {
    String s = v.value(attr, dnPool());
    try {
      return attr.kind == Attr.Kind.BINARY ? new Value(type, binary(s)) : new Value(type, s);
    } catch (LdapException | IllegalArgumentException refused) {
      return null; // a value the syntax refuses: e.g. a DN value built from an odd RDN
    }
  }

  /** Mostly the UTF-8 of a string with non-BMP characters; sometimes bytes that are not UTF-8 at all. */
  private byte[] binary(String s) {
    if (v.chance(0.7)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    byte[] raw = new byte[4 + v.rnd().nextInt(9)];
    v.rnd().nextBytes(raw);
    raw[0] = (byte) 0xFF; // never valid UTF-8
    return raw;
  }

  private List<Dn> dnPool() {
    List<Dn> dns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      dns.add(model.random(v.rnd()).dn());
    }
    return dns;
  }

  AttributeType type(Attr attr) {
    return sm.getAttributeType(attr.id);
  }

  /** One to three modifications on distinct attributes of {@code node}'s entry. */
  List<Modification> modifications(DirectoryModel.Node node) throws LdapException {
    List<Modification> mods = new ArrayList<>();
    List<Attr> attrs = new ArrayList<>(List.of(Attr.values()));
    Collections.shuffle(attrs, v.rnd());
    Set<String> rdnTypes = rdnTypes(node.dn());
    for (Attr attr : attrs.subList(0, 1 + v.rnd().nextInt(3))) {
      Modification m = modification(node.entry(), attr, rdnTypes.contains(type(attr).getOid()));
      if (m != null) {
        mods.add(m);
      }
    }
    if (v.chance(0.1)) {
      mods.add(objectClassModification(node.entry()));
    }
    return mods;
  }

  private static Set<String> rdnTypes(Dn dn) {
    Set<String> oids = new HashSet<>();
    dn.getRdn().forEach(a -> oids.add(a.getAttributeType().getOid()));
    return oids;
  }

  private Modification modification(Entry e, Attr attr, boolean inRdn) throws LdapException {
    AttributeType type = type(attr);
    Attribute have = e.get(type);
    if (have == null || inRdn) {
      List<Value> vals = newValues(e, attr, 1 + v.rnd().nextInt(attr.maxValues));
      return vals.isEmpty() ? null : mod(v.chance(0.7) || inRdn ? ModificationOperation.ADD_ATTRIBUTE
          : ModificationOperation.REPLACE_ATTRIBUTE, type, vals);
    }
    int r = v.rnd().nextInt(100);
    if (attr.isInteger() && r < 35) {
      return mod(ModificationOperation.INCREMENT_ATTRIBUTE, type, List.of(new Value(type, Integer.toString(v.rnd().nextInt(11) - 5))));
    }
    if (r < 55 && have.size() < attr.maxValues) {
      return mod(ModificationOperation.ADD_ATTRIBUTE, type, newValues(e, attr, 1));
    }
    if (r < 75) {
      return mod(ModificationOperation.REMOVE_ATTRIBUTE, type, respelledSome(have, attr));
    }
    if (r < 85) {
      return mod(ModificationOperation.REMOVE_ATTRIBUTE, type, List.of());
    }
    List<Value> vals = v.chance(0.85) ? newValues(new DefaultEntry(sm), attr, 1 + v.rnd().nextInt(attr.maxValues)) : List.of();
    return mod(ModificationOperation.REPLACE_ATTRIBUTE, type, vals);
  }

  /** Some of the values, spelled as a client might: other case and spacing, DNs re-spelled. */
  private List<Value> respelledSome(Attribute have, Attr attr) throws LdapException {
    List<Value> out = new ArrayList<>();
    AttributeType type = have.getAttributeType();
    for (Value x : have) {
      if (out.isEmpty() || v.chance(0.3)) {
        out.add(respelled(type, attr, x));
      }
    }
    return out;
  }

  private Value respelled(AttributeType type, Attr attr, Value x) throws LdapException {
    if (!x.isHumanReadable()) {
      return x;
    }
    String s = x.getString();
    if (attr.kind == Attr.Kind.DN) {
      s = v.respell(new Dn(sm, s));
    } else if (attr.isText() && attr.kind != Attr.Kind.EXACT) {
      s = v.spaced(v.recase(s));
    }
    try {
      return new Value(type, s);
    } catch (LdapException | IllegalArgumentException e) {
      return x;
    }
  }

  private Modification objectClassModification(Entry e) throws LdapException {
    AttributeType oc = sm.getAttributeType("objectClass");
    String aux = v.chance(0.5) ? "extensibleObject" : "posixAccount";
    boolean has = model.hasValue(e, oc, new Value(oc, aux));
    return mod(has ? ModificationOperation.REMOVE_ATTRIBUTE : ModificationOperation.ADD_ATTRIBUTE, oc,
        List.of(new Value(oc, v.recase(aux))));
  }

  private static Modification mod(ModificationOperation op, AttributeType type, List<Value> vals) throws LdapException {
    Attribute a = new DefaultAttribute(type);
    for (Value val : vals) {
      a.add(val);
    }
    return new DefaultModification(op, a);
  }

  /** A DN below an existing entry that names no entry. */
  Dn missingDn() throws LdapException {
    DirectoryModel.Node n = model.random(v.rnd());
    Dn dn = n.dn().add(new Rdn(sm, ava("cn", "missing " + (++serial))));
    return v.chance(0.3) ? dn.add(new Rdn(sm, ava("ou", "deeper"))) : dn;
  }

  /** How tall the subtree under {@code node} is: 0 for a leaf. */
  int height(DirectoryModel.Node node) {
    int base = node.dn().size();
    int h = 0;
    for (DirectoryModel.Node n : DirectoryModel.subtree(node, false)) {
      h = Math.max(h, n.dn().size() - base);
    }
    return h;
  }

  /** A new RDN for renaming {@code node} under {@code parent}: a fresh value of its own naming type. */
  Rdn renameRdn(DirectoryModel.Node node, Dn parent) throws LdapException {
    Entry e = node.entry();
    Ava first = node.dn().getRdn().getAva();
    Attribute same = e.get(first.getAttributeType());
    if (v.chance(0.2) && same != null && same.size() > 1) {
      for (Value x : same) { // reuse a value the entry already has: the RDN change adds nothing
        Rdn r = new Rdn(sm, ava(first.getType(), x.getString()));
        if (!model.contains(parent.add(r))) {
          return r;
        }
      }
    }
    return freshRdn(parent, shapeOf(node.dn()));
  }
}

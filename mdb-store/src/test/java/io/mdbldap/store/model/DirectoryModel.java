package io.mdbldap.store.model;

import io.mdbldap.store.Scope;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * What the directory should hold: a plain in-memory tree of entries, updated by hand-written LDAP
 * semantics (RFC 4511 add/delete/modify/modifyDN, RFC 4525 increment). Keyed by normalized DN.
 * The model owns its entries; callers get them to read, and hand the store clones.
 */
final class DirectoryModel {
  /** One entry and its place in the tree. */
  static final class Node {
    private Dn dn;
    private final Entry entry;
    private Node parent;
    private final Set<Node> children = new LinkedHashSet<>();
    private int slot;
    private EntryView view;

    private Node(Entry entry, Node parent) {
      this.dn = entry.getDn();
      this.entry = entry;
      this.parent = parent;
    }

    Dn dn() {
      return dn;
    }

    Entry entry() {
      return entry;
    }

    /** The entry flattened for the oracle; rebuilt after the attributes change. */
    EntryView view() {
      if (view == null) {
        view = EntryView.of(entry);
      }
      return view;
    }

    Node parent() {
      return parent;
    }

    Set<Node> children() {
      return children;
    }

    boolean isLeaf() {
      return children.isEmpty();
    }
  }

  private final SchemaManager sm;
  private final Norms norms;
  private final Dn suffix;
  private final Map<String, Node> byDn = new HashMap<>();
  /** Every node, for uniform and reproducible random picks; a node knows its slot. */
  private final List<Node> all = new ArrayList<>();

  DirectoryModel(SchemaManager sm, Norms norms, String suffix) throws LdapInvalidDnException {
    this.sm = sm;
    this.norms = norms;
    this.suffix = new Dn(sm, suffix);
  }

  Dn suffix() {
    return suffix;
  }

  /** Parses a DN against the schema. */
  Dn dn(String dn) throws LdapInvalidDnException {
    return new Dn(sm, dn);
  }

  int size() {
    return all.size();
  }

  /** The node at {@code dn}, or null; a DN parsed without the schema is normalized with it first. */
  Node get(Dn dn) {
    if (!dn.isSchemaAware()) {
      try {
        dn = new Dn(sm, dn.getName());
      } catch (LdapInvalidDnException e) {
        return null;
      }
    }
    return byDn.get(dn.getNormName());
  }

  /** The node whose DN has this normalized form, or null. */
  Node getByNorm(String normDn) {
    return byDn.get(normDn);
  }

  boolean contains(Dn dn) {
    return get(dn) != null;
  }

  Node random(Random rnd) {
    return all.get(rnd.nextInt(all.size()));
  }

  /** Depth below the suffix: the suffix is 0. */
  int depth(Dn dn) {
    return dn.size() - suffix.size();
  }

  /** Adds a copy of {@code entry}; its parent must be in the model (the suffix needs none). */
  void add(Entry entry) {
    Dn dn = entry.getDn();
    Node parent = dn.equals(suffix) ? null : get(dn.getParent());
    if ((parent == null && !dn.equals(suffix)) || contains(dn)) {
      throw new IllegalStateException("model cannot add " + dn);
    }
    Node node = new Node(entry.clone(), parent);
    if (parent != null) {
      parent.children.add(node);
    }
    index(node);
  }

  /** Deletes a leaf. */
  void delete(Dn dn) {
    Node node = get(dn);
    if (node == null || !node.isLeaf()) {
      throw new IllegalStateException("model cannot delete " + dn);
    }
    node.parent.children.remove(node);
    unindex(node);
  }

  /** Applies modifications as RFC 4511 §4.6 and RFC 4525 say, all or nothing. */
  void modify(Dn dn, List<Modification> mods) throws LdapException {
    Node node = get(dn);
    Entry work = node.entry.clone();
    for (Modification mod : mods) {
      apply(work, mod);
    }
    replaceContent(node, work);
  }

  private void apply(Entry entry, Modification mod) throws LdapException {
    Attribute given = mod.getAttribute();
    AttributeType type = given.getAttributeType();
    switch (mod.getOperation()) {
      case ADD_ATTRIBUTE:
        for (Value v : given) {
          if (!hasValue(entry, type, v)) {
            entry.add(type, v);
          }
        }
        break;
      case REMOVE_ATTRIBUTE:
        if (given.size() == 0) {
          entry.removeAttributes(type);
        } else {
          given.forEach(v -> removeValue(entry, type, v));
        }
        break;
      case REPLACE_ATTRIBUTE:
        entry.removeAttributes(type);
        if (given.size() > 0) {
          entry.put(given.clone());
        }
        break;
      case INCREMENT_ATTRIBUTE:
        increment(entry, type, new BigInteger(given.getString().trim()));
        break;
      default:
        throw new IllegalArgumentException(mod.toString());
    }
  }

  private void increment(Entry entry, AttributeType type, BigInteger delta) throws LdapException {
    Attribute attr = entry.get(type);
    List<String> bumped = new ArrayList<>();
    for (Value v : attr) {
      bumped.add(new BigInteger(v.getString().trim()).add(delta).toString());
    }
    entry.removeAttributes(type);
    entry.add(type, bumped.toArray(new String[0]));
  }

  /** Whether {@code entry} has value {@code v} of exactly {@code type}, by the equality rule. */
  boolean hasValue(Entry entry, AttributeType type, Value v) {
    Attribute attr = entry.get(type);
    if (attr == null) {
      return false;
    }
    String id = norms.identity(type, v);
    for (Value have : attr) {
      if (norms.identity(type, have).equals(id)) {
        return true;
      }
    }
    return false;
  }

  private void removeValue(Entry entry, AttributeType type, Value gone) {
    Attribute attr = entry.get(type);
    if (attr == null) {
      return;
    }
    String id = norms.identity(type, gone);
    List<Value> kept = new ArrayList<>();
    for (Value v : attr) {
      if (!norms.identity(type, v).equals(id)) {
        kept.add(v);
      }
    }
    entry.removeAttributes(type);
    if (!kept.isEmpty()) {
      try {
        entry.add(type, kept.toArray(new Value[0]));
      } catch (LdapException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void replaceContent(Node node, Entry source) throws LdapException {
    node.entry.clear();
    for (Attribute a : source) {
      node.entry.put(a.clone());
    }
    node.view = null;
  }

  /**
   * RFC 4511 §4.9 modifyDN: the new RDN's values join the entry, the old RDN's leave it if
   * {@code deleteOldRdn} (unless the new RDN has them too), and the whole subtree follows.
   */
  void moveAndRename(Dn dn, Dn newSuperior, Rdn newRdn, boolean deleteOldRdn) throws LdapException {
    Node node = get(dn);
    Node newParent = newSuperior == null ? node.parent : get(newSuperior);
    Rdn oldRdn = node.dn.getRdn();
    Entry work = node.entry.clone();
    if (newRdn != null) {
      for (Ava ava : newRdn) {
        if (!hasValue(work, ava.getAttributeType(), ava.getValue())) {
          work.add(ava.getAttributeType(), ava.getValue().getString());
        }
      }
      if (deleteOldRdn) {
        for (Ava ava : oldRdn) {
          if (!rdnHas(newRdn, ava)) {
            removeValue(work, ava.getAttributeType(), ava.getValue());
          }
        }
      }
    }
    replaceContent(node, work);
    Dn newDn = newParent.dn.add(newRdn == null ? oldRdn : newRdn);
    List<Node> subtree = subtree(node, true);
    subtree.forEach(n -> byDn.remove(n.dn.getNormName()));
    node.parent.children.remove(node);
    node.parent = newParent;
    newParent.children.add(node);
    redn(node, newDn);
    subtree.forEach(n -> byDn.put(n.dn.getNormName(), n));
  }

  private boolean rdnHas(Rdn rdn, Ava ava) {
    AttributeType type = ava.getAttributeType();
    String id = norms.identity(type, ava.getValue());
    for (Ava other : rdn) {
      if (other.getAttributeType().equals(type) && norms.identity(type, other.getValue()).equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Gives {@code node} its new DN and every descendant the DN that follows from it. */
  private static void redn(Node node, Dn newDn) throws LdapInvalidDnException {
    node.dn = newDn;
    node.entry.setDn(newDn);
    for (Node child : node.children) {
      redn(child, newDn.add(child.dn.getRdn()));
    }
  }

  /** The entries a search of {@code base} with {@code scope} covers; empty if there is no base. */
  List<Node> scope(Dn base, Scope scope) {
    Node node = get(base);
    if (node == null) {
      return List.of();
    }
    switch (scope) {
      case BASE:
        return List.of(node);
      case ONE:
        return new ArrayList<>(node.children);
      case SUB:
        return subtree(node, true);
      default:
        return subtree(node, false);
    }
  }

  /** {@code node}'s descendants, and itself if asked, depth first. */
  static List<Node> subtree(Node node, boolean withSelf) {
    List<Node> out = new ArrayList<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.push(node);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (n != node || withSelf) {
        out.add(n);
      }
      n.children.forEach(todo::push);
    }
    return out;
  }

  /** Whether {@code candidate} is {@code node} or below it. */
  static boolean isWithin(Node candidate, Node node) {
    for (Node n = candidate; n != null; n = n.parent) {
      if (n == node) {
        return true;
      }
    }
    return false;
  }

  private void index(Node node) {
    node.slot = all.size();
    all.add(node);
    byDn.put(node.dn.getNormName(), node);
  }

  private void unindex(Node node) {
    Node last = all.remove(all.size() - 1);
    if (last != node) {
      last.slot = node.slot;
      all.set(node.slot, last);
    }
    byDn.remove(node.dn.getNormName());
  }
}

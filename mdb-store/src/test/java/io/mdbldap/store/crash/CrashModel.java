package io.mdbldap.store.crash;

import static io.mdbldap.store.crash.CrashFixture.CONTAINERS;
import static io.mdbldap.store.crash.CrashFixture.SUFFIX;
import static io.mdbldap.store.crash.CrashFixture.depth;
import static io.mdbldap.store.crash.CrashFixture.parentOf;
import static io.mdbldap.store.crash.CrashFixture.rdnValue;

import io.mdbldap.store.crash.CrashFixture.Attrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the directory should hold: canonical DN to {@link Attrs}, and the operations that change it.
 * The child uses it to choose valid operations, the parent to know what must be on disk.
 */
final class CrashModel {
  /** The deepest an entry may be, counted in RDNs (the containers are at 3). */
  static final int MAX_DEPTH = 7;
  /** The largest subtree a MOVE carries. */
  static final int MAX_MOVED_SUBTREE = 12;

  enum Kind { ADD, MOD, DEL, MOVE }

  /**
   * One store call and its whole effect. ADD adds {@code cn=e<n>} with sn {@code s<n>} and
   * description {@code <n>}; MOD replaces sn and description with {@code s<n>} and {@code <n>};
   * DEL deletes a leaf; MOVE is one moveAndRename from {@code dn} to {@code newDn}.
   */
  record Op(Kind kind, String dn, String newDn, long n, boolean deleteOldRdn) {
    static Op add(String dn, long n) {
      return new Op(Kind.ADD, dn, null, n, false);
    }

    static Op mod(String dn, long n) {
      return new Op(Kind.MOD, dn, null, n, false);
    }

    static Op del(String dn) {
      return new Op(Kind.DEL, dn, null, -1, false);
    }

    static Op move(String dn, String newDn, long n, boolean deleteOldRdn) {
      return new Op(Kind.MOVE, dn, newDn, n, deleteOldRdn);
    }

    /** The text after BEGIN/ACK: {@code ADD <dn> <n>}, {@code MOD <dn> <n>}, {@code DEL <dn>}, {@code MOVE <old> <new> <deleteOldRdn> <n>}. */
    String format() {
      switch (kind) {
        case ADD:
        case MOD:
          return kind + " " + dn + " " + n;
        case DEL:
          return kind + " " + dn;
        default:
          return kind + " " + dn + " " + newDn + " " + deleteOldRdn + " " + n;
      }
    }

    static Op parse(String text) {
      String[] f = text.trim().split(" ");
      Kind kind = Kind.valueOf(f[0]);
      switch (kind) {
        case ADD:
          return add(f[1], Long.parseLong(f[2]));
        case MOD:
          return mod(f[1], Long.parseLong(f[2]));
        case DEL:
          return del(f[1]);
        default:
          return move(f[1], f[2], Long.parseLong(f[4]), Boolean.parseBoolean(f[3]));
      }
    }

    @Override
    public String toString() {
      return format();
    }
  }

  private final TreeMap<String, Attrs> entries;

  private CrashModel(TreeMap<String, Attrs> entries) {
    this.entries = entries;
  }

  /** The suffix and the three containers, as the parent creates them before the first round. */
  static CrashModel initial() {
    TreeMap<String, Attrs> m = new TreeMap<>();
    m.put(SUFFIX, new Attrs(Set.of("top", "domain"), Set.of(), Set.of(), Set.of()));
    for (String c : CONTAINERS) {
      m.put(c, new Attrs(Set.of("top", "organizationalunit"), Set.of(), Set.of(), Set.of()));
    }
    return new CrashModel(m);
  }

  static CrashModel of(Map<String, Attrs> entries) {
    return new CrashModel(new TreeMap<>(entries));
  }

  CrashModel copy() {
    return new CrashModel(new TreeMap<>(entries));
  }

  Map<String, Attrs> entries() {
    return entries;
  }

  int size() {
    return entries.size();
  }

  boolean contains(String dn) {
    return entries.containsKey(dn);
  }

  Attrs get(String dn) {
    return entries.get(dn);
  }

  static boolean isFixed(String dn) {
    return dn.equals(SUFFIX) || CONTAINERS.contains(dn);
  }

  /** The entry and everything below it. */
  List<String> subtree(String dn) {
    List<String> out = new ArrayList<>();
    String tail = "," + dn;
    for (String k : entries.keySet()) {
      if (k.equals(dn) || k.endsWith(tail)) {
        out.add(k);
      }
    }
    return out;
  }

  int children(String dn) {
    int n = 0;
    for (String k : entries.keySet()) {
      if (parentOf(k).equals(dn)) {
        n++;
      }
    }
    return n;
  }

  /** Applies {@code op}; throws IllegalStateException if it is not valid in this state. */
  void apply(Op op) {
    switch (op.kind()) {
      case ADD:
        require(!entries.containsKey(op.dn()), op, "the DN exists");
        require(entries.containsKey(parentOf(op.dn())), op, "the parent is missing");
        entries.put(op.dn(), Attrs.person(op.n()));
        break;
      case MOD: {
        Attrs a = entries.get(op.dn());
        require(a != null && a.isPerson(), op, "no such person");
        entries.put(op.dn(), new Attrs(a.objectClass(), a.cn(), Set.of("s" + op.n()), Set.of(Long.toString(op.n()))));
        break;
      }
      case DEL:
        require(entries.containsKey(op.dn()) && !isFixed(op.dn()), op, "no such entry");
        require(children(op.dn()) == 0, op, "not a leaf");
        entries.remove(op.dn());
        break;
      case MOVE: {
        String from = op.dn();
        String to = op.newDn();
        Attrs a = entries.get(from);
        require(a != null && !isFixed(from), op, "no such entry");
        require(!entries.containsKey(to), op, "the new DN exists");
        require(entries.containsKey(parentOf(to)), op, "the new parent is missing");
        List<String> moved = subtree(from);
        require(!moved.contains(parentOf(to)), op, "the new parent is below the entry");
        String oldValue = rdnValue(from);
        String newValue = rdnValue(to);
        for (String k : moved) {
          Attrs v = entries.remove(k);
          String nk = k.substring(0, k.length() - from.length()) + to;
          if (k.equals(from)) {
            Set<String> cn = new TreeSet<>(v.cn());
            if (!oldValue.equals(newValue)) {
              if (op.deleteOldRdn()) {
                cn.remove(oldValue);
              }
              cn.add(newValue);
            }
            v = new Attrs(v.objectClass(), cn, v.sn(), v.description());
          }
          entries.put(nk, v);
        }
        break;
      }
      default:
        throw new IllegalStateException(op.toString());
    }
  }

  private static void require(boolean condition, Op op, String why) {
    if (!condition) {
      throw new IllegalStateException("operation " + op + " does not apply to the model: " + why);
    }
  }

  /** The largest number an operation has used so far, so fresh names and values never repeat. */
  long maxNumber() {
    long max = 0;
    for (Map.Entry<String, Attrs> e : entries.entrySet()) {
      for (String cn : e.getValue().cn()) {
        max = Math.max(max, Long.parseLong(cn.substring(1)));
      }
      for (String d : e.getValue().description()) {
        max = Math.max(max, Long.parseLong(d));
      }
    }
    return max;
  }

  /**
   * A random valid operation; fresh numbers come from {@code counter[0]++}. The mix keeps the
   * population around 50-250 persons.
   */
  Op randomOp(Random rnd, long[] counter) {
    List<String> persons = new ArrayList<>();
    for (String k : entries.keySet()) {
      if (!isFixed(k)) {
        persons.add(k);
      }
    }
    int n = persons.size();
    int add = n < 50 ? 70 : n > 250 ? 10 : 30;
    int del = n < 50 ? 5 : n > 250 ? 45 : 25;
    int mod = 25;
    int r = rnd.nextInt(add + del + mod + 20);
    Op op = null;
    if (r < add) {
      op = null; // falls through to ADD below
    } else if (r < add + del) {
      op = randomDelete(rnd, persons);
    } else if (r < add + del + mod) {
      op = n == 0 ? null : Op.mod(persons.get(rnd.nextInt(n)), counter[0]++);
    } else {
      op = randomMove(rnd, persons, counter);
    }
    if (op == null) {
      op = randomAdd(rnd, persons, counter);
    }
    return op;
  }

  private Op randomAdd(Random rnd, List<String> persons, long[] counter) {
    List<String> parents = new ArrayList<>(CONTAINERS);
    for (String p : persons) {
      if (depth(p) < MAX_DEPTH) {
        parents.add(p);
      }
    }
    // Favour the containers so the tree stays bushy rather than deep.
    String parent = rnd.nextInt(3) == 0 ? CONTAINERS.get(rnd.nextInt(CONTAINERS.size())) : parents.get(rnd.nextInt(parents.size()));
    long c = counter[0]++;
    return Op.add("cn=e" + c + "," + parent, c);
  }

  private Op randomDelete(Random rnd, List<String> persons) {
    List<String> leaves = new ArrayList<>();
    for (String p : persons) {
      if (children(p) == 0) {
        leaves.add(p);
      }
    }
    return leaves.isEmpty() ? null : Op.del(leaves.get(rnd.nextInt(leaves.size())));
  }

  private Op randomMove(Random rnd, List<String> persons, long[] counter) {
    if (persons.isEmpty()) {
      return null;
    }
    String from = null;
    List<String> sub = null;
    for (int tries = 0; tries < 10 && from == null; tries++) {
      String candidate = persons.get(rnd.nextInt(persons.size()));
      List<String> s = subtree(candidate);
      if (s.size() <= MAX_MOVED_SUBTREE) {
        from = candidate;
        sub = s;
      }
    }
    if (from == null) {
      return null;
    }
    int height = 0;
    for (String k : sub) {
      height = Math.max(height, depth(k) - depth(from));
    }
    int variant = rnd.nextInt(3); // 0: move, 1: rename, 2: move and rename
    String parent = parentOf(from);
    String newParent = parent;
    if (variant != 1) {
      List<String> targets = new ArrayList<>();
      for (String t : entries.keySet()) {
        if (!t.equals(SUFFIX) && !t.equals(parent) && !sub.contains(t) && depth(t) + 1 + height <= MAX_DEPTH) {
          targets.add(t);
        }
      }
      if (targets.isEmpty()) {
        return null;
      }
      newParent = targets.get(rnd.nextInt(targets.size()));
    }
    long c = counter[0]++;
    String rdn = variant == 0 ? from.substring(0, from.indexOf(',')) : "cn=e" + c;
    String to = rdn + "," + newParent;
    if (entries.containsKey(to)) {
      return null;
    }
    return Op.move(from, to, c, rnd.nextInt(4) != 0);
  }
}

package io.mdbldap.store.model;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchSpec;
import io.mdbldap.store.StoreConfig;
import io.mdbldap.store.Subordinates;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapAttributeInUseException;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchAttributeException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * One randomized run against one index configuration: load the tree, then interleave searches
 * (checked against {@link FilterOracle} over the {@link DirectoryModel}) with adds, deletes,
 * modifies and subtree moves (checked against the model's hand-written semantics), reopen the
 * store half way, and check {@code verify()} and the subordinate counts at checkpoints.
 *
 * <p>Everything random comes from one seeded {@link Random} and the model's iteration order is
 * deterministic, so a seed replays the same run. Search mismatches are collected (up to
 * {@code model.maxFailures}) since they leave both sides intact; a failed update ends the run
 * at once, as the two sides have then parted.
 */
final class ModelRun {
  static final String SUFFIX = "dc=example,dc=com";

  /** How a run is set up; the defaults are the CI budget. */
  record Settings(long seed, int steps, int initialEntries, int maxFailures, String reproduce) {
    static Settings fromSystemProperties(String testMethod) {
      long seed = Long.getLong("model.seed", 20261121L);
      int steps = Integer.getInteger("model.steps", 4_500);
      int entries = Integer.getInteger("model.entries", 2_000);
      int maxFailures = Integer.getInteger("model.maxFailures", 10);
      String reproduce = "mvn -B -o -q -pl mdb-store test -Dtest='io.mdbldap.store.model.StoreModelTest#" + testMethod
          + "' -Dmodel.seed=" + seed + " -Dmodel.steps=" + steps + " -Dmodel.entries=" + entries;
      return new Settings(seed, steps, entries, maxFailures, reproduce);
    }
  }

  private final Settings settings;
  private final String configName;
  private final StoreConfig config;
  private final SchemaManager sm = ModelSchema.get();
  private final Norms norms = new Norms();
  private final FilterOracle oracle = new FilterOracle(sm, norms);
  private final Random rnd;
  private final ValueGen v;
  private final DirectoryModel model;
  private final EntryGenerator entries;
  private final FilterGenerator filters;
  private final Deque<String> history = new ArrayDeque<>();
  private final List<String> failures = new ArrayList<>();
  private final RunStats stats = new RunStats();
  private MdbStore store;
  private int step;

  ModelRun(Settings settings, String configName, IndexConfig indices, Path dir) throws LdapException {
    this.settings = settings;
    this.configName = configName;
    this.config = StoreConfig.builder(dir, SUFFIX).durable(false).indices(indices).build();
    this.rnd = new Random(settings.seed() ^ configName.hashCode());
    this.v = new ValueGen(rnd);
    this.model = new DirectoryModel(sm, norms, SUFFIX);
    this.entries = new EntryGenerator(sm, v, model, norms);
    this.filters = new FilterGenerator(sm, v, model);
  }

  /** Runs the whole scenario; returns a one-line summary, or throws AssertionError. */
  String run() throws Exception {
    long start = System.nanoTime();
    store = MdbStore.open(config, sm);
    try {
      steps();
    } catch (AssertionError stop) {
      failures.add(stop.getMessage()); // keep the search mismatches collected before it
    } catch (LdapException | RuntimeException unexpected) {
      StackTraceElement[] at = unexpected.getStackTrace();
      failures.add(header("unexpected exception: " + unexpected + (at.length > 0 ? "\n    at " + at[0] : ""))
          .append(footer()).toString());
    } finally {
      store.close();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " failure(s):\n\n" + String.join("\n\n", failures));
    }
    return configName + ": " + stats + String.format(" in %.1f s", (System.nanoTime() - start) / 1e9);
  }

  private void steps() throws Exception {
    populate();
    checkpoint("after the initial load");
    for (step = 1; step <= settings.steps(); step++) {
      if (step == settings.steps() / 2) {
        reopen();
      }
      oneStep();
      if (step % 3000 == 0) {
        checkpoint("periodic");
      }
    }
    checkpoint("at the end");
  }

  private void populate() throws LdapException {
    Entry suffix = entries.suffixEntry();
    store.add(suffix.clone());
    model.add(suffix);
    while (model.size() < settings.initialEntries()) {
      Entry e = entries.newEntry();
      store.add(e.clone());
      model.add(e);
    }
  }

  private void oneStep() throws Exception {
    int r = rnd.nextInt(1000);
    int grow = model.size() < settings.initialEntries() ? 20 : 0;
    if (r < 790) {
      search();
    } else if (r < 840 + grow) {
      add();
    } else if (r < 870) {
      deleteLeaf();
    } else if (r < 925) {
      modify();
    } else if (r < 955) {
      move();
    } else if (r < 975) {
      refusedUpdate();
    } else if (r < 988) {
      subordinates();
    } else {
      lookup();
    }
  }

  // ---------------------------------------------------------------- searches

  private void search() throws Exception {
    String filter = filters.filter();
    ExprNode forOracle;
    try {
      forOracle = FilterParser.parse(filter);
    } catch (ParseException e) {
      stats.unparsable++;
      return;
    }
    Dn base = base();
    Scope scope = Scope.values()[rnd.nextInt(4)];
    String form = rnd.nextInt(100) < 70 ? "plain" : rnd.nextBoolean() ? "schema-aware" : "ApacheDS";
    Map<String, DirectoryModel.Node> expected = expected(forOracle, base, scope);
    ExprNode forStore = storeForm(filter, form);
    if (forStore == null || (form.equals("schema-aware") && !sameMeaning(expected, forStore, base, scope))) {
      form = "plain"; // FilterParser.parse(sm, f) truncates filters with unknown attributes
      forStore = FilterParser.parse(filter);
    }
    Set<String> keys = expected == null ? null : expected.keySet();
    long limit = keys != null && keys.size() > 1 && rnd.nextInt(100) < 3 ? 1 + rnd.nextInt(keys.size() - 1) : 0;
    SearchOutcome got = SearchOutcome.run(store, sm, SearchSpec.builder(base).scope(scope).filter(forStore).sizeLimit(limit).build());
    stats.searches++;
    String problem = got.problemAgainst(keys, limit);
    if (problem != null) {
      searchFailure(problem, filter, form, base, scope, expected, got);
    } else if (!got.byDn.isEmpty() && rnd.nextInt(20) == 0) {
      Entry e = new ArrayList<>(got.byDn.values()).get(rnd.nextInt(got.byDn.size()));
      compareContent("search result", e, model.get(dnOf(e)));
    }
    stats.count(keys);
  }

  /** The suffix, a missing entry, or (mostly) an inner entry: leaves make too many empty results. */
  private Dn base() throws LdapException {
    int r = rnd.nextInt(100);
    if (r < 4) {
      return model.suffix(); // few: every entry is in scope, and decoding results is what costs
    }
    if (r < 11) {
      return r == 10 ? new Dn(sm, "dc=other,dc=org") : entries.missingDn();
    }
    DirectoryModel.Node n = model.random(rnd);
    while (n.parent() != null && (n.isLeaf() || rnd.nextInt(5) == 0)) {
      n = n.parent();
    }
    int spelling = rnd.nextInt(20);
    return spelling < 3 ? new Dn(sm, v.respell(n.dn())) : spelling < 4 ? new Dn(v.respell(n.dn())) : n.dn();
  }

  private boolean sameMeaning(Map<String, DirectoryModel.Node> expected, ExprNode other, Dn base, Scope scope) {
    try {
      return Objects.equals(expected, expected(other, base, scope));
    } catch (RuntimeException broken) {
      return false; // e.g. a null child where the parser met an unknown attribute
    }
  }

  /** The filter as the store gets it: parsed plain, parsed against the schema, or as ApacheDS has it. */
  private ExprNode storeForm(String filter, String form) throws ParseException {
    if (form.equals("ApacheDS")) {
      return FilterGenerator.apacheDsForm(FilterParser.parse(filter), sm);
    }
    if (form.equals("schema-aware")) {
      try {
        return FilterParser.parse(sm, filter);
      } catch (ParseException | RuntimeException notRepresentable) {
        return null; // invalid assertion values have no schema-aware form
      }
    }
    return FilterParser.parse(filter);
  }

  /** The entries the oracle selects, by normalized DN, or null when the base does not exist. */
  private Map<String, DirectoryModel.Node> expected(ExprNode filter, Dn base, Scope scope) {
    if (!model.contains(base)) {
      return null;
    }
    FilterOracle.Compiled compiled = oracle.compile(filter);
    Map<String, DirectoryModel.Node> out = new HashMap<>();
    for (DirectoryModel.Node n : model.scope(base, scope)) {
      if (compiled.test(n.view()) == Truth.TRUE) {
        out.put(n.dn().getNormName(), n);
      }
    }
    return out;
  }

  private void searchFailure(String problem, String filter, String form, Dn base, Scope scope,
      Map<String, DirectoryModel.Node> expected, SearchOutcome got) {
    StringBuilder b = header("search mismatch: " + problem);
    b.append("\n  filter: ").append(filter).append("   (passed to the store ").append(form).append(")");
    b.append("\n  base:   ").append(base.getName()).append(model.contains(base) ? "" : "   (no such entry in the model)");
    b.append("\n  scope:  ").append(scope);
    String smallest = FilterShrinker.shrink(filter, f -> disagrees(f, base, scope));
    if (!smallest.equals(filter)) {
      b.append("\n  smallest part that still disagrees: ").append(smallest).append(describeSmallest(smallest, base, scope));
    }
    if (expected != null && got.error == null) {
      List<String> missing = minus(expected.keySet(), got.byDn.keySet());
      List<String> extra = minus(got.byDn.keySet(), expected.keySet());
      appendDiff(b, "missing (the oracle selects them, the store did not return them)", missing, expected::get);
      appendDiff(b, "extra (the store returned them, the oracle does not select them)", extra, model::getByNorm);
    }
    failures.add(b.append(footer()).toString());
    stats.mismatches++;
    if (failures.size() >= settings.maxFailures()) {
      throw new AssertionError("stopping after " + failures.size() + " search mismatches");
    }
  }

  /** Whether the store (given the plain filter) and the oracle disagree on {@code filter}. */
  private boolean disagrees(String filter, Dn base, Scope scope) {
    try {
      ExprNode node = FilterParser.parse(filter);
      Map<String, DirectoryModel.Node> expected = expected(node, base, scope);
      SearchOutcome got = SearchOutcome.run(store, sm, SearchSpec.builder(base).scope(scope).filter(FilterParser.parse(filter)).build());
      return got.problemAgainst(expected == null ? null : expected.keySet(), 0) != null;
    } catch (ParseException e) {
      return false;
    }
  }

  private String describeSmallest(String filter, Dn base, Scope scope) {
    try {
      Map<String, DirectoryModel.Node> expected = expected(FilterParser.parse(filter), base, scope);
      SearchOutcome got = SearchOutcome.run(store, sm, SearchSpec.builder(base).scope(scope).filter(FilterParser.parse(filter)).build());
      List<String> missing = minus(expected.keySet(), got.byDn.keySet());
      List<String> extra = minus(got.byDn.keySet(), expected.keySet());
      String example = !missing.isEmpty() ? "\n    e.g. the store misses:\n" + indent(expected.get(missing.get(0)).entry().toString())
          : !extra.isEmpty() && model.getByNorm(extra.get(0)) != null
              ? "\n    e.g. the store wrongly returns:\n" + indent(model.getByNorm(extra.get(0)).entry().toString()) : "";
      return " (oracle " + expected.size() + ", store " + got.byDn.size() + (got.error == null ? "" : ", error " + got.error) + ")" + example;
    } catch (ParseException | RuntimeException e) {
      return "";
    }
  }

  private static void appendDiff(StringBuilder b, String label, List<String> dns,
      java.util.function.Function<String, DirectoryModel.Node> nodes) {
    b.append("\n  ").append(label).append(": ").append(dns.size());
    for (String dn : dns.subList(0, Math.min(8, dns.size()))) {
      DirectoryModel.Node n = nodes.apply(dn);
      b.append("\n    ").append(n == null ? dn + "   (not in the model)" : n.dn().getName());
    }
    if (!dns.isEmpty() && nodes.apply(dns.get(0)) != null) {
      b.append("\n  the model's entry for the first one:\n").append(indent(nodes.apply(dns.get(0)).entry().toString()));
    }
  }

  private static List<String> minus(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>(new TreeSet<>(a));
    out.removeAll(b);
    return out;
  }

  // ---------------------------------------------------------------- updates

  private void add() throws LdapException {
    Entry e = entries.newEntry();
    note("add " + e.getDn().getName());
    store.add(e.clone());
    model.add(e);
    stats.adds++;
    if (rnd.nextInt(10) == 0) {
      compareContent("lookup after add", store.lookup(e.getDn()), model.get(e.getDn()));
    }
  }

  private void deleteLeaf() throws LdapException {
    DirectoryModel.Node n = randomLeaf();
    if (n == null) {
      return;
    }
    note("delete " + n.dn().getName());
    Entry was = store.delete(n.dn());
    compareContent("entry returned by delete", was, n);
    model.delete(n.dn());
    stats.deletes++;
    expectAbsent(n.dn(), "after delete");
  }

  private DirectoryModel.Node randomLeaf() {
    for (int i = 0; i < 30; i++) {
      DirectoryModel.Node n = model.random(rnd);
      if (n.isLeaf() && n.parent() != null) {
        return n;
      }
    }
    return null;
  }

  private void modify() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    List<Modification> mods = entries.modifications(n);
    if (mods.isEmpty()) {
      return;
    }
    note("modify " + n.dn().getName() + " " + mods);
    Entry after = store.modify(n.dn(), mods);
    model.modify(n.dn(), mods);
    stats.modifies++;
    compareContent("entry returned by modify", after, n);
  }

  private void move() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    if (n.parent() == null) {
      return;
    }
    Dn superior = rnd.nextBoolean() ? null : newSuperiorFor(n);
    Dn parent = superior == null ? n.parent().dn() : superior;
    boolean keepRdn = superior != null && rnd.nextInt(10) >= 6 && !model.contains(parent.add(n.dn().getRdn()));
    Rdn rdn = keepRdn ? null : entries.renameRdn(n, parent);
    boolean deleteOldRdn = rnd.nextBoolean();
    Dn oldDn = n.dn();
    note("moveAndRename " + oldDn.getName() + " under " + (superior == null ? "(same)" : superior.getName())
        + " as " + (rdn == null ? "(same)" : rdn.getName()) + " deleteOldRdn=" + deleteOldRdn);
    Entry after = store.moveAndRename(oldDn, superior, rdn, deleteOldRdn);
    model.moveAndRename(oldDn, superior, rdn, deleteOldRdn);
    stats.moves++;
    compareContent("entry returned by moveAndRename", after, n);
    if (!n.dn().equals(oldDn)) {
      expectAbsent(oldDn, "after moveAndRename");
    }
  }

  /** An entry outside {@code n}'s subtree that keeps the tree within the depth limit. */
  private Dn newSuperiorFor(DirectoryModel.Node n) {
    int height = entries.height(n);
    for (int i = 0; i < 20; i++) {
      DirectoryModel.Node p = model.random(rnd);
      boolean fits = model.depth(p.dn()) + 1 + height <= EntryGenerator.MAX_DEPTH + 1;
      if (fits && !DirectoryModel.isWithin(p, n) && (EntryGenerator.isContainer(p.dn()) || rnd.nextInt(10) == 0)) {
        return p.dn();
      }
    }
    return null;
  }

  /** Updates LDAP says must fail; each must fail with its result code and change nothing. */
  private void refusedUpdate() throws LdapException {
    switch (rnd.nextInt(10)) {
      case 0:
        refusedAddOfExisting();
        break;
      case 1:
        refused("add under a missing parent", LdapNoSuchObjectException.class,
            () -> store.add(entries.entry(entries.missingDn().add(new Rdn(sm, "cn=orphan")), EntryGenerator.Shape.PERSON)));
        break;
      case 2:
        refusedDeleteOfNonLeaf();
        break;
      case 3:
        Dn missing = entries.missingDn();
        refused("delete of " + missing.getName(), LdapNoSuchObjectException.class, () -> store.delete(missing));
        break;
      case 4:
        refusedMoveUnderItself();
        break;
      case 5:
        refusedMoveOntoExisting();
        break;
      case 6:
        refusedMoveToMissingSuperior();
        break;
      case 7:
      case 8:
        refusedModify();
        break;
      default:
        Dn gone = entries.missingDn();
        refused("modify of " + gone.getName(), LdapNoSuchObjectException.class,
            () -> store.modify(gone, List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "description", "x"))));
    }
  }

  /**
   * A valid modification followed by one RFC 4511 refuses: adding a value the entry has (in
   * another spelling), removing one it lacks, or incrementing a missing attribute. The request
   * must fail as a whole; the valid first part must not stick.
   */
  private void refusedModify() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    AttributeType description = sm.getAttributeType("description");
    Attribute fresh = new DefaultAttribute(description, "refused " + rnd.nextInt(1000));
    List<Modification> mods = new ArrayList<>(List.of(new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, fresh)));
    Attribute cn = n.entry().get("cn");
    int kind = rnd.nextInt(3);
    if (kind == 0 && cn != null) {
      mods.add(new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "cn", v.recase(cn.getString()) + "  "));
      refused("modify adding an existing cn value to " + n.dn().getName(), LdapAttributeInUseException.class,
          () -> store.modify(n.dn(), mods));
    } else if (kind == 1) {
      mods.add(new DefaultModification(ModificationOperation.REMOVE_ATTRIBUTE, "title", "no such title"));
      refused("modify removing a missing title value from " + n.dn().getName(), LdapNoSuchAttributeException.class,
          () -> store.modify(n.dn(), mods));
    } else {
      boolean has = n.entry().get("pwdMaxFailure") != null;
      mods.add(new DefaultModification(ModificationOperation.INCREMENT_ATTRIBUTE, has ? "l" : "pwdMaxFailure", "1"));
      refused("modify incrementing " + (has ? "a non-integer" : "a missing") + " attribute of " + n.dn().getName(),
          has ? LdapException.class : LdapNoSuchAttributeException.class, () -> store.modify(n.dn(), mods));
    }
    expectPresent(n);
  }

  private void refusedAddOfExisting() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    Entry copy = n.entry().clone();
    copy.setDn(rnd.nextBoolean() ? n.dn() : new Dn(sm, v.respell(n.dn())));
    refused("add of existing " + copy.getDn().getName(), LdapEntryAlreadyExistsException.class, () -> store.add(copy));
  }

  private void refusedDeleteOfNonLeaf() throws LdapException {
    for (int i = 0; i < 20; i++) {
      DirectoryModel.Node n = model.random(rnd);
      if (!n.isLeaf()) {
        refused("delete of non-leaf " + n.dn().getName(), LdapContextNotEmptyException.class, () -> store.delete(n.dn()));
        compareContent("non-leaf after refused delete", store.lookup(n.dn()), n);
        return;
      }
    }
  }

  private void refusedMoveUnderItself() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    if (n.parent() == null) {
      return;
    }
    List<DirectoryModel.Node> inside = DirectoryModel.subtree(n, true);
    DirectoryModel.Node target = inside.get(rnd.nextInt(inside.size()));
    refused("move of " + n.dn().getName() + " under " + target.dn().getName(), LdapUnwillingToPerformException.class,
        () -> store.moveAndRename(n.dn(), target.dn(), rnd.nextBoolean() ? null : new Rdn(sm, "ou=loop"), true));
    expectPresent(n);
  }

  private void refusedMoveOntoExisting() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    DirectoryModel.Node other = model.random(rnd);
    if (n.parent() == null || other.parent() == null || other == n || DirectoryModel.isWithin(other.parent(), n)) {
      return;
    }
    refused("move of " + n.dn().getName() + " onto existing " + other.dn().getName(), LdapEntryAlreadyExistsException.class,
        () -> store.moveAndRename(n.dn(), other.parent().dn(), other.dn().getRdn(), rnd.nextBoolean()));
    expectPresent(n);
  }

  private void refusedMoveToMissingSuperior() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    if (n.parent() == null) {
      return;
    }
    Dn missing = entries.missingDn();
    refused("move of " + n.dn().getName() + " under missing " + missing.getName(), LdapNoSuchObjectException.class,
        () -> store.moveAndRename(n.dn(), missing, null, false));
    expectPresent(n);
  }

  private interface Update {
    void run() throws LdapException;
  }

  private void refused(String what, Class<? extends LdapException> expected, Update update) {
    note("refused " + what);
    stats.refused++;
    try {
      update.run();
    } catch (LdapException e) {
      if (!expected.isInstance(e)) {
        fail(what + ": expected " + expected.getSimpleName() + " but got " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      return;
    }
    fail(what + ": expected " + expected.getSimpleName() + " but the store accepted it");
  }

  // ---------------------------------------------------------------- point checks

  private void subordinates() throws LdapException {
    if (rnd.nextInt(10) == 0) {
      Dn missing = entries.missingDn();
      refused("subordinates of " + missing.getName(), LdapNoSuchObjectException.class, () -> store.subordinates(missing));
    }
    DirectoryModel.Node n = model.random(rnd);
    Subordinates s = store.subordinates(n.dn());
    long subtree = DirectoryModel.subtree(n, true).size();
    if (s.children() != n.children().size() || s.subtree() != subtree) {
      fail("subordinates(" + n.dn().getName() + ") = " + s + " but the model has children=" + n.children().size()
          + ", subtree=" + subtree);
    }
    stats.pointChecks++;
  }

  private void lookup() throws LdapException {
    DirectoryModel.Node n = model.random(rnd);
    Dn spelled = rnd.nextBoolean() ? n.dn() : new Dn(sm, v.respell(n.dn()));
    compareContent("lookup(" + spelled.getName() + ")", store.lookup(spelled), n);
    if (!store.exists(spelled) || store.idOf(spelled).isEmpty()) {
      fail("exists/idOf(" + spelled.getName() + ") says absent, lookup found it");
    }
    expectAbsent(entries.missingDn(), "lookup of a missing DN");
    stats.pointChecks++;
  }

  private void expectAbsent(Dn dn, String when) throws LdapException {
    if (store.lookup(dn) != null || store.exists(dn)) {
      fail(when + ": " + dn.getName() + " is still (or already) in the store");
    }
  }

  private void expectPresent(DirectoryModel.Node n) throws LdapException {
    compareContent("entry after a refused update", store.lookup(n.dn()), n);
  }

  /** The entry's DN and attributes (as sets of normalized values) must equal the model's. */
  private void compareContent(String what, Entry actual, DirectoryModel.Node expected) {
    if (expected == null) {
      fail(what + ": the store returned " + (actual == null ? "null" : actual.getDn()) + " which the model lacks");
      return;
    }
    if (actual == null) {
      fail(what + ": the store has no entry, the model has\n" + indent(expected.entry().toString()));
      return;
    }
    if (!dnOf(actual).getNormName().equals(expected.dn().getNormName())) {
      fail(what + ": DN " + actual.getDn() + ", the model says " + expected.dn());
    }
    TreeMap<String, Set<String>> a = content(actual);
    TreeMap<String, Set<String>> e = content(expected.entry());
    if (!a.equals(e)) {
      fail(what + " for " + expected.dn().getName() + ": attributes differ (normalized values)" + diff(a, e));
    }
  }

  private static String diff(TreeMap<String, Set<String>> store, TreeMap<String, Set<String>> model) {
    StringBuilder b = new StringBuilder();
    Set<String> names = new TreeSet<>(store.keySet());
    names.addAll(model.keySet());
    for (String name : names) {
      if (!Objects.equals(store.get(name), model.get(name))) {
        b.append("\n    ").append(name).append(": store ").append(store.get(name)).append(", model ").append(model.get(name));
      }
    }
    return b.toString();
  }

  private TreeMap<String, Set<String>> content(Entry entry) {
    TreeMap<String, Set<String>> out = new TreeMap<>();
    for (Attribute attr : entry) {
      AttributeType type = attr.getAttributeType() != null ? attr.getAttributeType() : sm.getAttributeType(attr.getId());
      Set<String> values = out.computeIfAbsent(type.getName(), k -> new TreeSet<>());
      for (Value val : attr) {
        values.add(norms.identity(type, val.isSchemaAware() ? val : schemaAware(type, val)));
      }
    }
    return out;
  }

  private static Value schemaAware(AttributeType type, Value raw) {
    try {
      return raw.isHumanReadable() ? new Value(type, raw.getString()) : new Value(type, raw.getBytes());
    } catch (LdapException e) {
      return raw;
    }
  }

  private Dn dnOf(Entry e) {
    try {
      return e.getDn().isSchemaAware() ? e.getDn() : new Dn(sm, e.getDn().getName());
    } catch (LdapException ex) {
      throw new IllegalStateException(ex);
    }
  }

  // ---------------------------------------------------------------- checkpoints

  private void checkpoint(String when) throws LdapException {
    List<String> problems = store.verify();
    if (!problems.isEmpty()) {
      fail("verify() " + when + " found " + problems.size() + " problem(s): "
          + problems.subList(0, Math.min(10, problems.size())));
    }
    if (store.stats().entries() != model.size()) {
      fail("stats().entries() " + when + " = " + store.stats().entries() + ", the model has " + model.size());
    }
    SearchOutcome all = SearchOutcome.run(store, sm, SearchSpec.builder(model.suffix()).build());
    Set<String> everything = new HashSet<>();
    DirectoryModel.subtree(model.get(model.suffix()), true).forEach(n -> everything.add(n.dn().getNormName()));
    String problem = all.problemAgainst(everything, 0);
    if (problem != null) {
      fail("listing every entry " + when + ": " + problem + "; missing " + minus(everything, all.byDn.keySet())
          + ", extra " + minus(all.byDn.keySet(), everything));
    }
    for (int i = 0; i < 20; i++) {
      subordinates();
    }
  }

  private void reopen() throws LdapException {
    note("close and reopen");
    store.close();
    store = MdbStore.open(config, sm);
    if (store.stats().reindexNeeded()) {
      fail("reopening with the same index configuration asks for a reindex");
    }
    checkpoint("after reopening");
  }

  // ---------------------------------------------------------------- reporting

  private void note(String what) {
    history.addLast("step " + step + ": " + what);
    if (history.size() > 8) {
      history.removeFirst();
    }
  }

  private void fail(String what) {
    throw new AssertionError(header(what).append(footer()).toString());
  }

  private StringBuilder header(String what) {
    return new StringBuilder("[model test, config=").append(configName).append(", seed=").append(settings.seed())
        .append(", step=").append(step).append(", entries=").append(model.size()).append("] ").append(what);
  }

  private String footer() {
    return "\n  last updates:\n    " + String.join("\n    ", history)
        + "\n  reproduce: " + settings.reproduce();
  }

  private static String indent(String s) {
    return "    " + s.strip().replace("\n", "\n    ");
  }
}

package io.mdbldap.store.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.Scope;
import java.util.Random;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

/**
 * Proves the generators are worth running, without the store: the tree is deep, the filters
 * parse, and the oracle's answers are mixed (many non-empty, many empty, not all everything).
 * A randomized test whose filters all match nothing would pass against any store.
 */
class GeneratorSelfTest {
  @Test
  void generatedTreeAndFiltersAreNonTrivial() throws Exception {
    SchemaManager sm = ModelSchema.get();
    Norms norms = new Norms();
    Random rnd = new Random(7);
    ValueGen v = new ValueGen(rnd);
    DirectoryModel model = new DirectoryModel(sm, norms, ModelRun.SUFFIX);
    EntryGenerator entries = new EntryGenerator(sm, v, model, norms);
    model.add(entries.suffixEntry());
    int maxDepth = 0;
    while (model.size() < 2000) {
      Entry e = entries.newEntry();
      model.add(e);
      maxDepth = Math.max(maxDepth, model.depth(e.getDn()));
    }
    assertTrue(maxDepth >= 5, "tree depth " + maxDepth);

    FilterGenerator filters = new FilterGenerator(sm, v, model);
    FilterOracle oracle = new FilterOracle(sm, norms);
    int n = 1000;
    int nonEmpty = 0;
    int all = 0;
    int unparsable = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String f = filters.filter();
      ExprNode node;
      try {
        node = FilterParser.parse(f);
      } catch (java.text.ParseException e) {
        unparsable++;
        continue;
      }
      FilterOracle.Compiled c = oracle.compile(node);
      int matched = 0;
      for (DirectoryModel.Node x : model.scope(model.suffix(), Scope.SUB)) {
        matched += c.test(x.view()) == Truth.TRUE ? 1 : 0;
      }
      nonEmpty += matched > 0 ? 1 : 0;
      all += matched == model.size() ? 1 : 0;
    }
    double ms = (System.nanoTime() - start) / 1e6 / n;
    System.out.printf("[generator self-test] depth %d, %d/%d filters match something, %d match everything,"
        + " %d unparsable, %.2f ms per filter over %d entries%n", maxDepth, nonEmpty, n, all, unparsable, ms, model.size());
    assertTrue(unparsable < n / 50, unparsable + " unparsable filters");
    assertTrue(nonEmpty > n * 0.4, nonEmpty + " non-empty results");
    assertTrue(nonEmpty < n * 0.9, nonEmpty + " non-empty results: too few filters select nothing");
    assertTrue(all < n * 0.25, all + " filters select every entry");
  }
}

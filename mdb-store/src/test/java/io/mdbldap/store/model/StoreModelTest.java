package io.mdbldap.store.model;

import io.mdbldap.store.IndexConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-based randomized test of the store: two thousand random entries and more, about 3,500
 * random filters for each of three index configurations (over ten thousand in all), random updates
 * in between, each search compared with a brute-force oracle over an in-memory model. See
 * {@link ModelRun} for the scenario.
 *
 * <p>Seeded and reproducible: {@code -Dmodel.seed=N} (default 20261121), {@code -Dmodel.steps=N}
 * (default 4500 per configuration, 79% of them searches), {@code -Dmodel.entries=N} (default 2000),
 * {@code -Dmodel.maxFailures=N} (search mismatches collected before stopping, default 10).
 * Every failure message ends with the command that replays it, and a search mismatch also names
 * the smallest part of the filter the store and the oracle still disagree on.
 */
class StoreModelTest {

  /** Every attribute the generators use indexed for every kind its rules support, a few left out. */
  static IndexConfig manyIndices() {
    return IndexConfig.builder()
        .add("objectClass", "eq,pres")
        .add("cn,sn,givenName,displayName,description,ou,o,businessCategory,uid,employeeNumber", "eq,pres,sub,approx")
        .add("mail", "eq,pres,sub,approx")
        .add("ads-keystoreFile,dnQualifier", "eq,pres,sub,ordering")
        .add("telephoneNumber", "eq,pres,sub")
        .add("revisions,pwdMaxFailure", "eq,pres,ordering")
        .add("uidNumber,gidNumber", "eq,pres") // integerMatch without an ORDERING rule in this schema
        .add("createTimestamp,modifyTimestamp", "eq,pres,ordering")
        .add("seeAlso,member", "eq,pres")
        .add("labeledURI,homeDirectory,userPassword", "eq")
        .build(); // l, title, mobile and manager stay unindexed: ANDs and ORs mix both paths
  }

  /**
   * Odd partial coverage: supertypes indexed for their subtypes, one kind without the others
   * (substrings but no equality, ordering but no equality, equality but no ordering).
   */
  static IndexConfig partialIndices() {
    return IndexConfig.builder()
        .add("objectClass", "eq")
        .add("name", "eq,sub")
        .add("distinguishedName", "eq")
        .add("mail", "sub")
        .add("telephoneNumber", "pres")
        .add("revisions", "ordering")
        .add("createTimestamp,uid", "eq")
        .add("description", "approx")
        .build();
  }

  @Test
  void manyIndices(@TempDir Path dir) throws Exception {
    run("manyIndices", manyIndices(), dir);
  }

  @Test
  void noIndices(@TempDir Path dir) throws Exception {
    run("noIndices", IndexConfig.none(), dir);
  }

  @Test
  void partialIndices(@TempDir Path dir) throws Exception {
    run("partialIndices", partialIndices(), dir);
  }

  private static void run(String name, IndexConfig indices, Path dir) throws Exception {
    ModelRun.Settings settings = ModelRun.Settings.fromSystemProperties(name);
    System.out.println("[model test] " + new ModelRun(settings, name, indices, dir).run());
  }
}

package io.mdbldap.server.embedded;

import io.mdbldap.server.directory.MvccOperationManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.server.core.api.OperationManager;
import org.apache.directory.server.core.api.partition.Partition;

/**
 * The fixture state of one database, kept as a copy of its LMDB data file, and put back by
 * closing the database's partition, copying the file over, and opening it again. Copying a few
 * megabytes takes milliseconds, whatever the tests wrote, where undoing writes would cost in
 * proportion to them and re-importing in proportion to the fixture.
 *
 * <p>ApacheDS keeps no copy of entries above the partition (the DN cache holds parsed names,
 * not entries), so nothing stale survives the swap. What the swap does not cover: {@code
 * ou=system} and the schema, which tests do not write.
 */
final class FixtureSnapshot {
  private static final String DATA_FILE = "data.mdb";

  private final Path copy;
  private final Path live;
  private String stateAtRestore;

  private FixtureSnapshot(Path copy, Path live) {
    this.copy = copy;
    this.live = live;
  }

  /**
   * Copies the data file of the closed database in {@code databaseDirectory} to {@code
   * snapshotDirectory}.
   */
  static FixtureSnapshot take(Path databaseDirectory, Path snapshotDirectory) throws IOException {
    Files.createDirectories(snapshotDirectory);
    Path copy = snapshotDirectory.resolve(DATA_FILE);
    Files.copy(databaseDirectory.resolve(DATA_FILE), copy, StandardCopyOption.REPLACE_EXISTING);
    return new FixtureSnapshot(copy, databaseDirectory.resolve(DATA_FILE));
  }

  /** Notes the open partition's state as the fixture's, so that an unchanged database is not restored. */
  void opened(Partition partition) {
    stateAtRestore = partition.getContextCsn(null);
  }

  /**
   * Puts the fixture back into {@code partition}'s database, unless nothing was written since
   * the last restore: every write advances the contextCSN, so an equal one means no write.
   * Operations wait meanwhile, reads that skip ApacheDS's lock included ({@link
   * MvccOperationManager#exclusively}).
   *
   * @return whether the file was restored
   */
  boolean restore(Partition partition, OperationManager operations) throws LdapException {
    if (Objects.equals(stateAtRestore, partition.getContextCsn(null))) {
      return false;
    }
    MvccOperationManager.exclusively(operations, () -> {
      partition.destroy(partition.beginReadTransaction());
      copyBack();
      partition.initialize();
      opened(partition);
    });
    return true;
  }

  private void copyBack() {
    try {
      Files.copy(copy, live, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + live + " from " + copy, e);
    }
  }
}

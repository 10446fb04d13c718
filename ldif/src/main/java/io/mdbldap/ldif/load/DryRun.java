package io.mdbldap.ldif.load;

import io.mdbldap.store.BulkLoader;
import io.mdbldap.ldif.read.EntryRecord;

/**
 * slapadd's {@code -u}: entries are read and checked but stored nowhere, so the database is not
 * even opened. Checks that need the database (duplicate DNs, missing parents) cannot be made.
 */
class DryRun implements LoadTarget {
  private long checked;

  @Override
  public BulkLoader.Prepared prepare(EntryRecord record) {
    return null;
  }

  @Override
  public void add(int line, BulkLoader.Prepared prepared) {
    checked++;
  }

  @Override
  public void inputAt(long done, long size) {
    // no writes to plan
  }

  @Override
  public void finish() {
    // nothing pending
  }

  @Override
  public void undo() {
    // nothing stored
  }

  /** Entries that would have been stored. */
  @Override
  public long stored() {
    return checked;
  }

  @Override
  public void close() {
    // nothing open
  }
}

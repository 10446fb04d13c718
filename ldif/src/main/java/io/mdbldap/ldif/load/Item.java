package io.mdbldap.ldif.load;

import io.mdbldap.store.BulkLoader;
import io.mdbldap.ldif.read.LdifException;

/** What the reading thread hands the loading thread. */
sealed interface Item {
  /**
   * An entry ready for the store. Only what the target prepared is kept, not the record: it may
   * drop what it needs no more (the values, once encoded) while the item waits in the queue.
   *
   * @param line the input line the entry starts on
   * @param prepared what the target prepared on the reading thread (null if it prepares nothing)
   */
  record Ready(int line, BulkLoader.Prepared prepared) implements Item {}

  /** A record that cannot be loaded; reading goes on. */
  record Problem(LdifException problem) implements Item {}

  /** Reading stopped: the input cannot be read further, or the reader failed. */
  record Failed(Exception cause) implements Item {}

  /** The end of the input. */
  record End() implements Item {}
}

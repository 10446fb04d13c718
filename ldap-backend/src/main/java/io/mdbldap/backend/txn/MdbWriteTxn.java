package io.mdbldap.backend.txn;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.server.core.api.partition.PartitionTxn;
import org.apache.directory.server.core.api.partition.PartitionWriteTxn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handle ApacheDS gets from {@code beginWriteTransaction()}: a marker, not an LMDB
 * transaction.
 *
 * <p>The store commits every update in its own LMDB write transaction, and ApacheDS wraps each LDAP
 * update in one of these handles under its global write lock (begin, interceptor chain, commit; abort
 * on an exception). An update that fails in the store leaves nothing behind, so commit and abort have
 * nothing to do. What cannot be undone is an update the store already committed when an interceptor
 * further up fails (or an RFC 5805 transaction spanning several updates, which ApacheDS only enables
 * on request): abort then logs what stays applied. JDBM rolls its record manager back in that case
 * but not its caches, so it is no better off.
 *
 * <p>Used by one operation at a time, as ApacheDS does.
 */
public final class MdbWriteTxn extends PartitionWriteTxn {
  private static final Logger LOG = LoggerFactory.getLogger(MdbWriteTxn.class);

  private final String partitionId;
  private final List<String> applied = new ArrayList<>();
  private boolean closed;

  public MdbWriteTxn(String partitionId) {
    this.partitionId = partitionId;
  }

  /** Records that an update made under {@code txn} (if it is one of ours) is committed. */
  public static void recordCommitted(PartitionTxn txn, String update) {
    if (txn instanceof MdbWriteTxn ours) {
      ours.applied.add(update);
    }
  }

  @Override
  public void commit() {
    closed = true;
  }

  @Override
  public void abort() {
    if (!closed && !applied.isEmpty()) {
      LOG.warn("partition {}: transaction aborted after the store committed {}; those updates stay",
          partitionId, applied);
    }
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Closing is committing, as for JDBM's write transaction. */
  @Override
  public void close() {
    commit();
  }
}

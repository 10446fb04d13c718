package io.mdbldap.store.env;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Txn;

/**
 * An LMDB write transaction plus the in-memory changes that must follow its fate: caches that
 * may only see what was committed register a hook here instead of changing on the spot.
 */
public final class WriteTxn {
  private final Txn<ByteBuffer> txn;
  private final List<Runnable> onCommit = new ArrayList<>();

  WriteTxn(Txn<ByteBuffer> txn) {
    this.txn = txn;
  }

  /** The LMDB transaction. */
  public Txn<ByteBuffer> txn() {
    return txn;
  }

  /** Runs {@code hook} after a successful commit, and never if the transaction aborts. */
  public void onCommit(Runnable hook) {
    onCommit.add(hook);
  }

  void committed() {
    onCommit.forEach(Runnable::run);
  }
}

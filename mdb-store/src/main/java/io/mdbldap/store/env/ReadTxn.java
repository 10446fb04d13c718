package io.mdbldap.store.env;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import org.lmdbjava.Txn;

/**
 * A short read transaction. It holds the environment's resize gate open for its lifetime, so it
 * must be closed on the thread that opened it, and soon: a long-lived reader pins pages and holds
 * up map growth.
 */
public final class ReadTxn implements AutoCloseable {
  private final Txn<ByteBuffer> txn;
  private final Lock gate;

  ReadTxn(Txn<ByteBuffer> txn, Lock gate) {
    this.txn = txn;
    this.gate = gate;
  }

  /** The LMDB transaction. */
  public Txn<ByteBuffer> txn() {
    return txn;
  }

  @Override
  public void close() {
    try {
      txn.close();
    } finally {
      gate.unlock();
    }
  }
}

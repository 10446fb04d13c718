package io.mdbldap.server.directory;

import io.mdbldap.backend.MdbPartition;
import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.DefaultDirectoryService;
import org.apache.directory.server.core.DefaultOperationManager;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.OperationManager;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.context.BindOperationContext;
import org.apache.directory.server.core.api.interceptor.context.CompareOperationContext;
import org.apache.directory.server.core.api.interceptor.context.HasEntryOperationContext;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.OperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * ApacheDS's operation manager without its global read lock for reads of LMDB databases.
 *
 * <p>ApacheDS takes one JVM-wide fair read/write lock around every operation: writes exclusive,
 * reads shared. Its B-tree partitions need that; LMDB does not, since a reader sees the last
 * committed snapshot whatever a writer does. The lock made every read wait for the write in
 * progress, a durable modify's fsync included, and with base searches and binds answered on the
 * network threads, a waiting read also held up every other connection on its thread: in a 30 s
 * JFR recording of base, eq, bind, subtree and modify loads at once, reads were parked in
 * {@code lockRead} for 77 s in all, summed over threads.
 *
 * <p>So a lookup, search, hasEntry, compare or bind whose DN lies in an {@link MdbPartition} takes
 * no lock; everything else (the schema partition, the root DSE, DNs in no partition) and every
 * write keep ApacheDS's locking. Writes stay serialized by the write lock. What reads of ApacheDS's
 * own state would need guarding stays safe without it: the subentry cache is a concurrent map,
 * the referral manager has its own lock, the schema cannot change at run time, and the access
 * rules come from the configuration.
 *
 * <p>What still stops those reads is {@link #exclusively}, for swapping a database's file under
 * them (the embedded directory's reset): they hold a second lock shared, which only it takes.
 */
public final class MvccOperationManager extends DefaultOperationManager {
  private final DirectoryService service;
  /** Held shared by the reads that skip ApacheDS's lock; exclusively by {@link #exclusively}. */
  private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
  /** Whether the read in progress on this thread skips the lock; nested reads save and restore it. */
  private final ThreadLocal<Boolean> unlocked = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private MvccOperationManager(DirectoryService service) {
    super(service);
    this.service = service;
  }

  /**
   * Puts one in {@code service} in place of ApacheDS's, before it starts. ApacheDS has no setter
   * for it, and its own calls use the field, so the field is what must change.
   */
  static void install(DefaultDirectoryService service) {
    try {
      Field field = DefaultDirectoryService.class.getDeclaredField("operationManager");
      field.setAccessible(true);
      field.set(service, new MvccOperationManager(service));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("cannot replace ApacheDS's operation manager (DefaultDirectoryService."
          + "operationManager, as in ApacheDS 2.0.0.AM27): " + e, e);
    }
  }

  @Override
  public Entry lookup(LookupOperationContext lookupContext) throws LdapException {
    return read(lookupContext, () -> super.lookup(lookupContext));
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext searchContext) throws LdapException {
    return read(searchContext, () -> super.search(searchContext));
  }

  @Override
  public boolean hasEntry(HasEntryOperationContext hasEntryContext) throws LdapException {
    return read(hasEntryContext, () -> super.hasEntry(hasEntryContext));
  }

  @Override
  public boolean compare(CompareOperationContext compareContext) throws LdapException {
    return read(compareContext, () -> super.compare(compareContext));
  }

  @Override
  public void bind(BindOperationContext bindContext) throws LdapException {
    read(bindContext, () -> {
      super.bind(bindContext);
      return null;
    });
  }

  @Override
  public void lockRead() {
    if (!unlocked.get()) {
      super.lockRead();
    }
  }

  @Override
  public void unlockRead() {
    if (!unlocked.get()) {
      super.unlockRead();
    }
  }

  /**
   * Runs {@code work} while no operation runs: ApacheDS's lock for writing, then the lock that
   * reads of LMDB databases share. In that order, since a write may read, never the other way.
   * With an operation manager of ApacheDS's own, its write lock alone.
   */
  public static void exclusively(OperationManager operations, Work work) throws LdapException {
    operations.lockWrite();
    try {
      if (operations instanceof MvccOperationManager mvcc) {
        mvcc.swap.writeLock().lock();
        try {
          work.run();
        } finally {
          mvcc.swap.writeLock().unlock();
        }
      } else {
        work.run();
      }
    } finally {
      operations.unlockWrite();
    }
  }

  /**
   * Runs {@code read} of an LMDB database, made without {@code operations} (the server's short search path), as
   * {@code operations} runs the reads it is given: with this class, under the lock {@link #exclusively} takes, so
   * that it waits while the database is swapped; with an operation manager of ApacheDS's own, under its read lock.
   */
  public static <T> T readOutside(OperationManager operations, Read<T> read) throws LdapException {
    Lock lock = operations instanceof MvccOperationManager mvcc ? mvcc.swap.readLock()
        : operations.getRWLock().readLock();
    lock.lock();
    try {
      return read.run();
    } finally {
      lock.unlock();
    }
  }

  /** Runs a read, without ApacheDS's lock if its DN is in an LMDB database. */
  private <T> T read(OperationContext context, Read<T> operation) throws LdapException {
    boolean mdb = inMdbPartition(context);
    Boolean outer = unlocked.get();
    unlocked.set(mdb);
    if (mdb) {
      swap.readLock().lock();
    }
    try {
      return operation.run();
    } finally {
      if (mdb) {
        swap.readLock().unlock();
      }
      unlocked.set(outer);
    }
  }

  /**
   * Whether the context's DN lies in an LMDB database. The DN is made schema-aware here, as the
   * operation would do next, so that it is parsed once, by ApacheDS's caching DN factory (which the
   * dispatch and the search limits use for the same base); one that cannot be is left to the
   * operation to report, under the lock.
   */
  private boolean inMdbPartition(OperationContext context) {
    Dn dn = context.getDn();
    if (dn == null || dn.isEmpty()) {
      return false;
    }
    try {
      Dn normalized = dn.isSchemaAware() ? dn : service.getDnFactory().create(dn.getName());
      boolean mdb = service.getPartitionNexus().getPartition(normalized) instanceof MdbPartition;
      context.setDn(normalized);
      return mdb;
    } catch (LdapException e) {
      return false;
    }
  }

  /** What {@link #exclusively} runs. */
  @FunctionalInterface
  public interface Work {
    /** Does the work. */
    void run() throws LdapException;
  }

  /** A read: an operation of the superclass, or one made without the operation manager. */
  @FunctionalInterface
  public interface Read<T> {
    /** Reads. */
    T run() throws LdapException;
  }
}

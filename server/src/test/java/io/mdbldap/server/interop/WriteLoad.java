package io.mdbldap.server.interop;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writers on their own connections, as the rootdn, adding entries under {@link
 * WriteLedger#CONTAINER} and replacing the mail of entries they added before (two adds for one
 * modify), until the connection breaks. Each write is entered in the ledger before it is sent and
 * acknowledged there only once the server's success has been read.
 */
final class WriteLoad implements AutoCloseable {
  private final WriteLedger ledger;
  private final int round;
  private final List<Thread> threads = new ArrayList<>();
  private final List<LDAPConnection> connections = new ArrayList<>();
  /** Why each writer stopped, when it was not the connection breaking. */
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  private WriteLoad(WriteLedger ledger, int round) {
    this.ledger = ledger;
    this.round = round;
  }

  static WriteLoad start(ServeProcess server, int writers, WriteLedger ledger, int round, long seed)
      throws LDAPException {
    WriteLoad load = new WriteLoad(ledger, round);
    try {
      for (int w = 0; w < writers; w++) {
        LDAPConnection connection = server.connect();
        load.connections.add(connection);
        connection.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
        Random random = new Random(seed * 31 + w);
        String prefix = "w" + round + "-" + w + "-";
        load.threads.add(new Thread(() -> load.write(connection, prefix, random), "writer-" + round + "-" + w));
      }
    } catch (LDAPException | RuntimeException e) {
      load.close();
      throw e;
    }
    load.threads.forEach(Thread::start);
    return load;
  }

  private void write(LDAPConnection connection, String prefix, Random random) {
    List<WriteLedger.Written> mine = new ArrayList<>();
    try {
      for (int n = 0; !Thread.currentThread().isInterrupted(); n++) {
        if (mine.isEmpty() || random.nextInt(3) > 0) {
          mine.add(add(connection, prefix + n));
        } else {
          modify(connection, mine.get(random.nextInt(mine.size())), n);
        }
      }
    } catch (LDAPException e) {
      // The kill breaks the connection; any other failure is a refused write, which is a bug.
      if (e.getResultCode() != ResultCode.SERVER_DOWN) {
        failures.add(Thread.currentThread().getName() + ": " + e.getMessage());
      }
    }
  }

  private WriteLedger.Written add(LDAPConnection connection, String uid) throws LDAPException {
    WriteLedger.Written written = ledger.adding(uid, round);
    connection.add(written.dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
        new Attribute("uid", uid), new Attribute("cn", written.cn()), new Attribute("sn", "Load"),
        new Attribute("mail", written.pendingMail()));
    ledger.acknowledged(written);
    return written;
  }

  private void modify(LDAPConnection connection, WriteLedger.Written written, int n) throws LDAPException {
    String mail = written.uid + "." + n + WriteLedger.MAIL_DOMAIN;
    written.sending(mail);
    connection.modify(written.dn, new Modification(ModificationType.REPLACE, "mail", mail));
    ledger.acknowledged(written);
  }

  /** Waits until the writers have ended (the server is gone), and reports refused writes. */
  void awaitEnd() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      if (thread.isAlive()) {
        throw new AssertionError(thread.getName() + " still writes 60 s after the server was killed");
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("writes refused while the server ran: " + failures);
    }
  }

  /** The writers fail if they were still writing: their connections are closed. */
  @Override
  public void close() {
    threads.forEach(Thread::interrupt);
    connections.forEach(LDAPConnection::close);
  }
}

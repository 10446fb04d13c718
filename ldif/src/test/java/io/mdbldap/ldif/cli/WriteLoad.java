package io.mdbldap.ldif.cli;

import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.store.MdbStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The server's part in {@link CatWhileWritingTest}, in a process of its own as a server would be:
 * it writes to the database in a loop (adds under ou=load, modifies and deletes some of them,
 * each in its own transaction, as LDAP operations would be)
 * until a line comes on standard input (or it closes), then prints {@code DONE <added> <deleted>}.
 * Any failure prints {@code ERROR <message>} and exits with 3.
 *
 * <p>Argument: the configuration file.
 */
public final class WriteLoad {
  private WriteLoad() {}

  public static void main(String[] args) throws Exception {
    ServerConfig conf = ConfigParser.parse(Path.of(args[0]));
    DatabaseConfig db = conf.databases().get(0);
    SchemaManager schema = conf.schemaManager();
    Thread stopper = new Thread(WriteLoad::waitForStop);
    stopper.setDaemon(true);
    try (MdbStore store = MdbStore.open(StoreConfigs.builder(db).durable(false).build(), schema)) {
      System.out.println("READY");
      System.out.flush();
      stopper.start();
      long[] counts = write(store, schema);
      System.out.println("DONE " + counts[0] + " " + counts[1]);
    } catch (Exception e) {
      System.out.println("ERROR " + e);
      System.exit(3);
    }
  }

  private static volatile boolean stop;

  private static void waitForStop() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      in.readLine();
    } catch (Exception e) {
      // the parent is gone: stop as well
    }
    stop = true;
  }

  /** Adds, modifies and deletes until told to stop; returns {added, deleted}. */
  private static long[] write(MdbStore store, SchemaManager schema) throws Exception {
    Deque<Dn> live = new ArrayDeque<>();
    long added = 0;
    long deleted = 0;
    for (long n = 0; !stop; n++) {
      Dn dn = new Dn(schema, "uid=w" + n + ",ou=load,dc=example,dc=com");
      store.add(new DefaultEntry(schema, dn, "objectClass: inetOrgPerson", "uid: w" + n, "cn: writer " + n,
          "sn: load", "mail: w" + n + "@example.com"));
      live.add(dn);
      added++;
      if (n % 3 == 0) {
        store.modify(live.peekLast(), List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE,
            schema.getAttributeType("description"), "modified at " + n)));
      }
      if (n % 5 == 0 && live.size() > 10) {
        store.delete(live.poll());
        deleted++;
      }
      Thread.sleep(1); // a steady load, about a thousand writes a second, rather than a flood
    }
    return new long[] {added, deleted};
  }
}

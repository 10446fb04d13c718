package io.mdbldap.bench;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The benchmark data set, built once and kept on disk: 100,000 inetOrgPerson entries at depth 3
 * below the suffix ({@code uid=userN,ou=groupK,ou=people,dc=example,dc=com}, 100 groups of
 * 1,000), plus a raw LMDB environment holding a copy of the store's {@code id2entry} records (the
 * very same keys and bytes) for the physical-limit benchmark.
 *
 * <p>Where: {@code -Dmdbldap.bench.dir} ({@code bench/jmh.sh} sets {@code bench/jmh/target/jmh-fixture}),
 * else {@code java.io.tmpdir/mdbldap-jmh-fixture}. The fixture is reused while its signature
 * matches: the fixture format, the index configuration, and a hash of the mdb-store classes (so a
 * change to the store's code or on-disk format rebuilds it). {@code -Dmdbldap.bench.rebuild=true}
 * forces a rebuild. Building loads with {@code durable(false)}, then closes; the benchmarks
 * reopen durable.
 */
public final class Fixture {
  public static final String SUFFIX = "dc=example,dc=com";
  public static final String PEOPLE = "ou=people," + SUFFIX;
  public static final int GROUPS = 100;
  public static final int PER_GROUP = 1_000;
  public static final int USERS = GROUPS * PER_GROUP;
  /** Bump when the generated data changes. */
  private static final int FORMAT = 2;
  private static final long RAW_MAP_SIZE = 2L << 30;

  private static Fixture instance;

  private final Path base;
  private final Path storeDir;
  private final Path rawDir;
  private final SchemaManager schemaManager;
  private final Properties info;

  private Fixture(Path base, SchemaManager schemaManager, Properties info) {
    this.base = base;
    this.storeDir = base.resolve("store");
    this.rawDir = base.resolve("raw");
    this.schemaManager = schemaManager;
    this.info = info;
  }

  /** The fixture, built if it is missing or stale. */
  public static synchronized Fixture get() {
    if (instance == null) {
      instance = prepare();
    }
    return instance;
  }

  public SchemaManager schemaManager() {
    return schemaManager;
  }

  /** The index configuration: objectClass, uid, cn and mail, equality. */
  public static IndexConfig indices() {
    return IndexConfig.builder().add("objectClass", "eq").add("uid", "eq").add("cn", "eq").add("mail", "eq").build();
  }

  public static StoreConfig config(Path dir, boolean durable) {
    return StoreConfig.builder(dir, SUFFIX).indices(indices()).durable(durable).build();
  }

  /** Opens the 100,000-entry store, durable; do not write to it (use {@link #copyStore()}). */
  public MdbStore openStore() {
    return MdbStore.open(config(storeDir, true), schemaManager);
  }

  /** The directory of the raw LMDB environment with the copy of id2entry (sub-database {@code id2entry}). */
  public Path rawDir() {
    return rawDir;
  }

  /** The average size in bytes of an id2entry value (an encoded entry). */
  public double averageEntryBytes() {
    return Double.parseDouble(info.getProperty("averageEntryBytes", "0"));
  }

  /** A private copy of the store's files, for benchmarks that write; delete it with {@link #delete(Path)}. */
  public Path copyStore() {
    try {
      Path dir = base.resolve("work").resolve("copy-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
      Files.createDirectories(dir);
      Files.copy(storeDir.resolve("data.mdb"), dir.resolve("data.mdb"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String userDn(long n) {
    return "uid=user" + n + "," + groupDn((int) (n / PER_GROUP % GROUPS));
  }

  public static String groupDn(int k) {
    return "ou=group" + k + "," + PEOPLE;
  }

  /** User {@code n}: an inetOrgPerson of ordinary size, under group {@code n / 1000 % 100}. */
  public static Entry user(SchemaManager sm, long n) throws LdapException {
    Entry e = new DefaultEntry(sm, new Dn(sm, userDn(n)));
    e.add("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
    e.add("uid", "user" + n);
    e.add("cn", "User " + n);
    e.add("sn", "Surname" + n);
    e.add("givenName", "Given" + n);
    e.add("mail", "user" + n + "@example.com");
    e.add("telephoneNumber", String.format("+1 555 %07d", n % 10_000_000));
    e.add("employeeNumber", Long.toString(n));
    e.add("departmentNumber", Long.toString(n % 100));
    e.add("title", "Engineer level " + (n % 7));
    e.add("l", "City" + (n % 50));
    e.add("street", (n % 1000) + " Example Street");
    e.add("postalCode", Long.toString(10_000 + n % 90_000));
    e.add("description", "Benchmark user " + n + ", an ordinary person entry");
    return e;
  }

  /** {@code size} user numbers drawn at random (with repetition) from all users. */
  public static int[] sample(int size, long seed) {
    Random rnd = new Random(seed);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = rnd.nextInt(USERS);
    }
    return out;
  }

  /** Opens the raw environment read-only (MDB_NOTLS, as the store). */
  public Env<ByteBuffer> openRaw() {
    return Env.create().setMapSize(RAW_MAP_SIZE).setMaxDbs(4).open(rawDir.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOTLS);
  }

  /**
   * Opens an existing named sub-database inside a read transaction (works on a read-only env). The
   * transaction is committed, not aborted: LMDB closes a handle whose opening transaction aborts.
   */
  public static Dbi<ByteBuffer> openExisting(Env<ByteBuffer> env, String name) {
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      Dbi<ByteBuffer> dbi = env.openDbi(txn, name.getBytes(StandardCharsets.UTF_8), null, false);
      txn.commit();
      return dbi;
    }
  }

  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static Fixture prepare() {
    String configured = System.getProperty("mdbldap.bench.dir");
    Path base = configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "mdbldap-jmh-fixture");
    SchemaManager sm = BenchSchema.get();
    try {
      Files.createDirectories(base);
      // One builder at a time, also across JVMs.
      try (FileChannel lockFile = FileChannel.open(base.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        Path marker = base.resolve("fixture.properties");
        String signature = signature();
        Properties info = new Properties();
        if (Files.exists(marker)) {
          try (Reader r = Files.newBufferedReader(marker)) {
            info.load(r);
          }
        }
        boolean rebuild = Boolean.getBoolean("mdbldap.bench.rebuild");
        if (!rebuild && signature.equals(info.getProperty("signature"))) {
          return new Fixture(base, sm, info);
        }
        Files.deleteIfExists(marker);
        Fixture f = new Fixture(base, sm, new Properties());
        Properties built = f.build();
        built.setProperty("signature", signature);
        try (Writer w = Files.newBufferedWriter(marker)) {
          built.store(w, "mdbldap JMH fixture; delete this directory to rebuild");
        }
        return new Fixture(base, sm, built);
      }
    } catch (IOException | LdapException e) {
      throw new IllegalStateException("cannot prepare the benchmark fixture in " + base, e);
    }
  }

  private Properties build() throws IOException, LdapException {
    delete(storeDir);
    delete(rawDir);
    delete(base.resolve("work"));
    long t0 = System.nanoTime();
    log("building the fixture: " + USERS + " entries in " + storeDir + " (durable(false) while loading)");
    StoreConfig loadConfig = StoreConfig.builder(storeDir, SUFFIX).indices(indices()).durable(false)
        .initialMapSize(512L << 20).build();
    try (MdbStore store = MdbStore.open(loadConfig, schemaManager)) {
      SchemaManager sm = schemaManager;
      store.add(new DefaultEntry(sm, SUFFIX, "objectClass: top", "objectClass: domain", "dc: example"));
      store.add(new DefaultEntry(sm, PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people"));
      for (int k = 0; k < GROUPS; k++) {
        store.add(new DefaultEntry(sm, groupDn(k), "objectClass: top", "objectClass: organizationalUnit", "ou: group" + k));
        for (int i = 0; i < PER_GROUP; i++) {
          store.add(user(sm, (long) k * PER_GROUP + i));
        }
        if ((k + 1) % 20 == 0) {
          log(String.format("  %,d entries, %.1f s", (k + 1) * PER_GROUP, (System.nanoTime() - t0) / 1e9));
        }
      }
    }
    double loadSeconds = (System.nanoTime() - t0) / 1e9;

    // The raw copy: the same id2entry keys and values, in an environment of its own.
    long records = 0;
    long bytes = 0;
    Files.createDirectories(rawDir);
    long storeSize = Files.size(storeDir.resolve("data.mdb"));
    try (Env<ByteBuffer> src = Env.create().setMapSize(Math.max(storeSize, 1L << 20)).setMaxDbs(1024)
            .open(storeDir.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOTLS);
        Env<ByteBuffer> dst = Env.create().setMapSize(RAW_MAP_SIZE).setMaxDbs(4).open(rawDir.toFile(), EnvFlags.MDB_NOTLS)) {
      Dbi<ByteBuffer> srcDbi = openExisting(src, "id2entry");
      Dbi<ByteBuffer> dstDbi = dst.openDbi("id2entry", DbiFlags.MDB_CREATE);
      try (Txn<ByteBuffer> rt = src.txnRead(); Txn<ByteBuffer> wt = dst.txnWrite();
          CursorIterable<ByteBuffer> it = srcDbi.iterate(rt)) {
        for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
          bytes += kv.val().remaining();
          records++;
          dstDbi.put(wt, kv.key(), kv.val(), PutFlags.MDB_APPEND);
        }
        wt.commit();
      }
      dst.sync(true);
    }
    Properties p = new Properties();
    p.setProperty("entries", Long.toString(records));
    p.setProperty("averageEntryBytes", String.format(java.util.Locale.ROOT, "%.1f", (double) bytes / records));
    p.setProperty("loadSeconds", String.format(java.util.Locale.ROOT, "%.1f", loadSeconds));
    p.setProperty("storeBytes", Long.toString(Files.size(storeDir.resolve("data.mdb"))));
    log(String.format("fixture built: %,d id2entry records, %.0f bytes per encoded entry on average, loaded in %.1f s",
        records, (double) bytes / records, loadSeconds));
    return p;
  }

  /** Fixture format, index configuration and a hash of the mdb-store classes. */
  private static String signature() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      Path code = Path.of(MdbStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(code)) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(code)) {
          walk.filter(p -> p.toString().endsWith(".class")).sorted().forEach(files::add);
        }
        for (Path f : files) {
          md.update(code.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
          md.update(Files.readAllBytes(f));
        }
      } else {
        try (JarFile jar = new JarFile(code.toFile())) {
          List<JarEntry> entries = new ArrayList<>();
          jar.stream().filter(e -> e.getName().endsWith(".class")).forEach(entries::add);
          entries.sort(Comparator.comparing(JarEntry::getName));
          for (JarEntry e : entries) {
            md.update(e.getName().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = jar.getInputStream(e)) {
              md.update(in.readAllBytes());
            }
          }
        }
      }
      return "v" + FORMAT + "-" + USERS + "-" + indices() + "-" + HexFormat.of().formatHex(md.digest(), 0, 8);
    } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the mdb-store classes", e);
    }
  }

  static void log(String message) {
    System.out.println("[fixture] " + message);
  }
}

package io.mdbldap.conf;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * One {@code database mdb} section: an LMDB environment serving one suffix.
 *
 * <p>The record and its collections are immutable. {@link #toString()} hides the root password.
 *
 * @param suffix the naming context served, schema-aware
 * @param rootDn the DN not subject to access control or limits; within the suffix
 * @param rootPw the root DN's password as written: plain text or a {@code {SSHA}}-style hash
 * @param directory the directory of the LMDB files, absolute
 * @param maxSize the most bytes the LMDB map may grow to
 * @param indexes the attribute indexes: attribute name as written in the configuration to its index kinds ({@code pres},
 *     {@code eq}, {@code approx}, {@code sub}, {@code subinitial}, {@code subany}, {@code subfinal}, {@code ordering}),
 *     lower case, both in configuration order
 * @param limits the search limits
 * @param readOnly whether updates are refused
 * @param maxReaders the most concurrent LMDB read transactions
 * @param noSync whether commits skip the flush to disk ({@code dbnosync})
 * @param checkpoint the {@code checkpoint} setting, if any
 * @param access the database's access rules, in order
 */
public record DatabaseConfig(Dn suffix, Optional<Dn> rootDn, Optional<String> rootPw, Path directory, long maxSize,
        Map<String, Set<String>> indexes, Limits limits, boolean readOnly, int maxReaders, boolean noSync,
        Optional<Checkpoint> checkpoint, List<AccessRule> access) {

    /** back-mdb's default {@code maxsize}: 10 MiB. */
    public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;

    /** LMDB's default {@code maxreaders}. */
    public static final int DEFAULT_MAX_READERS = 126;

    /**
     * Copies the collections, keeping their order, and checks that nothing is null.
     *
     * @throws NullPointerException if a component is null
     */
    public DatabaseConfig {
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(rootDn, "rootDn");
        Objects.requireNonNull(rootPw, "rootPw");
        Objects.requireNonNull(directory, "directory");
        indexes = copyOf(indexes);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(checkpoint, "checkpoint");
        access = List.copyOf(access);
    }

    /**
     * Describes the database without its root password.
     *
     * @return the components, {@code rootPw} masked
     */
    @Override
    public String toString() {
        return "DatabaseConfig[suffix=" + suffix + ", rootDn=" + rootDn + ", rootPw="
                + rootPw.map(pw -> "***") + ", directory=" + directory + ", maxSize=" + maxSize + ", indexes="
                + indexes + ", limits=" + limits + ", readOnly=" + readOnly + ", maxReaders=" + maxReaders
                + ", noSync=" + noSync + ", checkpoint=" + checkpoint + ", access=" + access + "]";
    }

    private static Map<String, Set<String>> copyOf(Map<String, Set<String>> indexes) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        indexes.forEach((name, kinds) -> copy.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(kinds))));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The {@code checkpoint <kbyte> <min>} setting: flush to disk after so many kilobytes were written or so many
     * minutes passed.
     *
     * @param kilobytes the kilobytes written between checkpoints, 0 for no size trigger
     * @param minutes the minutes between checkpoints, 0 for no time trigger
     */
    public record Checkpoint(int kilobytes, int minutes) {
    }
}

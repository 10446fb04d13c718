package io.mdbldap.store.model;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.exception.LdapSizeLimitExceededException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/** What one store search gave: the entries by normalized DN, duplicates, and how it ended. */
final class SearchOutcome {
  final Map<String, Entry> byDn = new LinkedHashMap<>();
  final List<String> duplicates = new ArrayList<>();
  int returned;
  /** The exception that ended the search, or null if it ran to the end. */
  Exception error;

  static SearchOutcome run(MdbStore store, SchemaManager sm, SearchSpec spec) {
    SearchOutcome out = new SearchOutcome();
    try (SearchCursor cursor = store.search(spec)) {
      for (Entry e = cursor.next(); e != null; e = cursor.next()) {
        out.add(sm, e);
      }
    } catch (LdapException | RuntimeException e) {
      out.error = e;
    }
    return out;
  }

  private void add(SchemaManager sm, Entry e) throws LdapException {
    returned++;
    String key = (e.getDn().isSchemaAware() ? e.getDn() : new Dn(sm, e.getDn().getName())).getNormName();
    if (byDn.put(key, e) != null) {
      duplicates.add(e.getDn().getName());
    }
  }

  /**
   * What is wrong with this outcome, or null if it is right. {@code expected} is null when the
   * base does not exist (then noSuchObject is right); {@code limit} is the size limit, 0 for none.
   */
  String problemAgainst(Set<String> expected, long limit) {
    if (expected == null) {
      return error instanceof LdapNoSuchObjectException ? null
          : "the base does not exist, expected LdapNoSuchObjectException, got " + describe();
    }
    if (!duplicates.isEmpty()) {
      return "entries returned more than once: " + duplicates;
    }
    if (limit > 0 && limit < expected.size()) {
      return limited(expected, limit);
    }
    if (error != null) {
      return "the search failed: " + describe();
    }
    return byDn.keySet().equals(expected) ? null
        : "expected " + expected.size() + " entries, the store returned " + byDn.size();
  }

  private String limited(Set<String> expected, long limit) {
    if (!isSizeLimitExceeded(error)) {
      return "size limit " + limit + " of " + expected.size() + " matches: expected LdapSizeLimitExceededException, got "
          + describe() + " after " + returned + " entries";
    }
    if (returned != limit || !expected.containsAll(byDn.keySet())) {
      return "size limit " + limit + ": returned " + returned + " entries, "
          + (expected.containsAll(byDn.keySet()) ? "all matching" : "some not matching");
    }
    return null;
  }

  /** sizeLimitExceeded, as its own exception class or as an LdapOperationException with that code. */
  private static boolean isSizeLimitExceeded(Exception e) {
    return e instanceof LdapSizeLimitExceededException
        || (e instanceof LdapOperationException op && op.getResultCode() == ResultCodeEnum.SIZE_LIMIT_EXCEEDED);
  }

  private String describe() {
    if (error == null) {
      return "no exception (" + returned + " entries)";
    }
    StackTraceElement[] at = error.getStackTrace();
    return error.getClass().getSimpleName() + ": " + error.getMessage() + (at.length > 0 ? " at " + at[0] : "");
  }
}

package io.mdbldap.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the writers of a {@link WriteLoad} sent and what the server acknowledged, entry by entry,
 * and the check that a restarted server holds it: every acknowledged write, and of a write in
 * flight at the kill either all or nothing.
 */
final class WriteLedger {
  static final String CONTAINER = "ou=Load," + ShippedConf.SUFFIX;
  static final String MAIL_DOMAIN = "@load.example.com";
  /** Entries per verification whose equality index results are compared with a scan. */
  private static final int EQUALITY_CHECKS = 20;

  private final Map<String, Written> entries = new ConcurrentHashMap<>();
  private final AtomicInteger acknowledgedAdds = new AtomicInteger();
  private final AtomicInteger acknowledgedModifies = new AtomicInteger();
  private final AtomicInteger keptInFlight = new AtomicInteger();
  private final AtomicInteger lostInFlight = new AtomicInteger();

  /**
   * One entry's writes, from one writer thread. {@code mail} is the value the server acknowledged
   * last (null while the add is unacknowledged); {@code pendingMail} is the value of the write
   * sent and not answered, which the kill may or may not have let in.
   */
  static final class Written {
    final String dn;
    final String uid;
    final int round;
    private volatile String mail;
    private volatile String pendingMail;

    private Written(String dn, String uid, int round, String firstMail) {
      this.dn = dn;
      this.uid = uid;
      this.round = round;
      this.pendingMail = firstMail;
    }

    boolean added() {
      return mail != null;
    }

    String cn() {
      return "Writer " + uid;
    }

    /** The mail of the write being sent. */
    String pendingMail() {
      return pendingMail;
    }

    void sending(String newMail) {
      pendingMail = newMail;
    }

    /** The mail values the entry may hold after a kill; null stands for "absent". */
    List<String> possibleMails() {
      return pendingMail == null ? Collections.singletonList(mail) : Arrays.asList(mail, pendingMail);
    }
  }

  /** Records an add about to be sent. */
  Written adding(String uid, int round) {
    String dn = "uid=" + uid + "," + CONTAINER;
    Written written = new Written(dn, uid, round, uid + MAIL_DOMAIN);
    entries.put(key(dn), written);
    return written;
  }

  /** Records the server's success for the write last sent for {@code written}. */
  void acknowledged(Written written) {
    (written.added() ? acknowledgedModifies : acknowledgedAdds).incrementAndGet();
    written.mail = written.pendingMail;
    written.pendingMail = null;
  }

  int acknowledgedWrites() {
    return acknowledgedAdds.get() + acknowledgedModifies.get();
  }

  int acknowledgedAdds() {
    return acknowledgedAdds.get();
  }

  int acknowledgedModifies() {
    return acknowledgedModifies.get();
  }

  int inFlight() {
    return (int) entries.values().stream().filter(w -> w.pendingMail != null).count();
  }

  /**
   * Checks the server against the ledger: the entries listed under the container (a walk of the
   * DN tree) are exactly those found by two indexed searches (uid substring, mail substring) and
   * by a lookup of each entry of the ledger written in a round at least {@code lookupsFrom}; equality
   * indexes give what a scan gives; each
   * acknowledged write is there, and each entry holds a mail value it may hold. The writes that were
   * in flight are then settled as the server holds them.
   *
   * @return the number of entries checked
   */
  int verify(LDAPConnection connection, int lookupsFrom, String when) throws LDAPException {
    Map<String, SearchResultEntry> listed = search(connection, SearchScope.ONE, "(objectClass=*)");
    assertSameEntries(listed, search(connection, SearchScope.SUB, "(uid=w*)"), "the uid index", when);
    assertSameEntries(listed, search(connection, SearchScope.SUB, "(mail=*" + MAIL_DOMAIN + ")"), "the mail index",
        when);
    for (String dn : listed.keySet()) {
      assertTrue(entries.containsKey(dn), when + ": " + dn + " is in the database but was never written");
    }
    assertEqualityIndexesMatchScan(connection, listed, lookupsFrom, when);
    for (Written written : entries.values()) {
      SearchResultEntry found = listed.get(key(written.dn));
      if (written.round >= lookupsFrom) {
        SearchResultEntry lookedUp = connection.getEntry(written.dn, "*");
        assertEquals(found == null, lookedUp == null, when + ": the lookup of " + written.dn
            + " and the listing of " + CONTAINER + " disagree");
      }
      check(written, found, when);
    }
    int checked = entries.size();
    entries.values().forEach(written -> settle(written, listed.get(key(written.dn))));
    return checked;
  }

  /**
   * Index results equal a full scan: for the entries written in a round at least {@code from}
   * (at most {@value #EQUALITY_CHECKS} of them), an equality search on each indexed attribute
   * they hold (uid, cn, mail: all {@code eq}-indexed) finds exactly the entries of the listing
   * that hold the value, and a presence search on mail finds exactly those with a mail.
   */
  private void assertEqualityIndexesMatchScan(LDAPConnection connection, Map<String, SearchResultEntry> listed,
      int from, String when) throws LDAPException {
    assertEquals(matching(listed, "mail", null), search(connection, SearchScope.SUB, "(mail=*)").keySet(),
        when + ": (mail=*) against a scan");
    List<Written> sample = entries.values().stream().filter(w -> w.round >= from && listed.containsKey(key(w.dn)))
        .limit(EQUALITY_CHECKS).toList();
    for (Written written : sample) {
      SearchResultEntry entry = listed.get(key(written.dn));
      for (String attribute : List.of("uid", "cn", "mail")) {
        String value = entry.getAttributeValue(attribute);
        String filter = Filter.createEqualityFilter(attribute, value).toString();
        assertEquals(matching(listed, attribute, value), search(connection, SearchScope.SUB, filter).keySet(),
            when + ": " + filter + " through the index against a scan");
      }
    }
  }

  /** The listed entries holding {@code value} of {@code attribute} (any value if null), as a client sees them. */
  private static Set<String> matching(Map<String, SearchResultEntry> listed, String attribute, String value) {
    Set<String> dns = new TreeSet<>();
    listed.forEach((dn, entry) -> {
      if (entry.hasAttribute(attribute) && (value == null || entry.hasAttributeValue(attribute, value))) {
        dns.add(dn);
      }
    });
    return dns;
  }

  /**
   * Takes what the server holds as the outcome of a write that was in flight, so that the next
   * checks expect exactly that: an entry found once must stay found.
   */
  private void settle(Written written, SearchResultEntry found) {
    if (written.pendingMail == null) {
      return;
    }
    if (found == null) {
      if (!written.added()) {
        entries.remove(key(written.dn));
      }
      lostInFlight.incrementAndGet();
    } else if (written.pendingMail.equals(found.getAttributeValue("mail"))) {
      written.mail = written.pendingMail;
      keptInFlight.incrementAndGet();
    } else {
      lostInFlight.incrementAndGet();
    }
    written.pendingMail = null;
  }

  /** Writes in flight at a kill that the restarted server turned out to hold, and not to hold. */
  String inFlightOutcomes() {
    return keptInFlight.get() + " applied, " + lostInFlight.get() + " not";
  }

  private static void check(Written written, SearchResultEntry found, String when) {
    String mail = found == null ? null : found.getAttributeValue("mail");
    if (!written.possibleMails().contains(mail)) {
      fail(when + ": " + written.dn + (mail == null ? " is missing" : " holds mail " + mail)
          + ", but the last acknowledged write gave mail "
          + written.mail + (written.pendingMail == null ? "" : " (or " + written.pendingMail + ", in flight)"));
    }
    // All of an add or none of it: an entry is never there with only part of its attributes.
    if (found != null) {
      assertEquals(written.cn(), found.getAttributeValue("cn"), when + ": " + written.dn + " is incomplete");
      assertEquals("Load", found.getAttributeValue("sn"), when + ": " + written.dn + " is incomplete");
    }
  }

  private static Map<String, SearchResultEntry> search(LDAPConnection connection, SearchScope scope, String filter)
      throws LDAPException {
    Map<String, SearchResultEntry> found = new TreeMap<>();
    for (SearchResultEntry entry : connection.search(CONTAINER, scope, filter, "*").getSearchEntries()) {
      if (!key(entry.getDN()).equals(key(CONTAINER))) {
        found.put(key(entry.getDN()), entry);
      }
    }
    return found;
  }

  private static void assertSameEntries(Map<String, SearchResultEntry> listed, Map<String, SearchResultEntry> indexed,
      String index, String when) {
    if (!listed.keySet().equals(indexed.keySet())) {
      fail(when + ": " + index + " and the DN tree disagree: only listed " + minus(listed.keySet(), indexed.keySet())
          + ", only indexed " + minus(indexed.keySet(), listed.keySet()));
    }
    listed.forEach((dn, entry) -> assertTrue(Objects.equals(entry.getAttributeValue("mail"),
        indexed.get(dn).getAttributeValue("mail")), when + ": " + dn + " reads differently through " + index));
  }

  private static List<String> minus(Collection<String> a, Collection<String> b) {
    return a.stream().filter(x -> !b.contains(x)).toList();
  }

  private static String key(String dn) {
    try {
      return new DN(dn).toNormalizedString();
    } catch (LDAPException e) {
      throw new IllegalArgumentException(dn, e);
    }
  }
}

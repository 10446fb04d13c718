package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.CoreSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of {@link DirectSearchHandler}: one server answers a seeded random corpus of searches
 * (bases that exist or not, scopes, filters of every kind, attribute lists, typesOnly, size limits) for three
 * requesters under access rules, once on the short path and once on ApacheDS's, over the same connection; the two
 * answers must be the same to the byte: entries in order, attribute names as sent, values, result code, matchedDN
 * and diagnostic message.
 */
class DirectSearchTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private static final String PEOPLE = "ou=people," + SUFFIX;
  private static final String SECRET = "ou=secret," + SUFFIX;
  private static final String ROOT_DN = "cn=admin," + SUFFIX;
  private static final String USER_DN = "uid=u1," + PEOPLE;
  private static final String PASSWORD = "secret";
  private static final int PEOPLE_COUNT = 40;
  private static final int REQUESTS_PER_REQUESTER = 400;
  private static final long SEED = 20261122L;

  private static final String[] BASES = {SUFFIX, PEOPLE, USER_DN, "uid=u7," + PEOPLE, "UID=U2,OU=People,DC=Example,DC=COM",
      SECRET, "uid=s1," + SECRET, "uid=nobody," + PEOPLE, "cn=x,uid=nobody," + PEOPLE, "ou=missing," + SUFFIX,
      "dc=com", "", "cn=schema", "ou=system"};
  private static final String[] FILTERS = {"(objectClass=*)", "(uid=u1)", "(uid=U3)", "(cn=User 1*)", "(cn=*ser 2*)",
      "(sn=*9)", "(mail=*)", "(description=*)", "(uidNumber>=1030)", "(uidNumber<=1005)", "(&(uid=u*)(uidNumber<=1010))",
      "(|(uid=u2)(uid=u5)(cn=nobody))", "(!(uid=u1))", "(&(objectClass=person)(!(description=*)))", "(foo=bar)",
      "(&(foo=*)(uid=u1))", "(|(foo=x)(uid=u4))", "(!(foo=x))", "(userPassword=*)", "(userPassword=secret)",
      "(telephoneNumber=*)", "(telephoneNumber=+1 555 0101)", "(cn:caseExactMatch:=User 3)", "(cn:=user 4)",
      "(ou:dn:=people)", "(objectClass=organizationalUnit)", "(uid>=u3)", "(cn~=User 5)", "(objectClass=alias)",
      "(cn=user 7)", "(mail=U3@example.com)", "(mail=u3@*)", "(uid=U1*)", "(cn=*)", "(uidNumber=1004)",
      "(entryDN=uid=u5," + PEOPLE + ")", "(sn=)"};
  /** The bases of the database, and missing ones below it: base reads of these take the native path. */
  private static final String[] DATABASE_BASES = {SUFFIX, PEOPLE, USER_DN, "uid=u7," + PEOPLE,
      "UID=U2,OU=People,DC=Example,DC=COM", SECRET, "uid=s1," + SECRET, "uid=nobody," + PEOPLE,
      "cn=x,uid=nobody," + PEOPLE, "ou=missing," + SUFFIX};
  private static final String[][] ATTRIBUTES = {{}, {"*"}, {"+"}, {"1.1"}, {"cn"}, {"cn", "mail"}, {"CN", "Sn"},
      {"unknownAttribute"}, {"*", "+"}, {"entryDN", "hasSubordinates"}, {"userPassword"}, {"uid", "subschemaSubentry",
      "entryUUID"}, {"objectClass"}, {"telephoneNumber", "uid"}, {"1.1", "cn"}, {"2.5.4.3"}, {"*", "entryDN"}};
  /** Not subordinateSubtree: ApacheDS's decoder refuses it, and drops the connection. */
  private static final SearchScope[] SCOPES = {SearchScope.BASE, SearchScope.ONE, SearchScope.SUB};

  @TempDir
  static Path directory;
  static ListeningServer served;

  @BeforeAll
  static void start() throws Exception {
    served = ListeningServer.start(directory, List.of("core.schema", "cosine.schema", "inetorgperson.schema", "nis.schema"),
        List.of("access to attrs=userPassword by self write by anonymous auth by * none",
            "access to dn.subtree=\"" + SECRET + "\" by users read by * none",
            "access to attrs=telephoneNumber by users read by * search",
            "access to * by * read",
            "database mdb", "suffix " + SUFFIX, "rootdn " + ROOT_DN, "rootpw " + PASSWORD,
            "index objectClass eq", "index uid,cn eq,sub", "index uidNumber eq", "dbnosync"),
        service -> fill(service.getAdminSession(), service.getSchemaManager()));
  }

  private static void fill(CoreSession admin, SchemaManager schema) throws Exception {
    admin.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
    admin.add(new DefaultEntry(schema, PEOPLE, "objectClass: organizationalUnit", "ou: people", "description: staff"));
    admin.add(new DefaultEntry(schema, SECRET, "objectClass: organizationalUnit", "ou: secret"));
    admin.add(new DefaultEntry(schema, "uid=s1," + SECRET, "objectClass: account", "uid: s1"));
    for (int i = 0; i < PEOPLE_COUNT; i++) {
      DefaultEntry person = new DefaultEntry(schema, "uid=u" + i + "," + PEOPLE, "objectClass: inetOrgPerson",
          "objectClass: posixAccount", "uid: u" + i, "cn: User " + i, "CN: Person " + i, "sn: Surname" + i,
          "uidNumber: " + (1000 + i), "gidNumber: 100", "homeDirectory: /home/u" + i, "userPassword: " + PASSWORD,
          "telephoneNumber: +1 555 01" + (i < 10 ? "0" : "") + i);
      if (i % 3 == 0) {
        person.add("mail", "u" + i + "@example.com");
      }
      if (i % 4 == 0) {
        person.add("description", "number " + i);
      }
      admin.add(person);
    }
  }

  @AfterAll
  static void stop() {
    if (served != null) {
      served.close();
    }
  }

  @AfterEach
  void directPathOn() {
    DirectSearchHandler.enabled = true;
  }

  @Test
  void anonymousGetsTheSameAnswersOnBothPaths() throws Exception {
    sameAnswers(null, 1);
  }

  @Test
  void aUserGetsTheSameAnswersOnBothPaths() throws Exception {
    sameAnswers(USER_DN, 2);
  }

  @Test
  void theRootDnGetsTheSameAnswersOnBothPaths() throws Exception {
    sameAnswers(ROOT_DN, 3);
  }

  @Test
  void baseReadsOfWholeEntriesGetTheSameAnswersOnBothPaths() throws Exception {
    for (String bindDn : new String[] {null, USER_DN, ROOT_DN}) {
      long nativeBefore = DirectSearchHandler.NATIVE.sum();
      sameAnswers(bindDn, 4, DirectSearchTest::randomBaseRead);
      long natively = DirectSearchHandler.NATIVE.sum() - nativeBefore;
      assertTrue(natively > REQUESTS_PER_REQUESTER / 2, "only " + natively + " base reads ran natively for " + bindDn);
    }
  }

  /** The count of referrals PlainSearches keeps between updates is counted again after one. */
  @Test
  void aReferralAddedToTheDatabaseSendsSearchesBelowABaseBackToApacheDs() throws Exception {
    String referral = "ou=elsewhere," + SUFFIX;
    SearchRequest below = new SearchRequest(SUFFIX, SearchScope.SUB, "(uid=u1)");
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", served.port())) {
      connection.bind(ROOT_DN, PASSWORD);
      assertEquals(1, directlyAnswered(connection, below));
      connection.add(referral, new Attribute("objectClass", "referral", "extensibleObject"),
          new Attribute("ou", "elsewhere"), new Attribute("ref", "ldap://other.example/" + referral));
      try {
        assertEquals(0, directlyAnswered(connection, below));
      } finally {
        connection.delete(new DeleteRequest(referral, new Control[] {new ManageDsaITRequestControl()}));
      }
      assertEquals(1, directlyAnswered(connection, below));
    }
  }

  private static long directlyAnswered(LDAPConnection connection, SearchRequest request) throws LDAPException {
    long before = DirectSearchHandler.ANSWERED.sum();
    assertEquals(1, connection.search(request).getEntryCount());
    return DirectSearchHandler.ANSWERED.sum() - before;
  }

  private void sameAnswers(String bindDn, long seedOffset) throws Exception {
    long nativeBefore = DirectSearchHandler.NATIVE.sum();
    long preparedBefore = DirectSearchHandler.PREPARED.sum();
    sameAnswers(bindDn, seedOffset, DirectSearchTest::randomRequest);
    long natively = DirectSearchHandler.NATIVE.sum() - nativeBefore;
    assertTrue(natively > REQUESTS_PER_REQUESTER / 10, "only " + natively + " requests ran natively");
    long prepared = DirectSearchHandler.PREPARED.sum() - preparedBefore;
    assertTrue(prepared > REQUESTS_PER_REQUESTER / 100, "only " + prepared + " went on from the dispatch's start");
  }

  private void sameAnswers(String bindDn, long seedOffset, RandomRequests requests) throws Exception {
    Random random = new Random(SEED + seedOffset);
    long directBefore = DirectSearchHandler.ANSWERED.sum();
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", served.port())) {
      if (bindDn != null) {
        connection.bind(bindDn, PASSWORD);
      }
      for (int i = 0; i < REQUESTS_PER_REQUESTER; i++) {
        SearchRequest request = requests.next(random);
        String direct = answer(connection, request, true);
        String apacheds = answer(connection, request, false);
        assertEquals(apacheds, direct, "seed " + (SEED + seedOffset) + " request " + i + ": " + request);
      }
    }
    long direct = DirectSearchHandler.ANSWERED.sum() - directBefore;
    assertTrue(direct > REQUESTS_PER_REQUESTER / 2, "only " + direct + " requests took the short path");
  }

  /** A source of random search requests. */
  private interface RandomRequests {
    SearchRequest next(Random random) throws LDAPException;
  }

  /** A read of one entry of the database, or of a missing one, with {@code (objectClass=*)}. */
  private static SearchRequest randomBaseRead(Random random) throws LDAPException {
    SearchRequest request = new SearchRequest(pick(random, DATABASE_BASES), SearchScope.BASE, "(objectClass=*)",
        pick(random, ATTRIBUTES));
    request.setTypesOnly(random.nextInt(4) == 0);
    return request;
  }

  private static SearchRequest randomRequest(Random random) throws LDAPException {
    SearchRequest request = new SearchRequest(pick(random, BASES), pick(random, SCOPES), pick(random, FILTERS),
        pick(random, ATTRIBUTES));
    request.setTypesOnly(random.nextInt(5) == 0);
    request.setSizeLimit(random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 0);
    request.setDerefPolicy(random.nextInt(4) == 0 ? DereferencePolicy.ALWAYS : DereferencePolicy.NEVER);
    return request;
  }

  private static <T> T pick(Random random, T[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** The whole answer as text, in the order the server sent it. */
  private static String answer(LDAPConnection connection, SearchRequest request, boolean direct) {
    DirectSearchHandler.enabled = direct;
    SearchResult result;
    try {
      result = connection.search(request);
    } catch (LDAPException e) {
      result = e instanceof com.unboundid.ldap.sdk.LDAPSearchException search ? search.getSearchResult()
          : new SearchResult(e.toLDAPResult());
    }
    StringBuilder text = new StringBuilder();
    text.append(result.getResultCode()).append(" matched=").append(result.getMatchedDN())
        .append(" message=").append(withoutMessageId(result.getDiagnosticMessage())).append('\n');
    List<SearchResultEntry> entries = result.getSearchEntries() == null ? List.of() : result.getSearchEntries();
    for (SearchResultEntry entry : entries) {
      text.append("dn: ").append(entry.getDN()).append('\n');
      for (Attribute attribute : entry.getAttributes()) {
        text.append(attribute.getName()).append(": ").append(values(attribute)).append('\n');
      }
    }
    text.append("references: ").append(result.getReferenceCount());
    return text.toString();
  }

  /**
   * ApacheDS's longer diagnostics quote the request, with its message ID and its object's identity hash, which
   * differ between the two runs.
   */
  private static String withoutMessageId(String message) {
    return message == null ? null
        : message.replaceAll("Message ID : \\d+", "Message ID : n").replaceAll("Impl@[0-9a-f]+", "Impl@h");
  }

  private static List<String> values(Attribute attribute) {
    List<String> values = new ArrayList<>();
    for (byte[] value : attribute.getValueByteArrays()) {
      values.add(new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }
    return values;
  }
}

package io.mdbldap.server.access.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.conf.AccessRule;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Access rules as slapd.access(5) evaluates them, driven without a server: rules parsed from a slapd.conf, compiled,
 * and asked for the level a requester has to an attribute of an entry.
 */
class AccessPolicyTest {
  private static final Path SCHEMA = Path.of("..", "conf", "schema").toAbsolutePath().normalize();
  private static final String PEOPLE = "ou=People,dc=example,dc=com";
  private static final String JDOE = "uid=jdoe," + PEOPLE;
  private static final String ASMITH = "uid=asmith," + PEOPLE;
  private static final String ROOT = "cn=admin,dc=example,dc=com";

  @TempDir
  static Path directory;
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = parse("").schemaManager();
  }

  /** The shipped conf/slapd.conf's policy. */
  @ParameterizedTest(name = "{0} has {3} on {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      "anonymous | " + JDOE + " | userPassword | AUTH",
      JDOE + " | " + JDOE + " | userPassword | WRITE",
      ASMITH + " | " + JDOE + " | userPassword | NONE",
      "anonymous | " + JDOE + " | shadowLastChange | AUTH",
      JDOE + " | " + JDOE + " | shadowLastChange | WRITE",
      "anonymous | " + JDOE + " | cn | READ",
      JDOE + " | " + JDOE + " | cn | READ",
      "anonymous | " + JDOE + " | entry | READ",
      ASMITH + " | " + PEOPLE + " | children | READ"})
  void shippedPolicyGuardsPasswords(String who, String dn, String attribute, AccessLevel expected) throws Exception {
    AccessPolicy policy = policy("""
        access to attrs=userPassword,shadowLastChange
            by self write
            by anonymous auth
            by * none
        access to * by * read
        """);
    assertEquals(expected, policy.level(requester(who), entry(dn), subject(attribute)));
  }

  @ParameterizedTest(name = "{0} has {3} on {2} of {1}")
  @CsvSource(delimiter = '|', value = {
      // dn.children: below People, not People itself, which the second rule covers
      ASMITH + " | " + JDOE + " | description | SEARCH",
      ASMITH + " | " + PEOPLE + " | description | COMPARE",
      // dn.one: the children only; the grandchild falls through to the last rule
      "anonymous | cn=admins,ou=Groups,dc=example,dc=com | member | SEARCH",
      "anonymous | cn=x,cn=admins,ou=Groups,dc=example,dc=com | member | READ",
      // dn.exact and dn.subtree requesters, first clause that names the requester
      ROOT + " | " + JDOE + " | mail | MANAGE",
      JDOE + " | " + JDOE + " | mail | WRITE",
      "cn=x,ou=Admins,dc=example,dc=com | " + JDOE + " | mail | WRITE",
      ASMITH + " | " + JDOE + " | mail | DISCLOSE",
      // filter=: only entries that match it
      "anonymous | uid=posix,dc=example,dc=com | homeDirectory | NONE",
      "anonymous | uid=plain,dc=example,dc=com | homeDirectory | READ",
      // nothing covers it: none
      "anonymous | dc=other | cn | NONE"})
  void firstCoveringRuleAndFirstNamingClauseDecide(String who, String dn, String attribute, AccessLevel expected)
      throws Exception {
    AccessPolicy policy = policy("""
        access to dn.subtree="dc=example,dc=com" attrs=mail
            by dn.exact="cn=admin,dc=example,dc=com" manage
            by self write
            by dn.sub="ou=Admins,dc=example,dc=com" write
            by users disclose
        access to dn.children="ou=People,dc=example,dc=com" by users search
        access to dn.base="ou=People,dc=example,dc=com" by * compare
        access to dn.one="ou=Groups,dc=example,dc=com" by * search
        access to filter=(objectClass=posixAccount) attrs=homeDirectory by * none
        access to dn.sub="dc=example,dc=com" by * read
        """);
    Entry entry = entry(dn);
    if (dn.startsWith("uid=posix")) {
      entry.add("objectClass", "top", "account", "posixAccount");
    }
    assertEquals(expected, policy.level(requester(who), entry, subject(attribute)));
    assertTrue(policy.needsEntry(), "a filter= rule looks at the entry");
  }

  @Test
  void withoutRulesEveryoneReads() throws Exception {
    AccessPolicy policy = policy("");
    assertEquals(AccessLevel.READ, policy.level(Requester.ANONYMOUS, entry(JDOE), subject("userPassword")));
    assertEquals(AccessLevel.READ, policy.level(requester(JDOE), entry(JDOE), subject("entry")));
  }

  @Test
  void levelsIncludeTheWeakerOnes() {
    assertTrue(AccessLevel.WRITE.allows(AccessLevel.SEARCH));
    assertTrue(AccessLevel.AUTH.allows(AccessLevel.DISCLOSE));
    assertTrue(!AccessLevel.AUTH.allows(AccessLevel.COMPARE));
  }

  @Test
  void unsupportedTermsAreRefusedWithFileAndLine() throws Exception {
    List<String> reasons = List.of("\"dn.regex=.*\" is not supported",
        "\"group=cn=admins,dc=example,dc=com\" is not supported", "\"=rw\" is not supported",
        "\"continue\" is not supported", "\"val=x\" is not supported");
    ServerConfig config = parse("""
        access to dn.regex=.* by * read
        access to * by group="cn=admins,dc=example,dc=com" write
        access to * by * =rw
        access to * by * read continue
        access to val=x attrs=cn by * read
        """);
    for (int i = 0; i < reasons.size(); i++) {
      List<AccessRule> rule = List.of(config.access().get(i));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new RuleCompiler(schema).compile(rule));
      assertTrue(e.getMessage().startsWith(config.file() + ":" + (5 + i) + ": access: " + reasons.get(i)),
          e.getMessage());
    }
  }

  /** Only slapd's default lets reads go unchecked; any rule, even one granting read to all, is evaluated. */
  @Test
  void onlyTheDefaultPolicyIsReadableByAll() throws Exception {
    assertTrue(policy("").readableByAll());
    assertFalse(policy("access to * by * read\n").readableByAll());
    assertFalse(policy("access to attrs=userPassword by self write\n").readableByAll());
  }

  /** Each parse loads the schema again, a second or more: parameterized cases share their policy. */
  private static final Map<String, AccessPolicy> POLICIES = new ConcurrentHashMap<>();

  private static AccessPolicy policy(String rules) throws Exception {
    AccessPolicy policy = POLICIES.get(rules);
    if (policy == null) {
      policy = new AccessPolicy(new RuleCompiler(schema).compile(parse(rules).access()));
      POLICIES.put(rules, policy);
    }
    return policy;
  }

  private static ServerConfig parse(String rules) throws Exception {
    Path file = Files.createTempFile(directory, "slapd", ".conf");
    Files.writeString(file, "include " + SCHEMA.resolve("core.schema") + "\ninclude " + SCHEMA.resolve("cosine.schema")
        + "\ninclude " + SCHEMA.resolve("inetorgperson.schema") + "\ninclude " + SCHEMA.resolve("nis.schema") + "\n"
        + rules);
    return ConfigParser.parse(file);
  }

  private static Requester requester(String who) throws Exception {
    return who.equals("anonymous") ? Requester.ANONYMOUS : new Requester(new Dn(schema, who));
  }

  private static Entry entry(String dn) throws Exception {
    return new DefaultEntry(schema, new Dn(schema, dn));
  }

  private static Subject subject(String attribute) throws Exception {
    return switch (attribute) {
      case "entry" -> Subject.ENTRY;
      case "children" -> Subject.CHILDREN;
      default -> Subject.of(schema.lookupAttributeTypeRegistry(attribute));
    };
  }
}

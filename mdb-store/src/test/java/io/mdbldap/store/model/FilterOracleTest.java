package io.mdbldap.store.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdbldap.store.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.UndefinedNode;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proves the oracle on a hand-made table: three entries, and filters whose answers were worked
 * out by hand from the RFCs. If the oracle is wrong, the randomized test proves nothing, so this
 * runs on its own, without the store.
 */
class FilterOracleTest {
  private static SchemaManager sm;
  private static FilterOracle oracle;
  private static List<Entry> entries;

  @BeforeAll
  static void table() throws Exception {
    sm = ModelSchema.get();
    oracle = new FilterOracle(sm, new Norms());
    Entry barbara = new DefaultEntry(sm, "cn=Barbara Jensen,ou=People,dc=example,dc=com",
        "objectClass: inetOrgPerson", // superclasses left out on purpose
        "cn: Barbara Jensen",
        "cn: Babs  Jensen ",
        "sn:  Jensen ",
        "givenName: Barbara",
        "mail: BJensen@Example.COM",
        "telephoneNumber: +1 408 555 1862",
        "revisions: 5",
        "revisions: -3",
        "createTimestamp: 20240101120000Z",
        "seeAlso: cn=Group,ou=Groups,dc=example,dc=com",
        "ads-keystoreFile: Key Store",
        "dnQualifier: Abc");
    barbara.add("userPassword", "sécret\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    barbara.add("userPassword", new byte[] {(byte) 0xFF, 0x00, 0x41}); // not UTF-8
    Entry people = new DefaultEntry(sm, "ou=People,dc=example,dc=com",
        "objectClass: organizationalUnit",
        "objectClass: top",
        "ou: People",
        "description: Where the people live");
    Entry john = new DefaultEntry(sm, "cn=John Smith,ou=People,dc=example,dc=com",
        "objectClass: top",
        "objectClass: person",
        "cn: John Smith",
        "sn: Smith",
        "revisions: 10",
        "createTimestamp: 20230601000000Z",
        "telephoneNumber: 408-555-0000");
    entries = List.of(barbara, people, john);
  }

  /** Expected: the initials of the matching entries (B = Barbara, P = People, J = John), sorted. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "=>", nullValues = "none", value = {
    "(objectClass=*)                         => BJP",
    "(objectClass=person)                    => BJ",
    "(objectClass=top)                       => BJP",
    "(objectClass=organizationalPerson)      => B",
    "(objectClass=2.5.6.6)                   => BJ",
    "(objectClass=INETORGPERSON)             => B",
    "(objectClass=fooBar)                    => none",
    // RFC 4517 objectIdentifierMatch: an unknown descr is Undefined, an unknown numericoid is FALSE
    "(!(objectClass=fooBar))                 => none",
    "(!(objectClass=1.2.3.4))                => BJP",
    "(!(objectClass=country))                => BJP",
    "(cn=barbara jensen)                     => B",
    "(cn=  BARBARA   JENSEN )                => B",
    "(cn=babs jensen)                        => B",
    "(sn=jensen)                             => B",
    "(name=john smith)                       => J",
    "(name=people)                           => P",
    "(cn;lang-en=john smith)                 => J",
    "(commonName=John Smith)                 => J",
    "(2.5.4.3=john smith)                    => J",
    "(unknownAttr=x)                         => none",
    "(!(unknownAttr=x))                      => none",
    "(!(unknownAttr=*))                      => none",
    "(|(unknownAttr=x)(sn=smith))            => J",
    "(&(unknownAttr=x)(sn=smith))            => none",
    "(!(&(unknownAttr=x)(sn=smith)))         => BP",
    "(!(|(unknownAttr=x)(sn=smith)))         => none",
    "(cn=bar*)                               => B",
    "(cn=*jensen)                            => B",
    "(cn=*a j*)                              => B",
    "(cn=b*s*n)                              => B",
    "(cn=*smi*)                              => J",
    "(cn=j*n*s*h)                            => J",
    "(cn=jensen*)                            => none",
    "(cn=*)                                  => BJ",
    "(sn=*en*)                               => B",
    "(sn=*s)                                 => none",
    "(!(sn=*))                               => P",
    "(!(objectClass=*))                      => none",
    "(mail=bjensen@example.com)              => B",
    "(mail=*@EXAMPLE.com)                    => B",
    "(telephoneNumber=+14085551862)          => B",
    "(telephoneNumber=*555 18*)              => B",
    "(telephoneNumber=408*)                  => J",
    "(revisions>=5)                          => BJ",
    "(revisions>=6)                          => J",
    "(revisions<=-3)                         => B",
    "(revisions<=-4)                         => none",
    "(revisions=10)                          => J",
    "(revisions=abc)                         => none",
    "(!(revisions=abc))                      => none",
    "(!(revisions>=abc))                     => none",
    "(createTimestamp>=20231231235959Z)      => B",
    "(createTimestamp<=202306010000Z)        => J",
    "(createTimestamp=20240101130000+0100)   => B",
    "(cn>=a)                                 => none",
    "(!(cn>=a))                              => none",
    "(!(cn=x*))                              => BJP",
    "(description=*live*)                    => P",
    "(description=where the  people live)    => P",
    "(seeAlso=CN=group, OU=groups,dc=example,dc=com)            => B",
    "(distinguishedName=cn=group,ou=groups,dc=example,dc=com)   => B",
    "(ads-keystoreFile=Key Store)            => B",
    "(ads-keystoreFile=key store)            => none",
    "(ads-keystoreFile>=Key)                 => B",
    "(ads-keystoreFile<=Kez)                 => B",
    "(ads-keystoreFile<=Kex)                 => none",
    "(dnQualifier>=abb)                      => B",
    "(dnQualifier<=ABB)                      => none",
    "(cn:caseExactMatch:=Barbara Jensen)     => B",
    "(cn:caseExactMatch:=barbara jensen)     => none",
    "(sn:2.5.13.2:=JENSEN)                   => B",
    "(cn:=john smith)                        => J",
    "(cn:1.2.3.4.5:=x)                       => none",
    "(!(cn:1.2.3.4.5:=x))                    => none",
    "(unknownAttr:caseIgnoreMatch:=smith)    => none",
    "(!(unknownAttr:caseIgnoreMatch:=smith)) => none",
    "(:caseExactMatch:=Smith)                => J",
    "(:caseExactMatch:=smith)                => none",
    "(ou:dn:=people)                         => BJP",
    "(ou:=people)                            => P",
    "(cn:dn:caseIgnoreMatch:=JOHN SMITH)     => J",
    "(cn~=barbra jensen)                     => B",
    "(sn~=smyth)                             => J",
    "(cn~=jensen barbara)                    => none",
    "(cn~=jensn)                             => B",
    "(revisions~=10)                         => J",
    "(&(objectClass=person)(|(sn=smith)(!(cn=*jensen*))))  => J",
    // Two different values of B satisfy the two halves: multi-valued AND is per item, not per value.
    "(|(&(revisions>=0)(revisions<=0))(ou=people))        => BP",
  })
  void filterTable(String filter, String expected) throws Exception {
    assertEquals(expected == null ? "" : expected, matching(FilterParser.parse(filter)), filter);
  }

  @Test
  void binaryValuesCompareAsBytes() throws Exception {
    assertEquals("B", matching(FilterParser.parse("(userPassword=sécret\uD83D\uDE00)")));
    assertEquals("", matching(FilterParser.parse("(userPassword=Sécret\uD83D\uDE00)")));
    assertEquals("JP", matching(FilterParser.parse("(!(userPassword=*))")));
    assertEquals("B", matching(FilterParser.parse("(userPassword=\\ff\\00\\41)")));
    assertEquals("", matching(FilterParser.parse("(userPassword=\\ff\\00)")));
    assertEquals("", matching(FilterParser.parse("(userPassword=s*)")), "no SUBSTR rule: undefined");
  }

  @Test
  void apacheDsNodesAreUnderstood() throws Exception {
    assertEquals("BJP", matching(ObjectClassNode.OBJECT_CLASS_NODE));
    assertEquals("", matching(new UndefinedNode("unknownAttr")));
    assertEquals("", matching(new NotNode(new UndefinedNode("unknownAttr"))));
    OrNode or = new OrNode(new UndefinedNode("unknownAttr"), FilterParser.parse("(sn=smith)"));
    assertEquals("J", matching(or));
  }

  @Test
  void threeValuedLogic() {
    assertEquals(Truth.UNDEFINED, Truth.UNDEFINED.not());
    assertEquals(Truth.FALSE, Truth.UNDEFINED.and(Truth.FALSE));
    assertEquals(Truth.UNDEFINED, Truth.UNDEFINED.and(Truth.TRUE));
    assertEquals(Truth.TRUE, Truth.UNDEFINED.or(Truth.TRUE));
    assertEquals(Truth.UNDEFINED, Truth.UNDEFINED.or(Truth.FALSE));
  }

  @Test
  void scopesSelectTheRightEntries() throws Exception {
    DirectoryModel model = new DirectoryModel(sm, new Norms(), "dc=example,dc=com");
    model.add(new DefaultEntry(sm, "dc=example,dc=com", "objectClass: domain", "dc: example"));
    for (Entry e : entries) {
      if (e.getDn().size() == 4) {
        continue;
      }
      model.add(e.clone());
    }
    for (Entry e : entries) {
      if (e.getDn().size() == 4) {
        model.add(e.clone());
      }
    }
    assertEquals(4, model.scope(model.suffix(), Scope.SUB).size());
    assertEquals(3, model.scope(model.suffix(), Scope.CHILDREN).size());
    assertEquals(1, model.scope(model.suffix(), Scope.ONE).size());
    assertEquals(2, model.scope(model.dn("ou=people,dc=example,dc=com"), Scope.ONE).size());
    assertEquals(1, model.scope(model.dn("ou=people,dc=example,dc=com"), Scope.BASE).size());
  }

  private static String matching(ExprNode filter) {
    Set<String> out = new TreeSet<>();
    FilterOracle.Compiled compiled = oracle.compile(filter);
    for (Entry e : entries) {
      if (compiled.test(e) == Truth.TRUE) {
        out.add(e.getDn().getRdn().getValue().substring(0, 1).toUpperCase());
      }
    }
    return String.join("", out);
  }
}

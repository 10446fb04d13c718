package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessRulesTest {

    private static final String USAGE = "access to <what> by <who> [<access>] [<control>] [by ...]";

    @TempDir
    Path dir;

    @Test
    void parsesEveryKindOfClause() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), """
                access to dn.regex="^(.+,)?uid=([^,]+),dc=example,dc=com$" filter=(objectClass=person)
                    attrs=cn,sn,@inetOrgPerson,!device,entry,children
                  by dn.exact,expand="uid=$2,dc=example,dc=com" write
                  by group/groupOfNames/member.exact="cn=admins,dc=example,dc=com" =rwsc continue
                  by users ssf=128 read break
                  by self.level{1} selfwrite
                  by anonymous
                  BY * none stop
                access to dn.subtree="ou=People,dc=example,dc=com" attrs=telephoneNumber val.regex=^\\+1
                  by dynacl/aci manage
                """);
        List<AccessRule> rules = config.access();
        assertEquals(2, rules.size());
        AccessRule rule = rules.get(0);
        assertEquals(List.of("dn.regex=^(.+,)?uid=([^,]+),dc=example,dc=com$", "filter=(objectClass=person)",
                "attrs=cn,sn,@inetOrgPerson,!device,entry,children"), rule.what());
        assertEquals(List.of(
                new AccessRule.By(List.of("dn.exact,expand=uid=$2,dc=example,dc=com"), "write", "stop"),
                new AccessRule.By(List.of("group/groupOfNames/member.exact=cn=admins,dc=example,dc=com"), "=rwsc",
                        "continue"),
                new AccessRule.By(List.of("users", "ssf=128"), "read", "break"),
                new AccessRule.By(List.of("self.level{1}"), "selfwrite", "stop"),
                new AccessRule.By(List.of("anonymous"), "none", "stop"),
                new AccessRule.By(List.of("*"), "none", "stop")), rule.by());
        assertEquals(dir.resolve("slapd.conf"), rule.file());
        assertEquals(1, rule.line());
        assertEquals(9, rules.get(1).line());
        assertEquals(List.of("dn.subtree=ou=People,dc=example,dc=com", "attrs=telephoneNumber", "val.regex=^+1"),
                rules.get(1).what());
    }

    @Test
    void rulesBeforeTheFirstDatabaseAreGlobalAndAfterItBelongToIt() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), "access to * by * read\n"
                + ConfigFiles.DATABASE + "access to * by users write\naccess to attrs=cn by * none\n");
        assertEquals(1, config.access().size());
        assertEquals(List.of(5, 6), config.databases().get(0).access().stream().map(AccessRule::line).toList());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("access\n", "access: missing argument; usage: " + USAGE),
                arguments("access from * by * read\n", "access: expecting \"to\" got \"from\""),
                arguments("access to *\n", "access: no by clause(s) specified; usage: " + USAGE),
                arguments("access to * by\n", "access: premature end of line: expecting <who>"),
                arguments("access to * by nobody read\n", "access: expecting <who> got \"nobody\""),
                arguments("access to * by * reed\n", "access: expecting <access> got \"reed\""),
                arguments("access to * by * read stop now\n", "access: expecting \"by\" got \"now\""),
                arguments("access to * by dn.exact= read\n",
                        "access: missing \"=\" in (or value after) \"dn.exact=\" in by clause"),
                arguments("access to cn by * read\n", "access: missing \"=\" in \"cn\" in to clause"),
                arguments("access to foo=bar by * read\n", "access: expecting <what> got \"foo=bar\""),
                arguments("access to attrs=bogusAttr by * read\n", "access: unknown attr \"bogusAttr\" in to clause"),
                arguments("access to attrs=cn,@cn by * read\n", "access: unknown attr \"@cn\" in to clause"),
                arguments("access to filter=(cn=x by * read\n", "access: bad filter \"(cn=x\" in to clause"),
                arguments("access to dn.fuzzy=x by * read\n", "access: unknown dn style \"fuzzy\" in to clause"),
                arguments("access to dn.subtree=notadn by * read\n",
                        "access: invalid DN \"notadn\" in to clause: A value is missing on some RDN"),
                arguments("access to op= by * read\n", "access: missing value after \"=\" in \"op=\" in to clause"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void malformedRulesFail(String config, String reason) {
        ConfigFiles.assertFails(dir.resolve("slapd.conf"), config, 1, reason);
    }
}

package io.mdbldap.server;

import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.ROOT_PW;
import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDK's own LDAP client (JNDI), as Java applications and Spring LDAP use the server. */
class JndiTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void rootDnWritesAndReadsThroughJndi() throws Exception {
    LdapContext context = connect(ROOT_DN, ROOT_PW);
    try {
      BasicAttributes attributes = new BasicAttributes(true);
      BasicAttribute objectClass = new BasicAttribute("objectClass");
      objectClass.add("top");
      objectClass.add("organizationalUnit");
      attributes.put(objectClass);
      attributes.put("ou", "Jndi");
      context.createSubcontext("ou=Jndi," + SUFFIX, attributes).close();
      context.modifyAttributes("ou=Jndi," + SUFFIX, new ModificationItem[] {
          new ModificationItem(DirContext.ADD_ATTRIBUTE, new BasicAttribute("description", "made by JNDI"))});
      assertEquals(List.of("ou=Jndi," + SUFFIX), search(context, "(description=made by JNDI)"));
      context.rename("ou=Jndi," + SUFFIX, "ou=Renamed," + SUFFIX);
      context.destroySubcontext("ou=Renamed," + SUFFIX);
      assertThrows(NameNotFoundException.class, () -> context.getAttributes("ou=Renamed," + SUFFIX));
    } finally {
      context.close();
    }
  }

  @Test
  void anonymousJndiSearches() throws Exception {
    LdapContext context = connect(null, null);
    try {
      assertEquals(List.of("uid=jdoe,ou=People," + SUFFIX), search(context, "(uid=jdoe)"));
    } finally {
      context.close();
    }
  }

  private static LdapContext connect(String dn, String password) throws Exception {
    Hashtable<String, Object> environment = new Hashtable<>();
    environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    environment.put(Context.PROVIDER_URL, server.url());
    environment.put(Context.SECURITY_AUTHENTICATION, dn == null ? "none" : "simple");
    if (dn != null) {
      environment.put(Context.SECURITY_PRINCIPAL, dn);
      environment.put(Context.SECURITY_CREDENTIALS, password);
    }
    return new InitialLdapContext(environment, null);
  }

  private static List<String> search(LdapContext context, String filter) throws Exception {
    SearchControls controls = new SearchControls();
    controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
    List<String> dns = new ArrayList<>();
    NamingEnumeration<SearchResult> results = context.search(SUFFIX, filter, controls);
    while (results.hasMore()) {
      dns.add(results.next().getNameInNamespace());
    }
    return dns;
  }
}

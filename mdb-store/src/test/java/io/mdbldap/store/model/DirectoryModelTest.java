package io.mdbldap.store.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.Scope;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the model's hand-written update semantics on a five-entry tree, without the store. */
class DirectoryModelTest {
  private final SchemaManager sm = ModelSchema.get();
  private DirectoryModel model;

  @BeforeEach
  void tree() throws Exception {
    model = new DirectoryModel(sm, new Norms(), "dc=example,dc=com");
    add("dc=example,dc=com", "objectClass: domain", "dc: example");
    add("ou=A,dc=example,dc=com", "objectClass: organizationalUnit", "ou: A", "ou: Alpha");
    add("ou=B,dc=example,dc=com", "objectClass: organizationalUnit", "ou: B");
    add("cn=X,ou=A,dc=example,dc=com", "objectClass: person", "cn: X", "sn: x", "revisions: 5", "revisions: -3");
    add("cn=Y,cn=X,ou=A,dc=example,dc=com", "objectClass: person", "cn: Y", "sn: y");
  }

  @Test
  void subtreeMoveCarriesDescendantsAndDropsTheOldRdn() throws Exception {
    model.moveAndRename(dn("ou=A,dc=example,dc=com"), dn("ou=B,dc=example,dc=com"), new Rdn(sm, "ou=C"), true);
    assertNull(model.get(dn("ou=A,dc=example,dc=com")));
    assertNull(model.get(dn("cn=Y,cn=X,ou=A,dc=example,dc=com")));
    DirectoryModel.Node y = model.get(dn("cn=y,cn=x,ou=c,ou=b,dc=example,dc=com"));
    assertNotNull(y);
    assertEquals(dn("cn=y,cn=x,ou=c,ou=b,dc=example,dc=com"), y.entry().getDn());
    assertEquals(Set.of("alpha", "c"), values(model.get(dn("ou=C,ou=B,dc=example,dc=com")).entry(), "ou"));
    assertEquals(4, DirectoryModel.subtree(model.get(dn("ou=B,dc=example,dc=com")), true).size());
    assertEquals(1, model.scope(model.suffix(), Scope.ONE).size());
    assertEquals(5, model.size());
  }

  @Test
  void renameWithoutDeleteOldRdnKeepsTheOldValue() throws Exception {
    model.moveAndRename(dn("cn=X,ou=A,dc=example,dc=com"), null, new Rdn(sm, "cn=Z+sn=Q"), false);
    Entry z = model.get(dn("cn=z+sn=q,ou=a,dc=example,dc=com")).entry();
    assertEquals(Set.of("x", "z"), values(z, "cn"));
    assertEquals(Set.of("x", "q"), values(z, "sn"));
    assertNotNull(model.get(dn("cn=Y,cn=Z+sn=Q,ou=A,dc=example,dc=com")));
  }

  @Test
  void deleteOldRdnKeepsValuesTheNewRdnRepeats() throws Exception {
    model.moveAndRename(dn("cn=X,ou=A,dc=example,dc=com"), null, new Rdn(sm, "cn=x+sn=W"), true);
    Entry e = model.get(dn("cn=X+sn=W,ou=A,dc=example,dc=com")).entry();
    assertEquals(Set.of("x"), values(e, "cn"));
  }

  @Test
  void modifySemantics() throws Exception {
    Dn x = dn("cn=X,ou=A,dc=example,dc=com");
    model.modify(x, List.of(
        new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, attr("description", "one", "Two")),
        new DefaultModification(ModificationOperation.REMOVE_ATTRIBUTE, attr("description", "  TWO ")),
        new DefaultModification(ModificationOperation.INCREMENT_ATTRIBUTE, attr("revisions", "2")),
        new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, attr("sn", "s1", "s2"))));
    Entry e = model.get(x).entry();
    assertEquals(Set.of("one"), values(e, "description"));
    assertEquals(Set.of("7", "-1"), values(e, "revisions"));
    assertEquals(Set.of("s1", "s2"), values(e, "sn"));
    model.modify(x, List.of(
        new DefaultModification(ModificationOperation.REMOVE_ATTRIBUTE, attr("description")),
        new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, attr("sn"))));
    assertNull(model.get(x).entry().get("description"));
    assertNull(model.get(x).entry().get("sn"));
    assertEquals(x, model.get(x).entry().getDn(), "modify keeps the DN");
  }

  @Test
  void onlyLeavesDelete() throws Exception {
    assertThrows(IllegalStateException.class, () -> model.delete(dn("cn=X,ou=A,dc=example,dc=com")));
    model.delete(dn("cn=Y,cn=X,ou=A,dc=example,dc=com"));
    assertTrue(model.get(dn("cn=X,ou=A,dc=example,dc=com")).isLeaf());
    assertFalse(model.contains(dn("cn=Y,cn=X,ou=A,dc=example,dc=com")));
    assertEquals(4, model.size());
  }

  private void add(String dn, String... ldif) throws Exception {
    model.add(new DefaultEntry(sm, dn, (Object[]) ldif));
  }

  private Dn dn(String dn) throws Exception {
    return model.dn(dn);
  }

  private Attribute attr(String id, String... values) throws Exception {
    return new DefaultAttribute(sm.lookupAttributeTypeRegistry(id), values);
  }

  private static Set<String> values(Entry e, String id) {
    Set<String> out = new TreeSet<>();
    for (Value v : e.get(id)) {
      out.add(v.getString().toLowerCase());
    }
    return out;
  }
}

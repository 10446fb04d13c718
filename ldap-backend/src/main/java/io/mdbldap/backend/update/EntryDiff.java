package io.mdbldap.backend.update;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * The modifications that turn one entry into another: one REPLACE per attribute whose values
 * differ, as the user wrote them.
 */
final class EntryDiff {
  private EntryDiff() {}

  /** REPLACEs that make {@code from}'s attributes equal {@code to}'s (DNs are not compared). */
  static List<Modification> between(Entry from, Entry to) {
    List<Modification> mods = new ArrayList<>();
    for (Attribute wanted : to) {
      if (!sameValues(from.get(wanted.getAttributeType()), wanted)) {
        mods.add(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, wanted));
      }
    }
    for (Attribute current : from) {
      if (to.get(current.getAttributeType()) == null) {
        mods.add(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE,
            new DefaultAttribute(current.getAttributeType())));
      }
    }
    return mods;
  }

  /**
   * Same values as the user wrote them: a rename from {@code ou=users} to {@code ou=Users} changes
   * only the case of a value, which normalized comparison would miss.
   */
  private static boolean sameValues(Attribute current, Attribute wanted) {
    return current != null && current.size() == wanted.size() && forms(current).equals(forms(wanted));
  }

  private static Set<Object> forms(Attribute attribute) {
    Set<Object> forms = new HashSet<>();
    for (Value v : attribute) {
      forms.add(v.isHumanReadable() ? v.getString() : ByteBuffer.wrap(v.getBytes()));
    }
    return forms;
  }
}

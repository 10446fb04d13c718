package io.mdbldap.store.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * An entry flattened for the oracle: attribute types and raw values in arrays. The oracle tests
 * ten thousand filters against thousands of entries, and walking {@code DefaultEntry}'s hash maps
 * for every leaf dominated its time. A view goes stale when its entry's attributes change; the
 * model rebuilds it then (the DN is read live from the entry).
 */
final class EntryView {
  final Entry entry;
  final AttributeType[] types;
  final Value[][] values;
  final String[][] strings;

  private EntryView(Entry entry, List<AttributeType> types, List<Value[]> values) {
    this.entry = entry;
    this.types = types.toArray(new AttributeType[0]);
    this.values = values.toArray(new Value[0][]);
    this.strings = new String[this.values.length][];
    for (int i = 0; i < this.values.length; i++) {
      strings[i] = new String[this.values[i].length];
      for (int j = 0; j < this.values[i].length; j++) {
        strings[i][j] = this.values[i][j].getString();
      }
    }
  }

  static EntryView of(Entry entry) {
    List<AttributeType> types = new ArrayList<>();
    List<Value[]> values = new ArrayList<>();
    for (Attribute a : entry) {
      types.add(a.getAttributeType());
      List<Value> vs = new ArrayList<>();
      a.forEach(vs::add);
      values.add(vs.toArray(new Value[0]));
    }
    return new EntryView(entry, types, values);
  }
}

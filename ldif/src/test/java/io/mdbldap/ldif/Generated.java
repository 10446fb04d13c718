package io.mdbldap.ldif;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generated test data, written by the UnboundID SDK (not by our writer): a tree of organizational
 * units, people and groups with unicode, binary and long (folded) values, in an order where many
 * children come before their parents.
 */
public final class Generated {
  private static final String[] NAMES = {"Anna", "Björn", "Chloé", "Dmitrij", "Eve", "Françoise", "Göran", "Hiroshi",
      "Ines", "Jürgen", "Kofi", "Łukasz", "Maëlle", "Nuño", "Ørjan", "Zoë"};

  private Generated() {}

  /** {@code people} people, a few containers and groups and the suffix, shuffled with {@code seed}, as LDIF. */
  public static String ldif(int people, long seed) {
    return ldif(people, seed, true);
  }

  /** The same, with or without the suffix entry (for appending to another LDIF that has it). */
  public static String ldif(int people, long seed, boolean withSuffix) {
    Random random = new Random(seed);
    List<Entry> entries = new ArrayList<>();
    if (withSuffix) {
      entries.add(entry("dc=example,dc=com", List.of("objectClass: top", "objectClass: dcObject",
          "objectClass: organization", "dc: example", "o: Example")));
    }
    int units = Math.max(1, people / 100);
    for (int u = 0; u < units; u++) {
      entries.add(entry("ou=unit" + u + ",dc=example,dc=com", List.of("objectClass: organizationalUnit", "ou: unit" + u)));
    }
    for (int i = 0; i < people; i++) {
      entries.add(person(i, units, random));
    }
    for (int g = 0; g < Math.max(1, people / 50); g++) {
      List<String> lines = new ArrayList<>(List.of("objectClass: groupOfNames", "cn: group" + g));
      for (int m = 0; m < 5; m++) {
        int who = random.nextInt(people);
        String member = "member: uid=user" + who + ",ou=unit" + (who % units) + ",dc=example,dc=com";
        if (!lines.contains(member)) {
          lines.add(member);
        }
      }
      entries.add(entry("cn=group" + g + ",dc=example,dc=com", lines));
    }
    // Reversed, then partly shuffled: children mostly before their parents.
    Collections.reverse(entries);
    for (int i = 0; i < entries.size() / 10; i++) {
      Collections.swap(entries, random.nextInt(entries.size()), random.nextInt(entries.size()));
    }
    StringBuilder ldif = new StringBuilder();
    for (Entry e : entries) {
      ldif.append(e.toLDIFString(76)).append('\n');
    }
    return ldif.toString();
  }

  private static Entry person(int i, int units, Random random) {
    String given = NAMES[random.nextInt(NAMES.length)];
    byte[] password = new byte[12];
    random.nextBytes(password);
    List<String> lines = new ArrayList<>(List.of("objectClass: inetOrgPerson", "uid: user" + i,
        "cn: " + given + " Person " + i, "sn: Person " + i, "givenName: " + given, "mail: user" + i + "@example.com",
        "mail: alias" + i + "@example.org", "userPassword:: " + Base64.getEncoder().encodeToString(password)));
    if (i % 7 == 0) {
      lines.add("description: " + "a long description that the writer folds, ".repeat(1 + random.nextInt(5)) + i);
    }
    if (i % 11 == 0) {
      lines.add("description:: " + Base64.getEncoder().encodeToString(("  spaces around " + i + " ").getBytes()));
    }
    return entry("uid=user" + i + ",ou=unit" + (i % units) + ",dc=example,dc=com", lines);
  }

  private static Entry entry(String dn, List<String> lines) {
    List<String> all = new ArrayList<>();
    all.add("dn: " + dn);
    all.addAll(lines);
    try {
      return new Entry(all.toArray(new String[0]));
    } catch (LDIFException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

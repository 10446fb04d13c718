package io.mdbldap.store.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.codec.language.Metaphone;

/**
 * The approximate-match definition the store documents on its {@code Filter.Approx}: words at
 * white space, each coded by Metaphone (commons-codec, maximum code length 4), the lower-cased word
 * itself when Metaphone has no code for it; every assertion word must be matched by a later value
 * word. Written here from that sentence, not from the store's code.
 */
final class Phonetic {
  private static final Metaphone METAPHONE = new Metaphone();

  private Phonetic() {}

  static List<String> words(String normalized) {
    List<String> codes = new ArrayList<>();
    for (String word : normalized.split("\\s+")) {
      if (!word.isEmpty()) {
        String code = METAPHONE.metaphone(word);
        codes.add(code == null || code.isEmpty() ? word.toLowerCase(Locale.ROOT) : code);
      }
    }
    return codes;
  }

  /** Whether {@code wanted} is a subsequence of {@code value}. */
  static boolean inOrder(List<String> wanted, List<String> value) {
    int i = 0;
    for (String code : value) {
      if (i < wanted.size() && wanted.get(i).equals(code)) {
        i++;
      }
    }
    return i == wanted.size();
  }
}

package io.mdbldap.store.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a filter string that the store and the oracle disagree on to a smallest part they still
 * disagree on, so a failure report names the culprit: {@code (&(a=1)(!(b=2))(c=3))} may come down
 * to {@code (!(b=2))}. Works on the string, whose parentheses are all structural (RFC 4515
 * escapes them in values).
 */
final class FilterShrinker {
  private FilterShrinker() {}

  /** The smallest filter reachable by dropping branches for which {@code stillFails} holds. */
  static String shrink(String filter, Predicate<String> stillFails) {
    String current = filter;
    for (int round = 0; round < 40; round++) {
      String smaller = firstFailing(candidates(current), stillFails);
      if (smaller == null) {
        return current;
      }
      current = smaller;
    }
    return current;
  }

  private static String firstFailing(List<String> candidates, Predicate<String> stillFails) {
    for (String c : candidates) {
      if (stillFails.test(c)) {
        return c;
      }
    }
    return null;
  }

  /** Every child on its own, then the filter with one child of one branch removed. */
  static List<String> candidates(String filter) {
    List<String> out = new ArrayList<>();
    char op = filter.length() > 1 ? filter.charAt(1) : ' ';
    if (op != '&' && op != '|' && op != '!') {
      return out;
    }
    List<String> children = children(filter);
    out.addAll(children);
    for (int i = 0; i < children.size() && children.size() > 1; i++) {
      List<String> rest = new ArrayList<>(children);
      rest.remove(i);
      out.add("(" + op + String.join("", rest) + ")");
    }
    for (int i = 0; i < children.size(); i++) {
      for (String smallerChild : candidates(children.get(i))) {
        List<String> replaced = new ArrayList<>(children);
        replaced.set(i, smallerChild);
        out.add("(" + op + String.join("", replaced) + ")");
      }
    }
    return out;
  }

  /** The top-level components of a branch filter's body. */
  static List<String> children(String filter) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = -1;
    for (int i = 2; i < filter.length() - 1; i++) {
      char c = filter.charAt(i);
      if (c == '(') {
        if (depth++ == 0) {
          start = i;
        }
      } else if (c == ')' && --depth == 0) {
        out.add(filter.substring(start, i + 1));
      }
    }
    return out;
  }
}

package io.mdbldap.store.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;

/**
 * Random attribute values and their equivalent spellings. Pools are small on purpose, so values
 * repeat across entries and filters drawn from them find something. Text mixes case, accents,
 * Greek, Cyrillic, CJK, compatibility characters (NFKC folds {@code ﬁ} and full-width letters)
 * and leading, trailing and doubled spaces.
 */
final class ValueGen {
  static final List<String> FIRST = List.of("Barbara", "John", "José", "Zoë", "Ørjan", "Łukasz", "Ελένη",
      "Дмитрий", "Amélie", "Søren", "Åsa", "Björn", "Çağla", "Ümit", "Nguyễn", "François", "Ana María",
      "明", "Anne-Marie", "Kim");
  static final List<String> LAST = List.of("Jensen", "Smith", "Müller", "O'Brien", "van der Berg", "García",
      "Ångström", "Øvergaard", "Παπαδόπουλος", "Иванов", "李", "Nakamura", "Straße", "Dupont-Durand",
      "Łęcki", "Jansen", "Smyth", "Jones");
  static final List<String> WORDS = List.of("the", "quick", "brown", "fox", "Ελληνικά", "日本語", "naïve",
      "café", "résumé", "coöperate", "ﬁle", "ＡＢＣ", "Ⅻ", "data", "center", "north", "wing", "a", "x",
      "Ünïcödé", "straße", "STRASSE", "lead", "engineer", "*", "(paren)", "back\\slash");
  static final List<String> TITLES = List.of("Engineer", "Senior Engineer", "Manager", "Directeur général",
      "Chief Happiness Officer", "Intern", "Вице-президент", "技術者");
  static final List<String> CITIES = List.of("Paris", "Sunnyvale", "São Paulo", "Zürich", "Αθήνα", "Москва",
      "東京", "New York", "Los Angeles", "Kraków");
  static final List<String> UNITS = List.of("People", "Groups", "Engineering", "Sales", "R&D",
      "Ventes & Marketing", "Øst", "東京", "Research", "Support", "Finance", "Ops", "Legal", "Lab");
  static final List<String> RDN_ODDITIES = List.of(", Jr.", " + Co", " #1", " \"quoted\"", " <x>", " ;semi",
      " = eq", " \\ bs");
  static final List<String> NON_BMP = List.of("\uD83D\uDE00", "\uD801\uDC00", "\uD834\uDD1E", "\uD83C\uDC04");

  private final Random rnd;

  ValueGen(Random rnd) {
    this.rnd = rnd;
  }

  Random rnd() {
    return rnd;
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  /** A fresh value for {@code attr}; {@code dns} supplies DN values (existing entries' DNs). */
  String value(Attr attr, List<Dn> dns) {
    switch (attr.kind) {
      case FULL_NAME:
        return spaced(pick(FIRST) + " " + pick(LAST));
      case FIRST_NAME:
        return spaced(pick(FIRST));
      case LAST_NAME:
        return spaced(pick(LAST));
      case TITLE:
        return pick(TITLES);
      case CITY:
        return pick(CITIES);
      case WORDS:
        return spaced(words(1 + rnd.nextInt(6)));
      case UNIT:
        return pick(UNITS);
      case UID:
        return "u" + rnd.nextInt(5000);
      case SERIAL:
        return "E-" + rnd.nextInt(3000);
      case MAIL:
        return mail();
      case PHONE:
        return phone();
      case INTEGER:
        return integer();
      case TIME:
        return time(randomInstant());
      case DN:
        return dns.isEmpty() || chance(0.1) ? "cn=Nobody " + rnd.nextInt(100) + ",ou=Gone,dc=example,dc=com"
            : respell(pick(dns));
      default:
        return otherValue(attr.kind);
    }
  }

  private String otherValue(Attr.Kind kind) {
    switch (kind) {
      case EXACT:
        return spaced(pick(List.of("/etc/Keys/", "C:\\Keys\\", "keys/")) + pick(FIRST) + " store" + rnd.nextInt(20) + ".jks");
      case URI:
        return "http://example.com/" + pick(LAST).replace(' ', '_') + "/" + rnd.nextInt(50) + (chance(0.5) ? " Home Page" : "");
      case PATH:
        return "/home/" + pick(List.of("u", "U", "user", "User")) + rnd.nextInt(300);
      case PRINTABLE:
        return pick(List.of("Abc", "abd", "X-1", "Q (7)", "zz top", "A.B/C", "m:n", "AAA", "b")) + rnd.nextInt(10);
      case BINARY:
        return "{SSHA}" + pick(LAST).substring(0, 1) + pick(NON_BMP) + rnd.nextInt(100) + pick(NON_BMP);
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }

  String words(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(pick(WORDS));
    }
    return b.toString();
  }

  /** Sometimes adds insignificant spaces: leading, trailing, or a doubled inner space. */
  String spaced(String s) {
    if (!chance(0.2)) {
      return s;
    }
    switch (rnd.nextInt(3)) {
      case 0:
        return " " + s;
      case 1:
        return s + "  ";
      default:
        return s.replaceFirst(" ", "   ");
    }
  }

  private String mail() {
    String local = pick(FIRST).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + "." + rnd.nextInt(200);
    String host = pick(List.of("example.com", "Example.COM", "mail.example.org", "x.io"));
    return (local.startsWith(".") ? "u" + local : local) + "@" + host;
  }

  private String phone() {
    String digits = String.format("%03d%03d%04d", rnd.nextInt(1000), 555, rnd.nextInt(30));
    switch (rnd.nextInt(4)) {
      case 0:
        return "+1 " + digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
      case 1:
        return "+1-" + digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
      case 2:
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
      default:
        return "+1" + digits;
    }
  }

  String integer() {
    int r = rnd.nextInt(100);
    if (r < 2) {
      return (chance(0.5) ? "-" : "") + "1234567890123456789012" + rnd.nextInt(10);
    }
    if (r < 10) {
      return Long.toString(rnd.nextLong() % 10_000_000_000L);
    }
    return Integer.toString(rnd.nextInt(400) - 50);
  }

  Instant randomInstant() {
    long from = Instant.parse("2001-01-01T00:00:00Z").getEpochSecond();
    long span = 30L * 365 * 24 * 3600;
    long s = from + (long) (rnd.nextDouble() * span);
    s -= chance(0.3) ? s % 3600 : chance(0.3) ? s % 60 : 0; // whole hours and minutes allow short forms
    return Instant.ofEpochSecond(s, chance(0.2) ? rnd.nextInt(1000) * 1_000_000L : 0);
  }

  /** One of the equivalent generalizedTime spellings of {@code t}. */
  String time(Instant t) {
    int form = rnd.nextInt(5);
    OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
    if (form == 0 && t.getNano() == 0) {
      int hours = rnd.nextInt(25) - 12;
      ZoneOffset off = ZoneOffset.ofHoursMinutes(hours, chance(0.3) ? (hours < 0 ? -30 : 30) : 0);
      OffsetDateTime local = t.atOffset(off);
      return local.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + off.getId().replace(":", "").replace("Z", "+0000");
    }
    if (form == 1 && t.getNano() == 0 && utc.getSecond() == 0) {
      return utc.format(DateTimeFormatter.ofPattern(utc.getMinute() == 0 && chance(0.5) ? "yyyyMMddHH" : "yyyyMMddHHmm")) + "Z";
    }
    if (form == 2 || t.getNano() != 0) {
      return utc.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS")) + "Z";
    }
    return utc.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "Z";
  }

  /** Random case: each letter flipped with probability one half. */
  String recase(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(chance(0.5) ? Character.toUpperCase(c) : Character.toLowerCase(c)));
    return b.toString();
  }

  /**
   * The same DN spelled differently: attribute names in another case or as OIDs, values
   * re-cased (the naming attributes here all ignore case), spaces after commas.
   */
  String respell(Dn dn) {
    StringBuilder b = new StringBuilder();
    for (Rdn rdn : dn.getRdns()) { // leftmost first; iterating a Dn starts at the suffix
      if (b.length() > 0) {
        b.append(chance(0.3) ? ", " : ",");
      }
      StringBuilder r = new StringBuilder();
      for (Ava ava : rdn) {
        if (r.length() > 0) {
          r.append('+');
        }
        String type = chance(0.2) && ava.getAttributeType() != null ? ava.getAttributeType().getOid() : recase(ava.getType());
        String value = ava.getValue().getString();
        r.append(type).append('=').append(Rdn.escapeValue(chance(0.5) ? recase(value) : value));
      }
      b.append(r);
    }
    return b.toString();
  }
}

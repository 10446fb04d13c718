package io.mdbldap.server.interop;

import static io.mdbldap.server.interop.Ber.SEQUENCE;
import static io.mdbldap.server.interop.Ber.bool;
import static io.mdbldap.server.interop.Ber.enumerated;
import static io.mdbldap.server.interop.Ber.integer;
import static io.mdbldap.server.interop.Ber.octets;
import static io.mdbldap.server.interop.Ber.string;
import static io.mdbldap.server.interop.Ber.tlv;

import java.util.Random;

/**
 * Valid LDAP requests made at random from a seeded {@link Random}: binds, searches with filters
 * of every kind, adds, modifies, deletes, compares, abandons and extended requests. Writes aim
 * at {@link #FUZZ_CONTAINER}, so that the data a well-behaved client checks stays as loaded.
 */
final class Pdus {
  static final String SUFFIX = "dc=example,dc=com";
  static final String FUZZ_CONTAINER = "ou=Fuzz," + SUFFIX;
  static final String ROOT_DN = "cn=admin," + SUFFIX;
  static final String ROOT_PW = "secret";
  private static final String[] ATTRIBUTES = {"cn", "sn", "uid", "mail", "objectClass", "description", "member",
      "uidNumber", "telephoneNumber", "userPassword", "1.1", "*", "+", "nosuchattr", "cn;lang-en"};
  private static final String[] BASES = {SUFFIX, "ou=People," + SUFFIX, "uid=jdoe,ou=People," + SUFFIX, "",
      "cn=schema", FUZZ_CONTAINER, "o=nowhere"};

  private final Random random;
  private int nextId = 1;

  Pdus(Random random) {
    this.random = random;
  }

  /** A simple bind: anonymous, as the rootdn, or as someone with a wrong password. */
  byte[] bind() {
    return switch (random.nextInt(3)) {
      case 0 -> bind("", "");
      case 1 -> bind(ROOT_DN, ROOT_PW);
      default -> bind("uid=jdoe,ou=People," + SUFFIX, word());
    };
  }

  byte[] bind(String dn, String password) {
    return Ber.message(nextId++, tlv(0x60, integer(3), octets(dn), string(0x80, password)));
  }

  /** Any request but bind and unbind. */
  byte[] request() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> search(filter(3));
      case 4 -> add();
      case 5 -> modify();
      case 6 -> Ber.message(nextId++, string(0x4a, "uid=" + word() + "," + FUZZ_CONTAINER));
      case 7 -> Ber.message(nextId++, tlv(0x6e, octets(base()), tlv(SEQUENCE, octets(attribute()),
          octets(word()))));
      case 8 -> Ber.message(nextId++, tlv(0x50, new byte[] {(byte) random.nextInt(nextId)}));
      default -> Ber.message(nextId++, tlv(0x77, string(0x80, random.nextBoolean() ? "1.3.6.1.4.1.4203.1.11.3"
          : "1.2.3.4.5")));
    };
  }

  /** A search of a random base and scope with {@code filter}, for a few attributes. */
  byte[] search(byte[] filter) {
    return Ber.message(nextId++, tlv(0x63, octets(base()), enumerated(random.nextInt(3)), enumerated(0),
        integer(random.nextInt(3) * 5), integer(random.nextInt(2)), bool(random.nextInt(10) == 0), filter,
        tlv(SEQUENCE, octets(attribute()), octets(attribute()))));
  }

  /** A filter at most {@code depth} levels of and, or and not deep. */
  byte[] filter(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    return switch (kind) {
      case 0 -> string(0x87, attribute());
      case 1 -> tlv(0xa3, octets(attribute()), octets(word()));
      case 2 -> tlv(0xa4, octets(attribute()), tlv(SEQUENCE, string(0x80, word()), string(0x81, word()),
          string(0x82, word())));
      case 3 -> tlv(0xa5, octets(attribute()), octets(word()));
      case 4 -> tlv(0xa6, octets(attribute()), octets(word()));
      case 5 -> tlv(0xa8, octets(attribute()), octets(word()));
      case 6 -> tlv(0xa2, filter(depth - 1));
      default -> tlv(kind == 7 ? 0xa0 : 0xa1, filter(depth - 1), filter(depth - 1));
    };
  }

  /** An and, or or not filter {@code depth} levels deep. */
  byte[] deepFilter(int depth) {
    return Ber.nest(string(0x87, "cn"), depth, 0xa0 + random.nextInt(3), 0xa0 + random.nextInt(3));
  }

  private byte[] add() {
    String uid = word();
    return Ber.message(nextId++, tlv(0x68, octets("uid=" + uid + "," + FUZZ_CONTAINER), tlv(SEQUENCE,
        Ber.attribute("objectClass", "inetOrgPerson"), Ber.attribute("uid", uid), Ber.attribute("cn", word()),
        Ber.attribute("sn", word()), Ber.attribute(attribute(), word()))));
  }

  private byte[] modify() {
    byte[] change = tlv(SEQUENCE, enumerated(random.nextInt(4)), Ber.attribute(attribute(), word()));
    return Ber.message(nextId++, tlv(0x66, octets("uid=" + word() + "," + FUZZ_CONTAINER), tlv(SEQUENCE, change)));
  }

  private String attribute() {
    return ATTRIBUTES[random.nextInt(ATTRIBUTES.length)];
  }

  private String base() {
    return BASES[random.nextInt(BASES.length)];
  }

  /** A short value: letters, digits, and now and then the characters DNs and filters escape. */
  private String word() {
    StringBuilder word = new StringBuilder();
    int length = 1 + random.nextInt(8);
    for (int i = 0; i < length; i++) {
      word.append(random.nextInt(12) == 0 ? ",=+*()\\#\"<>; \u00e9\u4e2d".charAt(random.nextInt(15))
          : (char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }
}

package io.mdbldap.server.interop;

import static io.mdbldap.server.interop.Ber.SEQUENCE;
import static io.mdbldap.server.interop.Ber.SET;
import static io.mdbldap.server.interop.Ber.attribute;
import static io.mdbldap.server.interop.Ber.bool;
import static io.mdbldap.server.interop.Ber.enumerated;
import static io.mdbldap.server.interop.Ber.integer;
import static io.mdbldap.server.interop.Ber.message;
import static io.mdbldap.server.interop.Ber.octets;
import static io.mdbldap.server.interop.Ber.string;
import static io.mdbldap.server.interop.Ber.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed DNs, filters, values and fields in otherwise well-formed requests (issue #6), sent as
 * raw BER that no client library would send, to a real slapd and to {@code mdbldap serve} loaded
 * with the same data: both give the same result code, or both end the connection. The few
 * differences are listed in {@link #DELIBERATE_DIFFERENCES} with the reason and our answer.
 */
class MalformedRequestsTest {
  private static final String SUFFIX = ShippedConf.SUFFIX;
  private static final byte[] ROOT_BIND = message(1, tlv(0x60, integer(3), octets(ShippedConf.ROOT_DN),
      string(0x80, ShippedConf.ROOT_PW)));
  private static final byte[] BAD_UTF8 = {(byte) 0xff, (byte) 0xfe};
  private static final int DEEP = 300;
  /** The SearchRequest scope wholeSubtree. */
  private static final int WHOLE_SUBTREE = 2;

  /** What ApacheDS answers a PDU its decoder refuses. */
  private static final String DECODER = "notice of disconnection 2";
  /**
   * Case name → our answer, where slapd answers otherwise, then why. RFC 4511 section 4.1.1: a
   * server that cannot decode a PDU sends a notice of disconnection (protocolError) and closes;
   * ApacheDS's decoder does that for every element it cannot decode, where slapd decodes more
   * leniently and answers the request.
   */
  private static final Map<String, String> DELIBERATE_DIFFERENCES = Map.ofEntries(
      Map.entry("a filter " + DEEP + " levels deep", DECODER + ": max_filter_depth (256 by default, and 6 BER "
          + "levels of slack) bounds the recursion of the LDAP API's and ApacheDS's filter handling; deeper than "
          + "that, a request is refused before it is decoded (NestingGuard); slapd has no such limit"),
      Map.entry("substrings with no substring", DECODER + ": slapd answers success with no entries"),
      Map.entry("substrings with two initials", DECODER + ": slapd answers success with no entries"),
      Map.entry("unknown filter choice", DECODER + ": slapd answers success with no entries"),
      Map.entry("scope out of range", DECODER + ": slapd answers protocolError and keeps the connection"),
      Map.entry("modify with an unknown operation", DECODER + ": slapd answers protocolError and keeps the "
          + "connection"),
      Map.entry("add with an empty value set", DECODER + ": slapd answers protocolError and keeps the connection"));

  @TempDir
  static Path directory;
  private static Slapd slapd;
  private static ServeProcess mdbldap;

  @BeforeAll
  static void startServers() throws Exception {
    assumeTrue(Slapd.installed(), "slapd is not installed");
    // Debian's slapadd takes the "version: 1" line for an attribute and refuses the file.
    Path ldif = Files.writeString(directory.resolve("example.ldif"),
        Files.readString(ShippedConf.exampleLdif()).replaceFirst("(?m)^version: 1\\s*$", ""));
    slapd = Slapd.start(Files.createDirectories(directory.resolve("slapd")), ldif, text -> text);
    mdbldap = ServeProcess.start(ShippedConf.copyTo(directory.resolve("mdbldap"), text -> text), "-l",
        ldif.toString());
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (mdbldap != null) {
      mdbldap.close();
    }
    if (slapd != null) {
      slapd.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> sameResultCodesAsSlapd() {
    return cases().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(c -> dynamicTest(c.getKey(), () -> {
      String theirs = RawAnswer.of(slapd.port(), c.getValue());
      String ours = RawAnswer.of(mdbldap.port(), c.getValue());
      String deliberate = DELIBERATE_DIFFERENCES.get(c.getKey());
      if (deliberate != null) {
        assertEquals(deliberate.substring(0, deliberate.indexOf(':')), ours, c.getKey() + " (slapd: " + theirs + ")");
        assertNotEquals(theirs, ours, c.getKey() + ": slapd answers the same now; drop the deliberate difference");
      } else {
        assertEquals(theirs, ours, c.getKey() + ": slapd's answer, then ours");
      }
    }));
  }

  private static Map<String, byte[][]> cases() {
    return Map.ofEntries(
        Map.entry("search base with invalid UTF-8", anonymous(search(bytes("dc=ex", BAD_UTF8, "ample,dc=com"),
            WHOLE_SUBTREE, present("cn")))),
        Map.entry("equality value with invalid UTF-8", anonymous(search(SUFFIX, tlv(0xa3, octets("cn"),
            tlv(Ber.OCTET_STRING, BAD_UTF8))))),
        Map.entry("filter attribute with invalid UTF-8", anonymous(search(SUFFIX, tlv(0xa3,
            tlv(Ber.OCTET_STRING, bytes("c", BAD_UTF8, "n")), octets("x"))))),
        Map.entry("filter attribute that is not a description", anonymous(search(SUFFIX, tlv(0xa3,
            octets("c n"), octets("x"))))),
        Map.entry("substrings with no substring", anonymous(search(SUFFIX, tlv(0xa4, octets("cn"),
            tlv(SEQUENCE))))),
        Map.entry("substrings with two initials", anonymous(search(SUFFIX, tlv(0xa4, octets("cn"),
            tlv(SEQUENCE, string(0x80, "a"), string(0x80, "b")))))),
        Map.entry("unknown filter choice", anonymous(search(SUFFIX, tlv(0xab, octets("cn"), octets("x"))))),
        Map.entry("scope out of range", anonymous(message(2, tlv(0x63, octets(SUFFIX), enumerated(7),
            enumerated(0), integer(0), integer(0), bool(false), present("cn"), tlv(SEQUENCE))))),
        Map.entry("a filter " + DEEP + " levels deep", anonymous(search(SUFFIX, deep(DEEP)))),
        Map.entry("add DN with invalid UTF-8", root(add(bytes("uid=b", BAD_UTF8, ",ou=People," + SUFFIX),
            attribute("objectClass", "inetOrgPerson"), attribute("cn", "x"), attribute("sn", "x")))),
        Map.entry("add value with invalid UTF-8", root(add(bytes("uid=utf8,ou=People," + SUFFIX),
            attribute("objectClass", "inetOrgPerson"), attribute("cn", "x"), attribute("sn", "x"),
            tlv(SEQUENCE, octets("description"), tlv(SET, tlv(Ber.OCTET_STRING, BAD_UTF8)))))),
        Map.entry("add with an empty value set", root(add(bytes("uid=empty,ou=People," + SUFFIX),
            attribute("objectClass", "inetOrgPerson"), attribute("cn", "x"), attribute("sn", "x"),
            tlv(SEQUENCE, octets("description"), tlv(SET))))),
        Map.entry("modify with an unknown operation", root(message(2, tlv(0x66,
            octets("uid=jdoe,ou=People," + SUFFIX), tlv(SEQUENCE, tlv(SEQUENCE, enumerated(9),
                attribute("description", "x"))))))),
        Map.entry("delete DN with invalid UTF-8", root(message(2, tlv(0x4a,
            raw("uid=jd", BAD_UTF8, "oe,ou=People," + SUFFIX))))),
        Map.entry("compare value with invalid UTF-8", anonymous(message(2, tlv(0x6e,
            octets("uid=jdoe,ou=People," + SUFFIX), tlv(SEQUENCE, octets("cn"), tlv(Ber.OCTET_STRING, BAD_UTF8)))))),
        Map.entry("bind with protocol version 9", new byte[][] {message(1, tlv(0x60, integer(9), octets(""),
            string(0x80, "")))}),
        Map.entry("unknown operation", anonymous(message(2, tlv(0x7c, octets("x"))))));
  }

  private static byte[] search(String base, byte[] filter) {
    return search(octets(base), WHOLE_SUBTREE, filter);
  }

  private static byte[] search(byte[] base, int scope, byte[] filter) {
    return message(2, tlv(0x63, base, enumerated(scope), enumerated(0), integer(0), integer(0), bool(false), filter,
        tlv(SEQUENCE, octets("1.1"))));
  }

  private static byte[] add(byte[] dn, byte[]... attributes) {
    return message(2, tlv(0x68, dn, tlv(SEQUENCE, attributes)));
  }

  private static byte[] present(String attribute) {
    return string(0x87, attribute);
  }

  private static byte[] deep(int depth) {
    return Ber.nest(present("cn"), depth - 1, 0xa2);
  }

  /** An OCTET STRING of the parts: strings in UTF-8, byte arrays as they are. */
  private static byte[] bytes(Object... parts) {
    return tlv(Ber.OCTET_STRING, raw(parts));
  }

  /** The parts one after the other: strings in UTF-8, byte arrays as they are. */
  private static byte[] raw(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(part instanceof byte[] raw ? raw : ((String) part).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[][] anonymous(byte[] request) {
    return new byte[][] {request};
  }

  private static byte[][] root(byte[] request) {
    return new byte[][] {ROOT_BIND, request};
  }
}

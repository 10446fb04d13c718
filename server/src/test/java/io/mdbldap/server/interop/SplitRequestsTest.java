package io.mdbldap.server.interop;

import static io.mdbldap.server.interop.Ber.SEQUENCE;
import static io.mdbldap.server.interop.Ber.attribute;
import static io.mdbldap.server.interop.Ber.bool;
import static io.mdbldap.server.interop.Ber.enumerated;
import static io.mdbldap.server.interop.Ber.integer;
import static io.mdbldap.server.interop.Ber.message;
import static io.mdbldap.server.interop.Ber.octets;
import static io.mdbldap.server.interop.Ber.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests however TCP delivers them, to {@code mdbldap serve}: a request in several reads, or
 * several requests in one, are each answered, as slapd answers them, also where one of them is
 * malformed and answered with an error. Raw BER over a socket, written in the segments each case
 * names.
 */
class SplitRequestsTest {
  private static final String SUFFIX = ShippedConf.SUFFIX;
  private static final String SUCCESS = "result 0";
  private static final String INVALID_DN_SYNTAX = "result 34";
  private static final String BAD_DN = "uid=bad,,ou=People," + SUFFIX;

  @TempDir
  static Path directory;
  private static ServeProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path conf = ShippedConf.copyTo(directory, text -> text);
    server = ServeProcess.start(conf, "-l", conf.resolveSibling("example.ldif").toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aRequestCutAfterAMalformedDnIsAnsweredAndTheConnectionGoesOn() throws Exception {
    // The decoder fails at the DN, the first part's end; the attributes come in the next read.
    byte[] add = badAdd(2);
    int cut = indexOf(add, BAD_DN.getBytes(StandardCharsets.UTF_8)) + BAD_DN.length();
    assertEquals(List.of(INVALID_DN_SYNTAX, SUCCESS), RawAnswer.ofWrites(server.port(), 2,
        Arrays.copyOfRange(add, 0, cut), Arrays.copyOfRange(add, cut, add.length), search(3)));
  }

  @Test
  void requestsSentTogetherAreEachAnsweredAroundAMalformedOne() throws Exception {
    assertEquals(List.of(SUCCESS, INVALID_DN_SYNTAX, SUCCESS), RawAnswer.ofWrites(server.port(), 3,
        concat(search(1), badAdd(2), search(3))));
  }

  @Test
  void aRequestSentAFewBytesAtATimeIsAnswered() throws Exception {
    byte[] search = search(1);
    byte[][] pieces = new byte[(search.length + 2) / 3][];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = Arrays.copyOfRange(search, 3 * i, Math.min(search.length, 3 * i + 3));
    }
    assertEquals(List.of(SUCCESS), RawAnswer.ofWrites(server.port(), 1, pieces));
  }

  /** An anonymous base search of the suffix, asking for no attributes. */
  private static byte[] search(int id) {
    return message(id, tlv(0x63, octets(SUFFIX), enumerated(0), enumerated(0), integer(0), integer(0), bool(false),
        Ber.string(0x87, "objectClass"), tlv(SEQUENCE, octets("1.1"))));
  }

  /** An add whose DN has an empty RDN: the decoder refuses it, and the server answers invalidDNSyntax. */
  private static byte[] badAdd(int id) {
    return message(id, tlv(0x68, octets(BAD_DN), tlv(SEQUENCE, attribute("objectClass", "inetOrgPerson"),
        attribute("cn", "x"), attribute("sn", "x"))));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}

package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.asn1.util.Asn1Buffer;
import org.apache.directory.api.ldap.codec.api.LdapApiServiceFactory;
import org.apache.directory.api.ldap.codec.api.LdapEncoder;
import org.apache.directory.api.ldap.codec.protocol.mina.LdapProtocolCodecFactory;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.message.Message;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultDoneImpl;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.junit.jupiter.api.Test;

/**
 * {@link LdapCodec} writes a search's last entries and its result ({@link EntriesThenDone}) as one buffer holding the
 * bytes the LDAP API's encoder gives for each message, in order, with the result as {@link SlapdResults} left it.
 */
class LdapCodecTest {
  @Test
  void writesTheEntriesThenTheResultInOneBuffer() throws Exception {
    SearchResultEntry first = entry(7, "uid=a,ou=people,dc=example,dc=com");
    SearchResultEntry second = entry(7, "uid=b,ou=people,dc=example,dc=com");
    SearchResultDone done = new SearchResultDoneImpl(7);
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    entries.write(EntryEncoder.encode(first));
    entries.write(EntryEncoder.encode(second));
    EntriesThenDone both = new EntriesThenDone(entries.toByteArray(), done);
    // As SlapdResults fixes a result on its way out: through the message written, into the one encoded.
    both.getLdapResult().setResultCode(ResultCodeEnum.SIZE_LIMIT_EXCEEDED);

    List<Object> written = new ArrayList<>();
    new LdapCodec(new LdapProtocolCodecFactory()).getEncoder(new DummySession())
        .encode(new DummySession(), both, written::add);

    assertEquals(1, written.size());
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(api(first));
    expected.write(api(second));
    expected.write(api(done));
    assertArrayEquals(expected.toByteArray(), bytes((IoBuffer) written.get(0)));
    assertEquals(ResultCodeEnum.SIZE_LIMIT_EXCEEDED, done.getLdapResult().getResultCode());
  }

  private static SearchResultEntry entry(int messageId, String dn) throws Exception {
    SearchResultEntry response = new SearchResultEntryImpl(messageId);
    response.setEntry(new DefaultEntry(dn, "objectClass: top", "uid: x"));
    response.setObjectName(new Dn(dn));
    return response;
  }

  private static byte[] api(Message message) throws Exception {
    ByteBuffer encoded = LdapEncoder.encodeMessage(new Asn1Buffer(), LdapApiServiceFactory.getSingleton(), message);
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    return bytes;
  }

  private static byte[] bytes(IoBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}

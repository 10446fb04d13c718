package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * The LDAP codec of ApacheDS's listeners with search result entries encoded by {@link EntryEncoder}:
 * a search sends one per entry, so their encoding is most of the codec's work. A search's last entries and
 * its result ({@link EntriesThenDone}) become one buffer. Requests are decoded, and every other response
 * encoded, by the LDAP API's codec as before. Thread-safe.
 */
final class LdapCodec implements ProtocolCodecFactory {
  /** The codec filter's name in each connection's MINA filter chain, as ApacheDS names it. */
  static final String NAME = "codec";

  private final ProtocolCodecFactory api;
  private final ProtocolEncoder encoder = new Encoder();

  /** A codec handing what {@link EntryEncoder} does not take to {@code api}. */
  LdapCodec(ProtocolCodecFactory api) {
    this.api = api;
  }

  @Override
  public ProtocolEncoder getEncoder(IoSession session) {
    return encoder;
  }

  @Override
  public ProtocolDecoder getDecoder(IoSession session) throws Exception {
    return api.getDecoder(session);
  }

  private final class Encoder implements ProtocolEncoder {
    @Override
    public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
      if (EntryEncoder.handles(message)) {
        out.write(IoBuffer.wrap(EntryEncoder.encode((SearchResultEntry) message)));
      } else if (message instanceof EntriesThenDone both) {
        out.write(joined(session, both));
      } else {
        api.getEncoder(session).encode(session, message, out);
      }
    }

    /** The entries, then the result as the API encodes it, in one buffer. */
    private IoBuffer joined(IoSession session, EntriesThenDone both) throws Exception {
      IoBuffer[] done = new IoBuffer[1];
      api.getEncoder(session).encode(session, both.done(), encoded -> done[0] = (IoBuffer) encoded);
      IoBuffer joined = IoBuffer.allocate(both.entries().length + done[0].remaining(), false);
      joined.put(both.entries()).put(done[0]).flip();
      return joined;
    }

    @Override
    public void dispose(IoSession session) throws Exception {
      api.getEncoder(session).dispose(session);
    }
  }
}

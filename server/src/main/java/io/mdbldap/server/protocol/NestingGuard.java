package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.codec.api.LdapDecoder;
import org.apache.directory.api.ldap.model.message.extended.NoticeOfDisconnect;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends, with a notice of disconnection (protocolError), a connection whose request nests BER
 * elements deeper than {@code max_filter_depth} plus the few levels of an LDAP message around a
 * filter, or claims more bytes than {@code sockbuf_max_incoming} (or {@code _auth}) allows, before
 * the LDAP codec decodes it ({@link BerNesting} says why). Filters within that slack reach
 * {@link SearchLimits}, which answers them with adminLimitExceeded.
 *
 * <p>A MINA filter before the codec, and before {@link RequestFraming}, which holds a part of a
 * request only once it was scanned here. It follows the connection's bytes as they arrive; a request the
 * decoder then fails on is dropped whole, so the scan and the stream stay in step. Thread-safe;
 * its per-connection state lives in the session.
 */
final class NestingGuard extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "nestingGuard";
  /**
   * BER levels around and inside a filter: LDAPMessage, SearchRequest, and a substrings
   * filter's SEQUENCE; a modify's changes nest six deep.
   */
  static final int ENVELOPE = 6;

  private static final Logger LOG = LoggerFactory.getLogger(NestingGuard.class);
  private static final AttributeKey NESTING = new AttributeKey(NestingGuard.class, "nesting");

  private final int maxDepth;

  NestingGuard(int maxFilterDepth) {
    this.maxDepth = maxFilterDepth + ENVELOPE;
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof IoBuffer buffer && !nesting(session).scan(buffer.buf(), maxRequest(session))) {
      LOG.debug("conn from {} closed: a request nested deeper than {} BER levels, or claiming a length it may "
          + "not have", session.getRemoteAddress(), maxDepth);
      buffer.position(buffer.limit());
      session.write(NoticeOfDisconnect.PROTOCOLERROR);
      session.closeOnFlush();
      return;
    }
    next.messageReceived(session, message);
  }

  /** The decoder's own limit, which {@link ConnectionGuard} raises after a bind. */
  private static int maxRequest(IoSession session) {
    Object limit = session.getAttribute(LdapDecoder.MAX_PDU_SIZE_ATTR);
    return limit instanceof Integer bytes ? bytes : Integer.MAX_VALUE;
  }

  private BerNesting nesting(IoSession session) {
    BerNesting nesting = (BerNesting) session.getAttribute(NESTING);
    if (nesting == null) {
      nesting = new BerNesting(maxDepth);
      session.setAttribute(NESTING, nesting);
    }
    return nesting;
  }
}

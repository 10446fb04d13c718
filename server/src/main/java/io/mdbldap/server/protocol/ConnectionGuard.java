package io.mdbldap.server.protocol;

import io.mdbldap.conf.ConnectionLimits;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.directory.api.ldap.codec.api.LdapDecoder;
import org.apache.directory.api.ldap.model.exception.ResponseCarryingMessageException;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.extended.NoticeOfDisconnect;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.LdapSession;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each connection to the {@link ConnectionLimits}: beyond {@code max_connections} a new
 * connection gets a notice of disconnection (unavailable) and is closed; a connection silent for
 * {@code idletimeout} seconds is closed; a request larger than {@code sockbuf_max_incoming}
 * ({@code sockbuf_max_incoming_auth} once a bind succeeded) is not read further.
 *
 * <p>It also ends connections that send what cannot be decoded, quietly: ApacheDS would log a
 * warning with a stack trace for each, which lets any client fill the log. A request the decoder
 * could still answer (a malformed DN in an otherwise valid request, say) goes on to ApacheDS,
 * which answers it.
 *
 * <p>A MINA filter after the codec, shared by the connections of every listen URL. Thread-safe.
 */
final class ConnectionGuard extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "connectionGuard";

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  /** Set on the connections this filter counts, so that a refused one is not uncounted twice. */
  private static final AttributeKey COUNTED = new AttributeKey(ConnectionGuard.class, "counted");

  private final LdapServer server;
  private final ConnectionLimits limits;
  private final AtomicInteger open = new AtomicInteger();

  ConnectionGuard(LdapServer server, ConnectionLimits limits) {
    this.server = server;
    this.limits = limits;
  }

  /** The connections open now. */
  int openConnections() {
    return open.get();
  }

  @Override
  public void sessionOpened(NextFilter next, IoSession session) throws Exception {
    if (limits.maxConnections() > 0 && open.get() >= limits.maxConnections()) {
      LOG.info("conn from {} refused: {} connections open, max_connections {}", session.getRemoteAddress(),
          open.get(), limits.maxConnections());
      session.write(NoticeOfDisconnect.UNAVAILABLE);
      session.closeOnFlush();
      return;
    }
    open.incrementAndGet();
    session.setAttribute(COUNTED);
    if (limits.idleTimeout() > 0) {
      session.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, limits.idleTimeout());
    }
    next.sessionOpened(session);
  }

  @Override
  public void sessionClosed(NextFilter next, IoSession session) throws Exception {
    if (session.removeAttribute(COUNTED) != null) {
      open.decrementAndGet();
    }
    next.sessionClosed(session);
  }

  @Override
  public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
    if (status == IdleStatus.BOTH_IDLE) {
      LOG.debug("conn from {} closed: idle for {} s", session.getRemoteAddress(), limits.idleTimeout());
      session.closeNow();
      return;
    }
    next.sessionIdle(session, status);
  }

  @Override
  public void filterWrite(NextFilter next, IoSession session, WriteRequest write) throws Exception {
    if (write.getMessage() instanceof BindResponse response
        && response.getLdapResult().getResultCode() == ResultCodeEnum.SUCCESS) {
      session.setAttribute(LdapDecoder.MAX_PDU_SIZE_ATTR, authenticated(session)
          ? limits.maxIncomingAuth() : limits.maxIncoming());
    }
    next.filterWrite(session, write);
  }

  private boolean authenticated(IoSession session) {
    LdapSession ldapSession = server.getLdapSessionManager().getLdapSession(session);
    return ldapSession != null && ldapSession.getCoreSession() != null && !ldapSession.getCoreSession().isAnonymous();
  }

  /** Whether the decoder failed with a response for ApacheDS to send, as for a malformed DN. */
  private static boolean answerable(Throwable decoderFailure) {
    return decoderFailure.getCause() instanceof ResponseCarryingMessageException carrying
        && carrying.getResponse() != null;
  }

  @Override
  public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
    if (cause instanceof ProtocolDecoderException && !answerable(cause)) {
      LOG.debug("conn from {} closed: undecodable request: {}", session.getRemoteAddress(), cause.getMessage());
      session.write(NoticeOfDisconnect.PROTOCOLERROR);
      session.closeOnFlush();
      return;
    }
    if (cause instanceof IOException) {
      LOG.debug("conn from {} closed: {}", session.getRemoteAddress(), cause.toString());
      session.closeNow();
      return;
    }
    next.exceptionCaught(session, cause);
  }
}

package io.mdbldap.server.protocol;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;

/**
 * Hands the LDAP codec one whole request at a time, however TCP cut them up, as slapd reads them
 * ({@code ber_get_next}). When the LDAP API's decoder fails on a request, one with a malformed DN
 * say, which it answers (invalidDNSyntax), it drops the rest of the bytes it was given, and the
 * requests it had decoded from them, unanswered. Given several requests at once (a client that
 * does not wait for each answer), it lost the others; given part of a request, it took the rest,
 * when it came, for a new request, and the connection ended with protocolError (a request cut
 * after its DN: the UnboundID SDK's next search got a notice of disconnection). Given one whole
 * request, it drops only the rest of that request.
 *
 * <p>A MINA filter between {@link NestingGuard}, which has refused a request claiming more than the
 * connection may send (so that at most so much waits here), and the codec. Thread-safe: a part
 * of a request waits in its connection's session, and MINA delivers one connection's reads one at
 * a time.
 */
final class RequestFraming extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "requestFraming";

  /** An LDAPMessage's tag: a SEQUENCE. */
  private static final int MESSAGE = 0x30;
  private static final AttributeKey PENDING = new AttributeKey(RequestFraming.class, "pending");

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (!(message instanceof IoBuffer received)) {
      next.messageReceived(session, message);
      return;
    }
    IoBuffer pending = (IoBuffer) session.removeAttribute(PENDING);
    IoBuffer bytes = pending == null ? received : pending.put(received).flip();
    while (bytes.hasRemaining()) {
      int length = requestLength(bytes);
      if (length > bytes.remaining()) {
        session.setAttribute(PENDING, bytes == pending ? pending.compact() : copy(bytes));
        return;
      }
      next.messageReceived(session, bytes.getSlice(length));
    }
  }

  /**
   * The bytes of the request that starts at the buffer's position, header included; more than
   * remain if it has not all arrived. What does not start like an LDAPMessage goes to the decoder
   * as it is, which refuses it.
   */
  private static int requestLength(IoBuffer bytes) {
    int at = bytes.position();
    if (bytes.remaining() < 2) {
      return bytes.get(at) == MESSAGE ? Integer.MAX_VALUE : bytes.remaining();
    }
    int first = bytes.get(at + 1) & 0xff;
    int lengthBytes = first < 0x80 ? 0 : first & 0x7f;
    if (bytes.get(at) != MESSAGE || first == 0x80 || lengthBytes > 4) {
      return bytes.remaining();
    }
    if (bytes.remaining() < 2 + lengthBytes) {
      return Integer.MAX_VALUE;
    }
    long length = lengthBytes == 0 ? first : 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = length << 8 | bytes.get(at + 2 + i) & 0xff;
    }
    return (int) Math.min(Integer.MAX_VALUE, 2 + lengthBytes + length);
  }

  /** The rest of {@code bytes} in a buffer of its own that grows as more arrives, ready to be added to. */
  private static IoBuffer copy(IoBuffer bytes) {
    return IoBuffer.allocate(bytes.remaining(), false).setAutoExpand(true).put(bytes);
  }
}

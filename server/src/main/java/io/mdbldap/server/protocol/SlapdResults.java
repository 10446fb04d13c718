package io.mdbldap.server.protocol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ResultResponse;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Where ApacheDS's answers are brought closer to slapd's, for what ApacheDS's request handlers
 * decide before our directory code runs (see {@link ResultFix} and its implementations).
 *
 * <p>A MINA filter between the LDAP codec and the handlers: it remembers each request until its
 * result goes out, then lets each fix correct that result. On the way in, it replaces a modify
 * request that increments (RFC 4525) with a {@link PrintableModifyRequest}: the LDAP API's own
 * cannot be printed, and ApacheDS prints requests into the diagnostic messages of failed operations.
 * Thread-safe.
 */
final class SlapdResults extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain, after the codec. */
  static final String NAME = "slapdResults";

  private static final AttributeKey PENDING = new AttributeKey(SlapdResults.class, "pending");

  private final List<ResultFix> fixes;

  /** A filter applying {@code fixes}, in order. */
  SlapdResults(List<ResultFix> fixes) {
    this.fixes = List.copyOf(fixes);
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    Object request = message instanceof ModifyRequest modify ? PrintableModifyRequest.ifNeeded(modify) : message;
    if (request instanceof ResultResponseRequest resultRequest) {
      pending(session).put(resultRequest.getMessageId(), resultRequest);
    }
    next.messageReceived(session, request);
  }

  @Override
  public void filterWrite(NextFilter next, IoSession session, WriteRequest write) throws Exception {
    if (write.getMessage() instanceof ResultResponse response) {
      ResultResponseRequest request = pending(session).remove(response.getMessageId());
      if (request != null) {
        for (ResultFix fix : fixes) {
          fix.fix(request, response.getLdapResult());
        }
      }
    }
    next.filterWrite(session, write);
  }

  @SuppressWarnings("unchecked")
  private static Map<Integer, ResultResponseRequest> pending(IoSession session) {
    Object pending = session.getAttribute(PENDING);
    if (pending == null) {
      Object created = new ConcurrentHashMap<Integer, ResultResponseRequest>();
      pending = session.setAttributeIfAbsent(PENDING, created);
      pending = pending == null ? created : pending;
    }
    return (Map<Integer, ResultResponseRequest>) pending;
  }
}

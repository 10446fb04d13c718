package io.mdbldap.server.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponse;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Trims ApacheDS's diagnostic messages to their reason, as slapd words them. ApacheDS answers an
 * error with {@code "<RESULT>: failed for <the whole request, over many lines>: <reason>"}, and
 * appends the server's stack trace to "other" results, which clients show as "additional info".
 * Failed binds say nothing more than invalidCredentials, as in slapd.
 *
 * <p>A MINA filter between the LDAP codec and the handlers: it remembers each request until its
 * result goes out, and removes from the result's message the exact prefix ApacheDS built from
 * that request. Messages of another form pass unchanged. Thread-safe.
 */
final class ConciseDiagnostics extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain, after the codec. */
  static final String NAME = "conciseDiagnostics";

  private static final AttributeKey PENDING = new AttributeKey(ConciseDiagnostics.class, "pending");
  /** What ApacheDS puts between an "other" result's reason and the stack trace it appends. */
  private static final String TRACE_SEPARATOR = ":\n";

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof ResultResponseRequest request) {
      pending(session).put(request.getMessageId(), request);
    }
    next.messageReceived(session, message);
  }

  @Override
  public void filterWrite(NextFilter next, IoSession session, WriteRequest write) throws Exception {
    if (write.getMessage() instanceof ResultResponse response) {
      ResultResponseRequest request = pending(session).remove(response.getMessageId());
      if (request != null) {
        trim(response.getLdapResult(), request);
      }
    }
    next.filterWrite(session, write);
  }

  private static void trim(LdapResult result, ResultResponseRequest request) {
    if (result.getResultCode() == ResultCodeEnum.INVALID_CREDENTIALS) {
      // As slapd: nothing beyond the code, which tells a client all it may know.
      result.setDiagnosticMessage("");
      return;
    }
    String message = result.getDiagnosticMessage();
    // Most results carry no message: skip printing the request, which costs more than the operation.
    if (message == null || message.isEmpty()) {
      return;
    }
    String prefix = result.getResultCode() + ": failed for " + request + ": ";
    if (!message.startsWith(prefix)) {
      return;
    }
    String reason = message.substring(prefix.length());
    int trace = reason.indexOf(TRACE_SEPARATOR);
    if (result.getResultCode() == ResultCodeEnum.OTHER && trace >= 0) {
      reason = reason.substring(0, trace);
    }
    result.setDiagnosticMessage(reason);
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

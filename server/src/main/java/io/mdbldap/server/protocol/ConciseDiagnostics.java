package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;

/**
 * Trims ApacheDS's diagnostic messages to their reason, as slapd words them. ApacheDS answers an
 * error with {@code "<RESULT>: failed for <the whole request, over many lines>: <reason>"}, and
 * appends the server's stack trace to "other" results, which clients show as "additional info".
 * Failed binds say nothing more than invalidCredentials, as in slapd.
 *
 * <p>Removes from a result's message the exact prefix ApacheDS built from its request. Messages
 * of another form pass unchanged.
 */
final class ConciseDiagnostics implements ResultFix {
  /** What ApacheDS puts between an "other" result's reason and the stack trace it appends. */
  private static final String TRACE_SEPARATOR = ":\n";

  @Override
  public void fix(ResultResponseRequest request, LdapResult result) {
    if (result.getResultCode() == ResultCodeEnum.INVALID_CREDENTIALS) {
      // As slapd: nothing beyond the code, which tells a client all it may know.
      result.setDiagnosticMessage("");
      return;
    }
    String message = result.getDiagnosticMessage();
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
}

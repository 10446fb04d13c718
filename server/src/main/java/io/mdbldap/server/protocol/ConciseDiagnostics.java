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
 * <p>Removes from a result's message the prefix ApacheDS built from its request. Messages of
 * another form pass unchanged.
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
    int start = reasonStart(request, result.getResultCode() + ": failed for ", message);
    if (start < 0) {
      return;
    }
    String reason = message.substring(start);
    int trace = reason.indexOf(TRACE_SEPARATOR);
    if (result.getResultCode() == ResultCodeEnum.OTHER && trace >= 0) {
      reason = reason.substring(0, trace);
    }
    result.setDiagnosticMessage(reason);
  }

  /**
   * Where the reason starts in {@code message}, after {@code head} and the request's text, or -1. When the request's
   * text has changed since, as when a search's or-filter had its terms reordered while the search ran, the text of a
   * request that ends with its identity ({@code Object.toString}: class name, {@code @}, hash code in hex, which
   * changes too, so any hex digits are taken) is found by that.
   */
  private static int reasonStart(ResultResponseRequest request, String head, String message) {
    if (!message.startsWith(head)) {
      return -1;
    }
    String prefix = head + request + ": ";
    if (message.startsWith(prefix)) {
      return prefix.length();
    }
    String identity = request.getClass().getName() + "@";
    int at = message.indexOf(identity, head.length());
    if (at < 0) {
      return -1;
    }
    int end = at + identity.length();
    while (end < message.length() && Character.digit(message.charAt(end), 16) >= 0) {
      end++;
    }
    return message.startsWith(": ", end) ? end + 2 : -1;
  }
}

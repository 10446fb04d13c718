package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;

/**
 * One correction of ApacheDS's answers towards slapd's, applied by {@link SlapdResults} to every
 * result on its way to the client. Implementations must be thread-safe.
 */
interface ResultFix {
  /**
   * Corrects {@code result}, the result of {@code request}, in place; leaves any other result alone.
   */
  void fix(ResultResponseRequest request, LdapResult result);
}

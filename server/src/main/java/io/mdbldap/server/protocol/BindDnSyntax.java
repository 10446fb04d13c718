package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * invalidDNSyntax (34) for a simple bind whose name is not a DN, as slapd answers. ApacheDS's bind
 * handler keeps such a name unparsed, finds no entry for it and answers invalidCredentials (49).
 * SASL binds keep ApacheDS's answer: their name need not be a DN.
 */
final class BindDnSyntax implements ResultFix {
  @Override
  public void fix(ResultResponseRequest request, LdapResult result) {
    if (result.getResultCode() == ResultCodeEnum.INVALID_CREDENTIALS && request instanceof BindRequest bind
        && bind.isSimple() && !Dn.isValid(bind.getName())) {
      result.setResultCode(ResultCodeEnum.INVALID_DN_SYNTAX);
      result.setDiagnosticMessage("invalid DN");
    }
  }
}

package io.mdbldap.server.protocol;

import java.util.Set;
import org.apache.directory.api.ldap.extras.extended.whoAmI.WhoAmIRequest;
import org.apache.directory.api.ldap.extras.extended.whoAmI.WhoAmIResponse;
import org.apache.directory.api.ldap.extras.extended.whoAmI.WhoAmIResponseImpl;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.util.Strings;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.ldap.ExtendedOperationHandler;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.LdapSession;

/**
 * The "Who am I?" extended operation (RFC 4532): {@code dn:<bind DN>}, or no authorization identity
 * for an anonymous client (ApacheDS's own handler answers {@code dn:}). slapd sends an empty value
 * there, which ldapwhoami prints as "anonymous"; ApacheDS's codec does not encode an empty value.
 */
final class WhoAmIHandler implements ExtendedOperationHandler<WhoAmIRequest, WhoAmIResponse> {
  @Override
  public String getOid() {
    return WhoAmIRequest.EXTENSION_OID;
  }

  @Override
  public Set<String> getExtensionOids() {
    return Set.of(WhoAmIRequest.EXTENSION_OID);
  }

  @Override
  public void handleExtendedOperation(LdapSession session, WhoAmIRequest request) {
    WhoAmIResponseImpl response = new WhoAmIResponseImpl(request.getMessageId(), ResultCodeEnum.SUCCESS);
    CoreSession core = session.getCoreSession();
    if (!core.isAnonymous()) {
      response.setAuthzId(Strings.getBytesUtf8("dn:" + core.getEffectivePrincipal().getDn().getName()));
    }
    session.getIoSession().write(response);
  }

  @Override
  public void setLdapServer(LdapServer ldapServer) {
    // Needs nothing from the server.
  }
}

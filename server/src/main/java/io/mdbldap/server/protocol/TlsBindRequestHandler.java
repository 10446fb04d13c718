package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.server.ldap.LdapSession;
import org.apache.directory.server.ldap.handlers.request.BindRequestHandler;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * {@code security simple_bind=<n>}: a simple bind with a password over a connection without TLS is answered
 * confidentialityRequired (13), as slapd answers it, before the password is looked at. Anonymous binds pass.
 * The check sits in the protocol handler because ApacheDS's turns every failure of the bind operation itself
 * into invalidCredentials. Thread-safe.
 */
final class TlsBindRequestHandler extends BindRequestHandler {
  @Override
  public void handleSimpleAuth(LdapSession session, BindRequest request) throws Exception {
    byte[] password = request.getCredentials();
    if (password != null && password.length > 0 && session.getIoSession().getFilterChain().get(SslFilter.class) == null) {
      BindResponse response = (BindResponse) request.getResultResponse();
      response.getLdapResult().setResultCode(ResultCodeEnum.CONFIDENTIALITY_REQUIRED);
      response.getLdapResult().setDiagnosticMessage("confidentiality required: simple binds need TLS "
          + "(ldaps:// or StartTLS)");
      session.getIoSession().write(response);
      return;
    }
    super.handleSimpleAuth(session, request);
  }
}

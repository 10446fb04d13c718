package io.mdbldap.server.protocol;

import io.mdbldap.store.dn.DnParser;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.OperationEnum;
import org.apache.directory.server.core.api.interceptor.context.BindOperationContext;
import org.apache.directory.server.core.shared.DefaultCoreSession;
import org.apache.directory.server.ldap.LdapProtocolUtils;
import org.apache.directory.server.ldap.LdapSession;
import org.apache.directory.server.ldap.handlers.request.BindRequestHandler;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simple binds, with one read of the bind DN's entry. ApacheDS's own handler first reads the whole
 * entry through the interceptor chain, only to refuse a referral object, and then the authenticator
 * reads it again: half a bind's time. Here the bind goes straight to the operation manager, and the
 * authenticator ({@code RootDnAuthenticator}) refuses referrals on the one entry it reads. SASL binds
 * stay ApacheDS's.
 *
 * <p>With {@code security simple_bind=<n>}, a simple bind with a password over a connection without
 * TLS is answered confidentialityRequired (13), as slapd answers it, before the password is looked at;
 * anonymous binds pass. As in ApacheDS, any other failure of the bind is invalidCredentials (49),
 * except an unauthenticated bind (a DN without password: unwillingToPerform, 53) and a DN that does not
 * parse (invalidDNSyntax, 34). Thread-safe.
 */
final class SimpleBindHandler extends BindRequestHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimpleBindHandler.class);
  private final boolean needsTls;
  private final DnParser dns;

  /**
   * A handler that refuses simple binds with a password outside TLS if {@code needsTls}, and parses bind DNs
   * with {@code dns}.
   */
  SimpleBindHandler(boolean needsTls, DnParser dns) {
    this.needsTls = needsTls;
    this.dns = dns;
  }

  @Override
  public void handleSimpleAuth(LdapSession session, BindRequest request) throws Exception {
    BindResponse response = (BindResponse) request.getResultResponse();
    if (needsTls && hasPassword(request) && session.getIoSession().getFilterChain().get(SslFilter.class) == null) {
      response.getLdapResult().setResultCode(ResultCodeEnum.CONFIDENTIALITY_REQUIRED);
      response.getLdapResult().setDiagnosticMessage("confidentiality required: simple binds need TLS "
          + "(ldaps:// or StartTLS)");
      session.getIoSession().write(response);
      return;
    }
    // A new bind ends the identity of the previous one, whatever its outcome: the session's state says whose
    // it is. ApacheDS's handler also sends the old core session an unbind through the interceptor chain,
    // which reaches MdbPartition.unbind, where there is nothing to release (5% of a rebind's CPU).
    session.setSimpleAuthPending();
    BindOperationContext bind = bindContext(session, request);
    try {
      bind(session, bind);
      response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
    } catch (Exception e) {
      failed(response.getLdapResult(), e);
    } finally {
      if (!session.isAuthenticated()) {
        session.setAnonymous();
      }
    }
    response.addAllControls(bind.getResponseControls());
    session.getIoSession().write(response);
  }

  private static boolean hasPassword(BindRequest request) {
    return request.getCredentials() != null && request.getCredentials().length > 0;
  }

  private BindOperationContext bindContext(LdapSession session, BindRequest request) {
    DirectoryService directory = getLdapServer().getDirectoryService();
    // No core session yet: the bind makes one.
    BindOperationContext bind = new BindOperationContext(null);
    bind.setDn(dn(request));
    bind.setCredentials(request.getCredentials());
    bind.setIoSession(session.getIoSession());
    bind.setInterceptors(directory.getInterceptors(OperationEnum.BIND));
    LdapProtocolUtils.setRequestControls(bind, request);
    return bind;
  }

  /**
   * The request's DN, parsed here as the decoder leaves it a string; null if it does not parse, which the
   * bind then refuses (and {@link BindDnSyntax} answers as slapd does).
   */
  private Dn dn(BindRequest request) {
    if (request.getDn() == null) {
      try {
        request.setDn(dns.parse(request.getName()));
      } catch (LdapInvalidDnException e) {
        LOG.debug("bind DN {} does not parse: {}", request.getName(), e.getMessage());
      }
    }
    return request.getDn();
  }

  private void bind(LdapSession session, BindOperationContext bind) throws Exception {
    getLdapServer().getDirectoryService().getOperationManager().bind(bind);
    CoreSession core = bind.getSession();
    ((DefaultCoreSession) core).setIoSession(session.getIoSession());
    session.setCoreSession(core);
    if (core.isAnonymous()) {
      session.setAnonymous();
    } else {
      session.setAuthenticated();
    }
  }

  private static void failed(LdapResult result, Exception e) {
    ResultCodeEnum code = ResultCodeEnum.INVALID_CREDENTIALS;
    if (e instanceof LdapUnwillingToPerformException) {
      code = ResultCodeEnum.UNWILLING_TO_PERFORM;
    } else if (e instanceof LdapInvalidDnException) {
      code = ResultCodeEnum.INVALID_DN_SYNTAX;
    }
    result.setResultCode(code);
    result.setDiagnosticMessage(code + ": Bind failed: " + e.getLocalizedMessage());
  }
}

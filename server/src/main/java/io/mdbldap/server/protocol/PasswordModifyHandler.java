package io.mdbldap.server.protocol;

import java.security.SecureRandom;
import java.util.Set;
import org.apache.directory.api.ldap.extras.extended.pwdModify.PasswordModifyRequest;
import org.apache.directory.api.ldap.extras.extended.pwdModify.PasswordModifyResponse;
import org.apache.directory.api.ldap.extras.extended.pwdModify.PasswordModifyResponseImpl;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.password.PasswordUtil;
import org.apache.directory.api.util.Strings;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.ldap.ExtendedOperationHandler;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.LdapSession;

/**
 * The Password Modify extended operation (RFC 3062) as slapd performs it:
 *
 * <ul>
 *   <li>only for a bound client (strongerAuthRequired otherwise);
 *   <li>on the entry named by userIdentity, or the bound entry;
 *   <li>an old password, when given, must match one of the entry's (unwillingToPerform, "unwilling
 *       to verify old password", otherwise);
 *   <li>without a new password, one is generated and returned;
 *   <li>the new password is stored hashed with the configured {@code password-hash} ({@code {SSHA}} by default),
 *       which {@link io.mdbldap.server.access.PasswordHashing} applies to this modify as to any other.
 * </ul>
 *
 * The change is an ordinary modify made with the client's own session, so it is subject to the
 * same access rules as a modify of userPassword. ApacheDS's own handler lets only
 * {@code uid=admin,ou=system} change another user's password.
 */
final class PasswordModifyHandler implements ExtendedOperationHandler<PasswordModifyRequest, PasswordModifyResponse> {
  /** The length of generated passwords, and the characters they are drawn from. */
  private static final int GENERATED_LENGTH = 12;
  private static final String GENERATED_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final SecureRandom random = new SecureRandom();

  @Override
  public String getOid() {
    return PasswordModifyRequest.EXTENSION_OID;
  }

  @Override
  public Set<String> getExtensionOids() {
    return Set.of(PasswordModifyRequest.EXTENSION_OID);
  }

  @Override
  public void handleExtendedOperation(LdapSession session, PasswordModifyRequest request) {
    PasswordModifyResponseImpl response = new PasswordModifyResponseImpl(request.getMessageId());
    try {
      modify(session.getCoreSession(), request, response);
      response.getLdapResult().setResultCode(ResultCodeEnum.SUCCESS);
    } catch (LdapOperationException e) {
      fail(response, e.getResultCode(), e.getMessage());
    } catch (LdapException e) {
      fail(response, ResultCodeEnum.OTHER, e.getMessage());
    }
    session.getIoSession().write(response);
  }

  @Override
  public void setLdapServer(LdapServer ldapServer) {
    // Needs nothing from the server.
  }

  private void modify(CoreSession session, PasswordModifyRequest request, PasswordModifyResponseImpl response)
      throws LdapException {
    if (session.isAnonymous()) {
      throw new LdapOperationException(ResultCodeEnum.STRONG_AUTH_REQUIRED,
          "only authenticated users may change passwords");
    }
    Dn target = target(session, request.getUserIdentity());
    if (request.getOldPassword() != null) {
      checkOldPassword(session, target, request.getOldPassword());
    }
    byte[] newPassword = request.getNewPassword();
    if (newPassword == null) {
      newPassword = generate();
      response.setGenPassword(newPassword);
    }
    session.modify(target, new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE,
        SchemaConstants.USER_PASSWORD_AT, newPassword));
  }

  private static Dn target(CoreSession session, byte[] userIdentity) throws LdapException {
    if (userIdentity == null || userIdentity.length == 0) {
      return session.getEffectivePrincipal().getDn();
    }
    String identity = Strings.utf8ToString(userIdentity);
    try {
      return session.getDirectoryService().getDnFactory().create(identity);
    } catch (LdapInvalidDnException e) {
      throw new LdapOperationException(ResultCodeEnum.INVALID_DN_SYNTAX, "invalid user identity \"" + identity
          + "\": only DNs are supported");
    }
  }

  private static void checkOldPassword(CoreSession session, Dn target, byte[] oldPassword) throws LdapException {
    Entry entry = session.lookup(target, SchemaConstants.USER_PASSWORD_AT);
    Attribute passwords = entry == null ? null : entry.get(SchemaConstants.USER_PASSWORD_AT);
    if (passwords != null) {
      for (Value value : passwords) {
        if (PasswordUtil.compareCredentials(oldPassword, value.getBytes())) {
          return;
        }
      }
    }
    throw new LdapOperationException(ResultCodeEnum.UNWILLING_TO_PERFORM, "unwilling to verify old password");
  }

  private byte[] generate() {
    StringBuilder password = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      password.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
    }
    return Strings.getBytesUtf8(password.toString());
  }

  private static void fail(PasswordModifyResponseImpl response, ResultCodeEnum code, String message) {
    response.getLdapResult().setResultCode(code);
    response.getLdapResult().setDiagnosticMessage(message);
  }
}

package io.mdbldap.server.protocol;

import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.message.Control;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequestImpl;

/**
 * A modify request that can be printed whatever its operations. The LDAP API 2.1.5 decodes an
 * increment (RFC 4525) but its {@code ModifyRequestImpl.toString()} throws on one; ApacheDS prints
 * a request into the diagnostic message of every failed operation, and logs it at debug level, so
 * an increment would end the connection with a protocolError instead of reaching the directory.
 */
final class PrintableModifyRequest extends ModifyRequestImpl {
  private static final long serialVersionUID = 1L;

  private PrintableModifyRequest(ModifyRequest decoded) {
    setMessageId(decoded.getMessageId());
    setName(decoded.getName());
    decoded.getModifications().forEach(this::addModification);
    addAllControls(decoded.getControls().values().toArray(Control[]::new));
  }

  /** {@code request} itself if it can be printed, else a printable copy. */
  static ModifyRequest ifNeeded(ModifyRequest request) {
    boolean increments = request.getModifications().stream()
        .anyMatch(modification -> modification.getOperation() == ModificationOperation.INCREMENT_ATTRIBUTE);
    return increments ? new PrintableModifyRequest(request) : request;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("    Modify Request\n        Object : '").append(getName()).append("'\n");
    for (Modification modification : getModifications()) {
      text.append("        ").append(modification.getOperation()).append(' ').append(modification.getAttribute())
          .append('\n');
    }
    return toString(text.toString());
  }
}

package io.mdbldap.server.protocol;

import java.util.Optional;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * undefinedAttributeType (17) for an add or modify naming an attribute type the schema lacks, as
 * slapd and RFC 4511 4.1.9 answer. ApacheDS makes the request's entry or modifications
 * schema-aware before anything else, and the schema's lookup of the unknown type fails with
 * noSuchAttribute (16); that is the only way such a request ends, so this fix knows its cause.
 */
final class UndefinedAttributeTypes implements ResultFix {
  private final SchemaManager schema;

  /** The fix for requests checked against {@code schema}. */
  UndefinedAttributeTypes(SchemaManager schema) {
    this.schema = schema;
  }

  @Override
  public void fix(ResultResponseRequest request, LdapResult result) {
    if (result.getResultCode() != ResultCodeEnum.NO_SUCH_ATTRIBUTE) {
      return;
    }
    undefined(attributes(request)).ifPresent(name -> {
      result.setResultCode(ResultCodeEnum.UNDEFINED_ATTRIBUTE_TYPE);
      result.setDiagnosticMessage(name + ": attribute type undefined");
    });
  }

  private static Stream<Attribute> attributes(ResultResponseRequest request) {
    if (request instanceof AddRequest add) {
      return add.getEntry().getAttributes().stream();
    }
    if (request instanceof ModifyRequest modify) {
      return modify.getModifications().stream().map(Modification::getAttribute);
    }
    return Stream.empty();
  }

  /** The name, as the client wrote it, of the first attribute whose type is undefined. */
  private Optional<String> undefined(Stream<Attribute> attributes) {
    return attributes.map(Attribute::getUpId).filter(name -> schema.getAttributeType(withoutOptions(name)) == null)
        .findFirst();
  }

  private static String withoutOptions(String description) {
    int options = description.indexOf(';');
    return options < 0 ? description : description.substring(0, options);
  }
}

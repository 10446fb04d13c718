package io.mdbldap.server.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.SimpleNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.filter.UndefinedNode;
import org.apache.directory.api.ldap.model.message.AddRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.DeleteRequest;
import org.apache.directory.api.ldap.model.message.LdapResult;
import org.apache.directory.api.ldap.model.message.ModifyDnRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.ResultResponseRequest;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Answers requests holding invalid UTF-8 as slapd does. The LDAP API decodes an LDAPString or a
 * textual value that is not UTF-8 to U+FFFD, the replacement character, and ApacheDS's
 * normalizers then fail with "other". So, as a request arrives: a DN with U+FFFD gets
 * invalidDNSyntax; an added, modified or compared textual value with it gets
 * invalidAttributeSyntax; a filter term with it is Undefined, as RFC 4511 section 4.5.1.7 has a
 * term the server cannot evaluate, and matches nothing. A client that really sends U+FFFD, as
 * valid UTF-8, is answered the same: no DN or directory string needs it.
 *
 * <p>A MINA filter after the codec. Thread-safe: it keeps no state.
 */
final class InvalidUtf8 extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "invalidUtf8";

  private static final char REPLACEMENT = '\uFFFD';

  private final SchemaManager schema;

  InvalidUtf8(SchemaManager schema) {
    this.schema = schema;
  }

  @Override
  public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
    if (message instanceof ResultResponseRequest request) {
      if (dns(request).anyMatch(InvalidUtf8::invalid)) {
        refuse(session, request, ResultCodeEnum.INVALID_DN_SYNTAX, "invalid UTF-8 in a DN");
        return;
      }
      if (values(request).anyMatch(InvalidUtf8::invalid)) {
        refuse(session, request, ResultCodeEnum.INVALID_ATTRIBUTE_SYNTAX, "invalid UTF-8 in a value");
        return;
      }
      if (request instanceof SearchRequest search) {
        search.setFilter(undefineInvalidTerms(search.getFilter()));
      }
    }
    next.messageReceived(session, message);
  }

  private static Stream<Dn> dns(ResultResponseRequest request) {
    if (request instanceof AddRequest add) {
      return Stream.of(add.getEntryDn());
    } else if (request instanceof DeleteRequest delete) {
      return Stream.of(delete.getName());
    } else if (request instanceof ModifyRequest modify) {
      return Stream.of(modify.getName());
    } else if (request instanceof ModifyDnRequest modDn) {
      return Stream.of(modDn.getName(), modDn.getNewSuperior());
    } else if (request instanceof CompareRequest compare) {
      return Stream.of(compare.getName());
    } else if (request instanceof SearchRequest search) {
      return Stream.of(search.getBase());
    }
    return Stream.empty();
  }

  private static Stream<Value> values(ResultResponseRequest request) {
    if (request instanceof AddRequest add && add.getEntry() != null) {
      return add.getEntry().getAttributes().stream().flatMap(InvalidUtf8::values);
    } else if (request instanceof ModifyRequest modify) {
      return modify.getModifications().stream().map(Modification::getAttribute).flatMap(InvalidUtf8::values);
    } else if (request instanceof CompareRequest compare) {
      return Stream.of(compare.getAssertionValue());
    }
    return Stream.empty();
  }

  private static Stream<Value> values(Attribute attribute) {
    return attribute == null ? Stream.empty() : StreamSupport.stream(attribute.spliterator(), false);
  }

  private static boolean invalid(Dn dn) {
    return dn != null && dn.getName().indexOf(REPLACEMENT) >= 0;
  }

  private static boolean invalid(Value value) {
    return value != null && value.isHumanReadable() && invalid(value.getString());
  }

  private static boolean invalid(String text) {
    return text != null && text.indexOf(REPLACEMENT) >= 0;
  }

  /** The filter with each term holding invalid UTF-8 replaced by Undefined; without recursion, as filters nest deep. */
  private ExprNode undefineInvalidTerms(ExprNode filter) {
    if (filter instanceof LeafNode leaf) {
      return invalid(leaf) ? UndefinedNode.UNDEFINED_NODE : filter;
    }
    Deque<BranchNode> branches = new ArrayDeque<>();
    if (filter instanceof BranchNode branch) {
      branches.push(branch);
    }
    while (!branches.isEmpty()) {
      List<ExprNode> children = branches.pop().getChildren();
      for (int i = 0; i < children.size(); i++) {
        if (children.get(i) instanceof BranchNode child) {
          branches.push(child);
        } else if (children.get(i) instanceof LeafNode leaf && invalid(leaf)) {
          children.set(i, UndefinedNode.UNDEFINED_NODE);
        }
      }
    }
    return filter;
  }

  private boolean invalid(LeafNode leaf) {
    if (invalid(leaf.getAttribute())) {
      return true;
    }
    if (leaf instanceof SimpleNode<?> simple) {
      // The decoder keeps assertion values as bytes: they are text if the attribute's syntax is.
      Value value = simple.getValue();
      return value != null && (value.isHumanReadable() ? invalid(value.getString())
          : textual(leaf.getAttribute()) && !isUtf8(value.getBytes()));
    }
    if (leaf instanceof SubstringNode substring) {
      return invalid(substring.getInitial()) || invalid(substring.getFinal())
          || (substring.getAny() != null && substring.getAny().stream().anyMatch(InvalidUtf8::invalid));
    }
    return false;
  }

  private boolean textual(String attribute) {
    AttributeType type = schema.getAttributeType(attribute);
    return type != null && type.getSyntax() != null && type.getSyntax().isHumanReadable();
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static void refuse(IoSession session, ResultResponseRequest request, ResultCodeEnum code, String why) {
    LdapResult result = request.getResultResponse().getLdapResult();
    result.setResultCode(code);
    result.setDiagnosticMessage(why);
    session.write(request.getResultResponse());
  }
}
